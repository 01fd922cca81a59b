// "Evaluate…" from the Models page: perplexity, KL divergence against a chosen base and speed for any
// set of GGUF files in the library (QuantDesk's or llama.cpp's), run as one evaluation job whose results
// go to the results database. The base's log-probabilities are computed once per text and settings and
// reused; what was measured before with the same settings is served from the database.
#pragma once

#include <QDialog>

#include "ui/quantize_jobs.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace qd::ui {

class GpuChoiceWidget;
class MachineInfo;
class ModelListModel;

class EvaluateDialog : public QDialog {
    Q_OBJECT
public:
    // `selected`: the file checked first (the Models page's selection). `machine` lists the GPUs for the
    // offload choice (without it the choice offers the best GPU only).
    EvaluateDialog(const ModelListModel& models, const QString& selected, QWidget* parent = nullptr,
                   MachineInfo* machine = nullptr);

    // The job to run for what is chosen; check problem() first.
    EvaluateRequest request() const;
    // Why the dialog cannot start (empty: it can).
    QString problem() const;

    QListWidget* fileList() const { return m_files; }
    QComboBox* baseCombo() const { return m_base; }
    QLineEdit* textEdit() const { return m_text; }
    QSpinBox* contextSpin() const { return m_context; }
    QSpinBox* chunksSpin() const { return m_chunks; }
    QCheckBox* speedCheck() const { return m_speed; }
    GpuChoiceWidget* gpuChoice() const { return m_gpu; }

private:
    void chooseBase();
    void update();

    struct File {
        QString path;
        QString fileType;
        QString architecture;
        quint64 vocab = 0;
        quint64 context = 0;  // trained context length (0: unknown)
        quint64 size = 0;
        QString name;
    };
    std::vector<File> m_entries;  // runnable GGUF files, as in the list
    QListWidget* m_files = nullptr;
    QComboBox* m_base = nullptr;
    QLineEdit* m_text = nullptr;
    QSpinBox* m_context = nullptr;
    QSpinBox* m_chunks = nullptr;
    QCheckBox* m_speed = nullptr;
    GpuChoiceWidget* m_gpu = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_baseTouched = false;
    bool m_contextTouched = false;
    void chooseContext();
};

}  // namespace qd::ui
