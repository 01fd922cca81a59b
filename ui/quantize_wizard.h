// The quantization wizard: source → methods → options → run → summary.
//
//   1 Source   a GGUF file, a Hugging Face folder or a llama2.c checkpoint, checked on a worker; an
//              unusable source is explained and keeps Next disabled; a quantized one needs a tick.
//   2 Methods  every mix with this model's exact output size, bits per weight, RAM at a context and
//              the expected quality; quick selections and a target mode (a size or RAM budget).
//   3 Options  output folder, file-name template with preview, threads, existing files, --pure,
//              output / embedding types, per-tensor overrides with a live preview; evaluation.
//   4 Run      (commit page) the jobs go to the JobRunner: import first when needed, then one job per
//              variant, then the evaluation; a bar per variant and one overall, Cancel per variant or
//              all. Closing the wizard leaves the jobs running in the jobs panel.
//   5 Summary  per output: file, predicted and actual size, time, perplexity, KLD, tokens/s.
#pragma once

#include <QFutureWatcher>
#include <QHash>
#include <QWizard>
#include <QWizardPage>

#include "ui/quantize_plan.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;
class QTimer;
class QToolButton;
class QVBoxLayout;

namespace qd::ui {

class JobRunner;
class Library;
class MethodsModel;
class QuantizeWizard;
class Settings;
enum class JobState;

class SourcePage : public QWizardPage {
    Q_OBJECT
public:
    explicit SourcePage(QuantizeWizard* wizard);
    bool isComplete() const override;
    void setPath(const QString& path);
    const SourceInfo& info() const { return m_info; }
    bool isAnalyzing() const { return m_analyzing; }
    QLineEdit* pathEdit() const { return m_path; }
    QCheckBox* requantizeBox() const { return m_requantize; }
    QLabel* infoLabel() const { return m_infoLabel; }
    QComboBox* libraryCombo() const { return m_fromLibrary; }
    QCheckBox* useDeltaBox() const { return m_useDelta; }
    QLineEdit* deltaPathEdit() const { return m_deltaPath; }
    // The delta folder to apply, or empty when "Apply delta weights" is off.
    QString deltaFolder() const;
    // Lists the library's models in the "From the library" chooser.
    void setLibrary(Library* library);
    Library* library() const { return m_library; }

signals:
    void analyzed();

private:
    void analyze();
    void showInfo();
    void refreshLibraryChoices();

    QuantizeWizard* m_wizard;
    Library* m_library = nullptr;
    QComboBox* m_fromLibrary = nullptr;
    QLineEdit* m_path = nullptr;
    QLabel* m_infoLabel = nullptr;
    QCheckBox* m_requantize = nullptr;
    QCheckBox* m_useDelta = nullptr;
    QLineEdit* m_deltaPath = nullptr;
    QPushButton* m_deltaFolder = nullptr;
    QTimer* m_debounce = nullptr;
    QFutureWatcher<SourceInfo> m_watcher;
    SourceInfo m_info;
    QString m_pending;
    bool m_analyzing = false;
};

class MethodsPage : public QWizardPage {
    Q_OBJECT
public:
    explicit MethodsPage(QuantizeWizard* wizard);
    void initializePage() override;
    bool isComplete() const override;
    MethodsModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QLineEdit* budgetEdit() const { return m_budget; }
    QComboBox* budgetKind() const { return m_budgetKind; }
    QSpinBox* contextSpin() const { return m_context; }
    QLabel* totalLabel() const { return m_total; }
    QLabel* targetLabel() const { return m_targetMessage; }
    // Target mode: selects the best mix within the budget typed in; returns it (empty when none fits).
    QString selectBest();
    void refresh();
    int context() const;

private:
    void updateTotal();

    QuantizeWizard* m_wizard;
    MethodsModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_budget = nullptr;
    QComboBox* m_budgetKind = nullptr;
    QSpinBox* m_context = nullptr;
    QLabel* m_total = nullptr;
    QLabel* m_targetMessage = nullptr;
    QString m_estimatedFor;  // the source path the table was computed for
};

class OptionsPage : public QWizardPage {
    Q_OBJECT
public:
    explicit OptionsPage(QuantizeWizard* wizard);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    QLineEdit* folderEdit() const { return m_folder; }
    QLineEdit* templateEdit() const { return m_template; }
    QLabel* namesPreview() const { return m_names; }
    QComboBox* existingCombo() const { return m_existing; }
    QCheckBox* pureBox() const { return m_pure; }
    QComboBox* outputTypeCombo() const { return m_outputType; }
    QComboBox* embeddingTypeCombo() const { return m_embeddingType; }
    QPlainTextEdit* overridesEdit() const { return m_overrides; }
    QLabel* overridesMessage() const { return m_overridesMessage; }
    QComboBox* previewMixCombo() const { return m_previewMix; }
    QStandardItemModel* tensorPreview() const { return m_preview; }
    QLabel* previewSize() const { return m_previewSize; }
    QCheckBox* evaluateBox() const { return m_evaluate; }
    QLineEdit* textEdit() const { return m_text; }
    QSpinBox* evalContextSpin() const { return m_evalContext; }
    QSpinBox* chunksSpin() const { return m_chunks; }
    QCheckBox* speedBox() const { return m_speed; }
    QSpinBox* threadsSpin() const { return m_threads; }
    // The importance matrix: none, computed from a calibration text (once per source and text, then
    // reused), or a file the person has (llama-imatrix's or ours), checked against the source's tensors.
    enum ImatrixMode { NoImatrix = 0, ComputeImatrix = 1, ImatrixFromFile = 2 };
    QComboBox* imatrixModeBox() const { return m_imatrixMode; }
    QLineEdit* imatrixTextEdit() const { return m_imatrixText; }
    QLineEdit* imatrixFileEdit() const { return m_imatrixFile; }
    QSpinBox* imatrixContextSpin() const { return m_imatrixContext; }
    QSpinBox* imatrixChunksSpin() const { return m_imatrixChunks; }
    QLabel* imatrixNote() const { return m_imatrixNote; }
    ImatrixMode imatrixMode() const;

    // The options as the run will use them (mix left for each variant to set); false when invalid.
    bool options(qd::QuantizeOptions& out, QString* error = nullptr) const;
    // The output path of each checked mix with the current folder, template and existing-file policy.
    QStringList outputPaths(const QStringList& mixes) const;

    enum Existing { Stop, Replace, Number };

private:
    void updatePreview();
    void updateNames();

    QuantizeWizard* m_wizard;
    QLineEdit* m_folder = nullptr;
    QLineEdit* m_template = nullptr;
    QLabel* m_names = nullptr;
    QSpinBox* m_threads = nullptr;
    QComboBox* m_imatrixMode = nullptr;
    QLineEdit* m_imatrixText = nullptr;
    QLineEdit* m_imatrixFile = nullptr;
    QSpinBox* m_imatrixContext = nullptr;
    QSpinBox* m_imatrixChunks = nullptr;
    QLabel* m_imatrixNote = nullptr;
    QWidget* m_imatrixTextRow = nullptr;
    QWidget* m_imatrixFileRow = nullptr;
    void updateImatrixRows();
    QComboBox* m_existing = nullptr;
    QCheckBox* m_pure = nullptr;
    QComboBox* m_outputType = nullptr;
    QComboBox* m_embeddingType = nullptr;
    QPlainTextEdit* m_overrides = nullptr;
    QLabel* m_overridesMessage = nullptr;
    QComboBox* m_previewMix = nullptr;
    QStandardItemModel* m_preview = nullptr;
    QTableView* m_previewTable = nullptr;
    QLabel* m_previewSize = nullptr;
    QCheckBox* m_evaluate = nullptr;
    QLineEdit* m_text = nullptr;
    QSpinBox* m_evalContext = nullptr;
    QSpinBox* m_chunks = nullptr;
    QCheckBox* m_speed = nullptr;
    QLabel* m_evalNote = nullptr;
    QLabel* m_space = nullptr;
    bool m_overridesValid = true;
};

class RunPage : public QWizardPage {
    Q_OBJECT
public:
    explicit RunPage(QuantizeWizard* wizard);
    void initializePage() override;
    bool isComplete() const override;
    QProgressBar* overallBar() const { return m_overall; }
    QProgressBar* barFor(int jobId) const;
    QPushButton* cancelButtonFor(int jobId) const;
    QPushButton* cancelAllButton() const { return m_cancelAll; }
    QLabel* stageLabel() const { return m_stage; }

private:
    void refresh();

    QuantizeWizard* m_wizard;
    QVBoxLayout* m_rows = nullptr;
    QProgressBar* m_overall = nullptr;
    QLabel* m_stage = nullptr;
    QPushButton* m_cancelAll = nullptr;
    struct Row {
        int job;
        QLabel* title;
        QProgressBar* bar;
        QLabel* state;
        QPushButton* cancel;
    };
    QList<Row> m_rowWidgets;
    bool m_started = false;
};

class SummaryPage : public QWizardPage {
    Q_OBJECT
public:
    explicit SummaryPage(QuantizeWizard* wizard);
    void initializePage() override;
    QStandardItemModel* table() const { return m_table; }
    QPushButton* chatButton() const { return m_chat; }
    QPushButton* sideBySideButton() const { return m_sideBySide; }
    void updateChatButtons();

private:
    // The finished outputs, in the table's order; the selected row's first.
    QStringList finishedOutputs() const;

    QuantizeWizard* m_wizard;
    QStandardItemModel* m_table = nullptr;
    QTableView* m_view = nullptr;
    QPushButton* m_chat = nullptr;
    QPushButton* m_sideBySide = nullptr;
    QLabel* m_message = nullptr;
};

class QuantizeWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { SourceId, MethodsId, OptionsId, RunId, SummaryId };

    QuantizeWizard(Settings& settings, JobRunner& jobs, QWidget* parent = nullptr);

    Settings& settings() const { return m_settings; }
    JobRunner& jobs() const { return m_jobs; }
    // RAM the "fits" column compares against (defaults to this machine's).
    quint64 physicalMemory() const { return m_memory; }
    void setPhysicalMemory(quint64 bytes) { m_memory = bytes; }
    // The results database the quality column and the evaluation use (empty: the default one).
    QString database() const { return m_database; }
    void setDatabase(const QString& path) { m_database = path; }

    void setSource(const QString& path);
    // Whether the window has a Chat page: the summary then offers Chat with… and Side by side.
    void setChatAvailable(bool on);
    bool chatAvailable() const { return m_chatAvailable; }
    const SourceInfo& source() const;
    // The application's library, whose models the source page offers.
    void setLibrary(Library* library) { m_sourcePage->setLibrary(library); }

    SourcePage* sourcePage() const { return m_sourcePage; }
    MethodsPage* methodsPage() const { return m_methodsPage; }
    OptionsPage* optionsPage() const { return m_optionsPage; }
    RunPage* runPage() const { return m_runPage; }
    SummaryPage* summaryPage() const { return m_summaryPage; }

    // The run's jobs (after the commit page started them).
    struct VariantJob {
        QString mix;
        QString output;
        quint64 predicted = 0;
        int job = 0;
    };
    const QList<VariantJob>& variantJobs() const { return m_variants; }
    int importJob() const { return m_importJob; }
    int imatrixJob() const { return m_imatrixJob; }  // 0 without a computed importance matrix
    int evaluateJob() const { return m_evaluateJob; }
    QList<int> allJobs() const;
    bool runFinished() const;

    // Submits the jobs for the current choices (the commit page calls it once).
    void startRun();

signals:
    void showInLibrary(const QString& path);
    void showJobsRequested();
    void chatRequested(const QString& path);
    void sideBySideRequested(const QStringList& paths);
    void runStateChanged();

private:
    Settings& m_settings;
    JobRunner& m_jobs;
    quint64 m_memory = 0;
    bool m_chatAvailable = false;
    QString m_database;
    SourcePage* m_sourcePage;
    MethodsPage* m_methodsPage;
    OptionsPage* m_optionsPage;
    RunPage* m_runPage;
    SummaryPage* m_summaryPage;
    QList<VariantJob> m_variants;
    int m_importJob = 0;
    int m_imatrixJob = 0;
    int m_evaluateJob = 0;
};

}  // namespace qd::ui
