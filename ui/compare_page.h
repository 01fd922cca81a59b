// The Compare page: every measured variant in one view — size against quality (QualityChart), speed
// (SpeedChart), a sortable table, the recommendation for this machine, and exports (the chart as PNG,
// PDF or SVG, the table as CSV, a report in Markdown or HTML with the chart in it).
//
// It reads the results database through EvaluationsModel and follows evaluation jobs while they run, so
// each variant appears as soon as it is measured.
#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;
class QTimer;

namespace qd::ui {

class EvaluationsModel;
class JobRunner;
class QualityChart;
class Settings;
class SpeedChart;

class ComparePage : public QWidget {
    Q_OBJECT
public:
    ComparePage(Settings& settings, EvaluationsModel& model, JobRunner& jobs, QWidget* parent = nullptr);

    QualityChart* chart() const { return m_chart; }
    SpeedChart* speedChart() const { return m_speed; }
    QTableView* table() const { return m_table; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QLabel* recommendationLabel() const { return m_recommendation; }
    // The model row selected in the table (-1: none).
    int selectedRow() const;
    void selectRow(int modelRow);
    void setChatAvailable(bool on);
    // The results database shown (the evaluations the Models page starts go there).
    QString databasePath() const;

    // Exports; each writes a temporary file and renames it when complete. The format follows the suffix
    // (.png, .pdf, .svg; .md, .html). Return an empty string or the reason it failed.
    QString exportChart(const QString& path, int width = 1200, int height = 700);
    QString exportTable(const QString& path);
    QString exportReport(const QString& path);
    // The report's text (Markdown or HTML); `chartRef` is the image reference put in it.
    QString reportText(bool html, const QString& chartRef) const;

public slots:
    void reload();

signals:
    void chatRequested(const QString& path);
    void showInModelsRequested(const QString& path);
    // "Evaluate…": measure more files (the main window opens the Evaluate dialog).
    void evaluateRequested();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateMachine();
    void updateButtons();
    void updateRecommendation();
    void updateSeriesChoice();
    QString chooseExportPath(const QString& title, const QString& filters, const QString& suffix);

    Settings& m_settings;
    EvaluationsModel& m_model;
    QualityChart* m_chart = nullptr;
    SpeedChart* m_speed = nullptr;
    QTableView* m_table = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QComboBox* m_axis = nullptr;
    QComboBox* m_metric = nullptr;
    QComboBox* m_series = nullptr;
    QCheckBox* m_unquantized = nullptr;
    QLabel* m_seriesLabel = nullptr;
    QSpinBox* m_context = nullptr;
    QDoubleSpinBox* m_memory = nullptr;
    QDoubleSpinBox* m_minSpeed = nullptr;
    QLabel* m_recommendation = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_chat = nullptr;
    QPushButton* m_show = nullptr;
    QTimer* m_follow = nullptr;
    bool m_chatAvailable = false;
};

}  // namespace qd::ui
