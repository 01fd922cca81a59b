// The Lab page's four charts (QCustomPlot), fed point by point while a lab run goes on:
//  - quality: bits per weight against mean KL divergence (log scale) of the evaluated points, one marker
//    shape per family and the colour the dot product's speed (the fastest instruction set, GB/s, with its
//    colour scale), the Pareto front of what was evaluated, the size budget and the recommendation ringed;
//  - weight error: QK against the weight RMSE, one line per family (and K-style super-block / code width)
//    at the bits chosen to show;
//  - speed: QK against the dot product's GB/s, one colour per family, one line style per instruction set;
//  - the search: best KL divergence so far against quality evaluations, one line per strategy.
// "Whole row" blocks sit at the right end of the QK axes, labelled "row".
#pragma once

#include <QWidget>

#include <map>
#include <vector>

#include "core/lab/lab_report.h"

class QCustomPlot;
class QCPColorScale;

namespace qd::ui {

// The strategy's and the family's names as the GUI shows them (translated).
QString strategyText(qd::lab::Strategy strategy);
QString labFamilyName(const qd::lab::BlockFormat& format);

class LabCharts : public QWidget {
    Q_OBJECT
public:
    explicit LabCharts(QWidget* parent = nullptr);

    void clear();
    void setBudget(double maxBitsPerWeight);
    // A point's figures (measured, or evaluated: quality set); `index` as in the run's space.
    void setPoint(int index, const qd::lab::LabPoint& point);
    void addTrace(qd::lab::Strategy strategy, int evaluation, double bestLnKld);
    void setRecommended(int index);
    // The bit width the QK charts show (codebooks are 4-bit and show at 4).
    void setBitsShown(int bits);
    int bitsShown() const { return m_bits; }
    // Redraws (the page calls it at most a few times a second while a run streams in).
    void refresh();

    QCustomPlot* qualityPlot() const { return m_quality; }
    QCustomPlot* errorPlot() const { return m_error; }
    QCustomPlot* speedPlot() const { return m_speed; }
    QCustomPlot* tracePlot() const { return m_trace; }
    std::vector<QCustomPlot*> plots() const { return {m_quality, m_error, m_speed, m_trace}; }
    // What the charts hold now (tests).
    int evaluatedCount() const;
    int traceLength(qd::lab::Strategy strategy) const;

protected:
    // Plots laid out while the page was hidden keep the size they had then until the next replot.
    void showEvent(QShowEvent* event) override;

private:
    void drawQuality();
    void drawError();
    void drawSpeed();
    void drawTrace();
    double qkPosition(int qk) const;

    QCustomPlot* m_quality = nullptr;
    QCustomPlot* m_error = nullptr;
    QCustomPlot* m_speed = nullptr;
    QCustomPlot* m_trace = nullptr;
    QCPColorScale* m_colorScale = nullptr;
    std::map<int, qd::lab::LabPoint> m_points;
    std::map<qd::lab::Strategy, std::vector<double>> m_traces;
    double m_budget = 0;
    int m_recommended = -1;
    int m_bits = 4;
};

}  // namespace qd::ui
