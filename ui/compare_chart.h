// The Compare page's charts, fed from EvaluationsModel:
//  - QualityChart: size (file size or bits per weight) against a quality metric, one colour per series,
//    each point labelled with its mix, whiskers (the KL divergence's 99th percentile, or the error), the
//    Pareto front drawn and dominated variants greyed, a vertical line at the largest file that fits the
//    memory budget at the chosen context, and the recommended variant ringed;
//  - SpeedChart: prompt and generation tokens per second per variant.
#pragma once

#include <QHash>
#include <QWidget>

#include <vector>

#include "core/eval/variant_choice.h"

class QCustomPlot;
class QCPGraph;
class QCPItemText;
class QCPItemTracer;
class QMouseEvent;
class QTimer;

namespace qd::ui {

class EvaluationsModel;
struct EvaluationRow;

enum class CompareMetric { Kld, Ppl, DeltaPplPercent, LogPplRatio, SameTop };
enum class CompareAxis { FileSize, BitsPerWeight };

// Moves the plot's legend into a row of its own under everything else, entries side by side (wrapping after
// `columns` when positive), so it never covers points or lines. The Compare and Lab pages' charts use it.
void placeLegendBelow(QCustomPlot* plot, int columns = 0);

// The metric's value for a row (lower is better except for SameTop) and whether the row has it.
bool metricValue(const EvaluationRow& row, CompareMetric metric, double& value, double& errorMinus, double& errorPlus);
// Oriented so that lower is better: what the Pareto front and the recommendation minimise.
double metricLoss(CompareMetric metric, double value);
QString metricName(CompareMetric metric);

struct ChartPoint {
    int row = -1;          // EvaluationsModel row
    double x = 0, y = 0;
    bool front = false;    // on its series' Pareto front
};

class QualityChart : public QWidget {
    Q_OBJECT
public:
    explicit QualityChart(EvaluationsModel& model, QWidget* parent = nullptr);

    void setMetric(CompareMetric metric);
    void setAxis(CompareAxis axis);
    // The memory the variants must fit in (0: no limit) at `context` tokens; the minimum generation
    // speed the recommendation asks for (0: any).
    void setMachine(quint64 memoryBudget, int context, double minTokensPerSecond);
    // Whether 16- and 32-bit files (F16, BF16, F32 variants) are plotted and may be recommended. Off by
    // default: their divergence is thousands of times below any quantized file's and squeezes the others
    // into a corner of a log scale. The table lists them either way.
    void setShowUnquantized(bool on);
    bool showUnquantized() const { return m_showUnquantized; }
    // The series the recommendation chooses in (-1: the one with the most rows).
    void setRecommendSeries(int series);

    CompareMetric currentMetric() const { return m_metric; }
    CompareAxis axis() const { return m_axis; }
    QCustomPlot* plot() const { return m_plot; }
    const std::vector<ChartPoint>& points() const { return m_points; }
    int pointCount(int series) const;
    bool logScale() const { return m_log; }
    // What running a row's file needs at the chosen context (0: unknown, the file is gone).
    quint64 memoryNeed(int row) const;
    int recommendSeries() const { return m_recommendSeriesUsed; }
    const qd::VariantChoice& choice() const { return m_choice; }
    // The row the recommendation chose (-1: none), and the sentence that says why.
    int recommendedRow() const { return m_recommendedRow; }
    QString recommendation() const { return m_recommendation; }
    // Bytes per unit of the x axis when it shows file sizes (MiB below 1 GiB, else GiB).
    double sizeUnitBytes() const { return m_sizeUnit; }
    // The x position of the memory line (NaN when none is drawn) for a series.
    double fitLimit(int series) const;

    // Rings a row (from the table); -1 clears.
    void selectRow(int row);
    int selectedRow() const { return m_selected; }
    // The point under a widget position (within a few pixels), -1 when none.
    int rowAt(const QPoint& pos) const;

public slots:
    void rebuild();

signals:
    void rowClicked(int row);
    void recommendationChanged();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void onMouseMove(QMouseEvent* event);
    void onMousePress(QMouseEvent* event);
    void placeLabels();
    QString pointToolTip(int row) const;
    double xOf(const EvaluationRow& row) const;

    EvaluationsModel& m_model;
    QCustomPlot* m_plot = nullptr;
    CompareMetric m_metric = CompareMetric::Kld;
    CompareAxis m_axis = CompareAxis::FileSize;
    quint64 m_budget = 0;
    int m_context = 4096;
    double m_minSpeed = 0;
    int m_recommendSeries = -1;
    int m_recommendSeriesUsed = -1;
    bool m_showUnquantized = false;
    bool m_log = false;
    double m_sizeUnit = 1024.0 * 1024.0 * 1024.0;
    std::vector<ChartPoint> m_points;
    std::vector<QCPItemText*> m_labels;         // one per point
    std::vector<QCPItemTracer*> m_anchors;      // the labels hang on these
    std::vector<double> m_fitLimits;            // per series
    QCPGraph* m_selectionGraph = nullptr;
    QCPGraph* m_recommendGraph = nullptr;
    int m_selected = -1;
    int m_recommendedRow = -1;
    QString m_recommendation;
    qd::VariantChoice m_choice;
    QTimer* m_relabel = nullptr;
    mutable QHash<QString, quint64> m_needs;    // "path|context" -> bytes
};

class SpeedChart : public QWidget {
    Q_OBJECT
public:
    explicit SpeedChart(EvaluationsModel& model, QWidget* parent = nullptr);
    QCustomPlot* plot() const { return m_plot; }
    // Rows drawn, in order (those with a speed).
    const std::vector<int>& rows() const { return m_rows; }

public slots:
    void rebuild();

private:
    EvaluationsModel& m_model;
    QCustomPlot* m_plot = nullptr;
    std::vector<int> m_rows;
};

// A colour per series, distinct and readable on white.
QColor seriesColor(int series);

}  // namespace qd::ui
