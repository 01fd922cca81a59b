// The Lab page: which block size (QK) is best for a model on this machine (core/lab). The person picks a
// base model and an evaluation text, the space (families, QK, bits, scale formats, K-style super-block and
// code width) and the question (at most B bits per weight, a budget of quality evaluations, the search
// strategies); the run is one job of the job runner, and its points stream into the charts (lab_charts.h)
// and the table as they are measured. At the end the recommendation is said in words, the report is saved
// (Markdown, HTML and points.json beside the results database) and can be saved as PDF, HTML or Markdown.
#pragma once

#include <QWidget>

#include <memory>

#include "core/lab/lab_report.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QSplitter;
class QTableView;
class QTabWidget;
class QTimer;

namespace qd::ui {

class JobRunner;
class LabCharts;
class LabPointsModel;
class Library;
class Settings;

class LabPage : public QWidget {
    Q_OBJECT
public:
    LabPage(Settings& settings, Library& library, JobRunner& jobs, QWidget* parent = nullptr);
    ~LabPage() override;

    // The settings the controls describe now (what Run would start).
    qd::lab::LabSettings labSettings() const;
    // Why Run cannot start with these settings (empty: it can).
    QString problem() const;
    void setBase(const QString& path);
    void setText(const QString& path);

    int runningJob() const { return m_job; }
    // The last finished run (null before one).
    const qd::lab::LabReport* report() const { return m_report.get(); }
    QString reportFolder() const { return m_reportFolder; }
    QString recommendationText() const;
    // Writes the report as PDF (charts included), HTML or Markdown, chosen by the suffix; empty on success,
    // else the message.
    QString saveReport(const QString& path);

    LabCharts* charts() const { return m_charts; }
    LabPointsModel* pointsModel() const { return m_points; }

public slots:
    void run();
    void cancel();

signals:
    void runFinished(bool ok);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void buildControls();
    void refillBases();
    void updateSummary();
    void onEvent(const qd::lab::LabEvent& event);
    void onJobFinished(int id);
    void saveControls() const;
    void restoreControls();
    void chooseSaveReport();

    Settings& m_settings;
    Library& m_library;
    JobRunner& m_jobs;

    QComboBox* m_base = nullptr;
    QLineEdit* m_text = nullptr;
    QSpinBox* m_context = nullptr;
    QSpinBox* m_chunks = nullptr;
    std::vector<std::pair<QString, QCheckBox*>> m_families;  // key (t0, t1, k, nl, fp4), box
    std::vector<std::pair<int, QCheckBox*>> m_qks;
    std::vector<std::pair<int, QCheckBox*>> m_bits;
    QCheckBox* m_f16 = nullptr;
    QCheckBox* m_e8m0 = nullptr;
    QComboBox* m_superBlock = nullptr;
    QComboBox* m_codeBits = nullptr;
    QDoubleSpinBox* m_maxBpw = nullptr;
    QDoubleSpinBox* m_minSpeed = nullptr;
    QSpinBox* m_budget = nullptr;
    QCheckBox* m_bayes = nullptr;
    QCheckBox* m_random = nullptr;
    QCheckBox* m_front = nullptr;
    QCheckBox* m_speed = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_openFolder = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_recommendation = nullptr;
    QComboBox* m_bitsShown = nullptr;
    QTabWidget* m_tabs = nullptr;
    LabCharts* m_charts = nullptr;
    LabPointsModel* m_points = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    QTimer* m_redraw = nullptr;
    QSplitter* m_splitter = nullptr;
    QWidget* m_settingsPane = nullptr;
    bool m_splitterRestored = false;

    int m_job = 0;
    qd::lab::LabSettings m_runSettings;
    std::shared_ptr<qd::lab::LabReport> m_report;
    QString m_reportFolder;
    QString m_command;
};

}  // namespace qd::ui
