#include "ui/lab_charts.h"

#include <QGridLayout>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "ui/compare_chart.h"
#include "ui/log_ticker.h"

namespace qd::ui {

using namespace qd::lab;

namespace {

constexpr double kRowPosition = 10.0;  // log2 1024: right of QK 512

QColor familyQColor(const BlockFormat& f) { return QColor(QString::fromStdString(familyColor(f))); }

QCPScatterStyle::ScatterShape familyShape(const BlockFormat& f) {
    switch (f.family) {
    case Family::Symmetric: return QCPScatterStyle::ssDisc;
    case Family::Asymmetric: return QCPScatterStyle::ssSquare;
    case Family::KStyle: return QCPScatterStyle::ssTriangle;
    case Family::Codebook: return f.codebook == Codebook::NonLinear ? QCPScatterStyle::ssDiamond : QCPScatterStyle::ssCrossCircle;
    }
    return QCPScatterStyle::ssDisc;
}

QString familyName(const BlockFormat& f) {
    switch (f.family) {
    case Family::Symmetric: return LabCharts::tr("type-0");
    case Family::Asymmetric: return LabCharts::tr("type-1");
    case Family::KStyle: return LabCharts::tr("K-style");
    case Family::Codebook: return f.codebook == Codebook::NonLinear ? LabCharts::tr("IQ4_NL codebook") : LabCharts::tr("FP4 codebook");
    }
    return {};
}

QString isaName(IsaLevel l) {
    switch (l) {
    case IsaLevel::Scalar: return LabCharts::tr("scalar");
    case IsaLevel::Avx2: return QStringLiteral("AVX2");
    case IsaLevel::Avx512: return QStringLiteral("AVX-512");
    }
    return {};
}

void setUpPlot(QCustomPlot* p, const QString& title, const QString& x, const QString& y) {
    p->setMinimumSize(300, 170);
    p->plotLayout()->insertRow(0);
    auto* t = new QCPTextElement(p, title, QFont(p->font().family(), p->font().pointSize(), QFont::Bold));
    p->plotLayout()->addElement(0, 0, t);
    p->xAxis->setLabel(x);
    p->yAxis->setLabel(y);
    p->legend->setFont(QFont(p->font().family(), std::max(7, p->font().pointSize() - 1)));
    p->legend->setRowSpacing(-3);
    p->legend->setVisible(true);
}

void qkTicker(QCustomPlot* p) {
    QSharedPointer<QCPAxisTickerText> t(new QCPAxisTickerText);
    for (int e = 1; e <= 9; ++e) t->addTick(e, QString::number(1 << e));
    t->addTick(kRowPosition, LabCharts::tr("row"));
    p->xAxis->setTicker(t);
}

void logY(QCustomPlot* p) {
    p->yAxis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<PowerOfTenTicker> t(new PowerOfTenTicker);
    t->setTickCount(4);  // a narrow range otherwise gets a label at every 2, 3, 4 x 10^k and they collide
    p->yAxis->setTicker(t);
}

// Lower and upper bounds of positive values, padded by a fraction of a decade on a log axis.
QCPRange logRange(double lo, double hi) {
    if (!(lo > 0) || !(hi > 0)) return QCPRange(1e-4, 1);
    if (hi / lo < 3) return QCPRange(lo / 1.8, hi * 1.8);
    return QCPRange(lo / 1.3, hi * 1.3);
}

// The key a line of the QK charts belongs to: the family and, for K-style, its super-block and codes.
QString lineKey(const BlockFormat& f) {
    if (f.family == Family::KStyle)
        return LabCharts::tr("K-style in %1, %2-bit codes").arg(f.superBlock).arg(f.subScaleBits);
    return familyName(f);
}

}  // namespace

QString strategyText(Strategy s) {
    switch (s) {
    case Strategy::Bayesian: return LabCharts::tr("Bayesian optimisation");
    case Strategy::Random: return LabCharts::tr("random search");
    case Strategy::WeightErrorFront: return LabCharts::tr("weight-error front");
    }
    return {};
}

QString labFamilyName(const BlockFormat& f) { return familyName(f); }

namespace {

// A line of the QK charts: its points sorted by QK when drawn.
struct QkLine {
    QColor color;
    Qt::PenStyle style = Qt::SolidLine;
    bool markers = false;
    std::vector<std::pair<double, double>> points;
};

void addQkLines(QCustomPlot* p, std::map<QString, QkLine>& lines) {
    for (auto& [key, line] : lines) {
        std::sort(line.points.begin(), line.points.end());
        QVector<double> x, y;
        for (const auto& [a, b] : line.points) x.push_back(a), y.push_back(b);
        QCPGraph* g = p->addGraph();
        g->setData(x, y, true);
        g->setPen(QPen(line.color, 2, line.style));
        if (line.markers) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, line.color, line.color, 6));
        g->setName(key);
    }
}

bool shownAtBits(const BlockFormat& f, int bits) { return f.family == Family::Codebook ? bits == 4 : f.bits == bits; }

}  // namespace

LabCharts::LabCharts(QWidget* parent) : QWidget(parent) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    m_quality = new QCustomPlot(this);
    m_quality->setObjectName(QStringLiteral("labQualityChart"));
    setUpPlot(m_quality, tr("Size against quality (evaluated points)"), tr("bits per weight"), tr("mean KL divergence"));
    logY(m_quality);
    m_colorScale = new QCPColorScale(m_quality);
    m_colorScale->setType(QCPAxis::atRight);
    m_colorScale->setGradient(QCPColorGradient(QCPColorGradient::gpThermal));
    m_colorScale->setDataRange(QCPRange(0, 1));
    m_colorScale->axis()->setLabel(tr("dot product GB/s"));
    m_colorScale->setBarWidth(10);
    m_quality->plotLayout()->addElement(1, 1, m_colorScale);
    placeLegendBelow(m_quality, 4);
    auto* margins = new QCPMarginGroup(m_quality);
    m_quality->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_colorScale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);

    m_error = new QCustomPlot(this);
    m_error->setObjectName(QStringLiteral("labErrorChart"));
    setUpPlot(m_error, tr("Block size against weight error"), tr("QK (weights per block)"), tr("weight RMSE"));
    qkTicker(m_error);
    logY(m_error);
    placeLegendBelow(m_error, 2);

    m_speed = new QCustomPlot(this);
    m_speed->setObjectName(QStringLiteral("labSpeedChart"));
    setUpPlot(m_speed, tr("Block size against dot-product speed"), tr("QK (weights per block)"), tr("GB/s of weights read"));
    qkTicker(m_speed);
    placeLegendBelow(m_speed, 2);

    m_trace = new QCustomPlot(this);
    m_trace->setObjectName(QStringLiteral("labTraceChart"));
    setUpPlot(m_trace, tr("The search: best so far"), tr("quality evaluations"), tr("best mean KL divergence"));
    logY(m_trace);
    placeLegendBelow(m_trace, 3);

    grid->addWidget(m_quality, 0, 0);
    grid->addWidget(m_error, 0, 1);
    grid->addWidget(m_speed, 1, 0);
    grid->addWidget(m_trace, 1, 1);
    clear();
}

void LabCharts::clear() {
    m_points.clear();
    m_traces.clear();
    m_recommended = -1;
    refresh();
}

void LabCharts::setBudget(double b) { m_budget = b; }
void LabCharts::setPoint(int index, const LabPoint& p) { m_points[index] = p; }
void LabCharts::addTrace(Strategy s, int evaluation, double best) {
    auto& t = m_traces[s];
    t.resize(size_t(std::max<int>(evaluation, int(t.size()))), best);
    t[size_t(evaluation - 1)] = best;
}
void LabCharts::setRecommended(int index) { m_recommended = index; }
void LabCharts::setBitsShown(int bits) {
    m_bits = bits;
    refresh();
}

int LabCharts::evaluatedCount() const {
    int n = 0;
    for (const auto& [i, p] : m_points)
        if (p.quality) ++n;
    return n;
}

int LabCharts::traceLength(Strategy s) const {
    auto it = m_traces.find(s);
    return it == m_traces.end() ? 0 : int(it->second.size());
}

void LabCharts::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    QTimer::singleShot(0, this, &LabCharts::refresh);
}

double LabCharts::qkPosition(int qk) const { return qk == 0 ? kRowPosition : std::log2(double(qk)); }

void LabCharts::refresh() {
    drawQuality();
    drawError();
    drawSpeed();
    drawTrace();
}

void LabCharts::drawQuality() {
    QCustomPlot* p = m_quality;
    p->clearGraphs();
    p->clearItems();
    double speedLo = 1e300, speedHi = 0;
    for (const auto& [i, pt] : m_points)
        if (pt.quality && fastestSpeedGBs(pt) > 0) speedLo = std::min(speedLo, fastestSpeedGBs(pt)), speedHi = std::max(speedHi, fastestSpeedGBs(pt));
    const bool speed = speedHi > 0;
    if (speed) m_colorScale->setDataRange(QCPRange(speedLo, speedHi > speedLo ? speedHi : speedLo + 1));
    // Hidden layout elements keep their column, so the scale stays (at 0..1 until speeds arrive).
    QCPColorGradient gradient = m_colorScale->gradient();
    double xLo = 1e300, xHi = 0, yLo = 1e300, yHi = 0;
    QSet<QString> legendDone;
    std::vector<std::pair<double, double>> evaluated;
    for (const auto& [i, pt] : m_points) {
        if (!pt.quality) continue;
        const double x = pt.weight.bitsPerWeight, y = std::max(pt.quality->kld, 1e-9);
        evaluated.push_back({x, y});
        xLo = std::min(xLo, x), xHi = std::max(xHi, x), yLo = std::min(yLo, y), yHi = std::max(yHi, y);
        const QColor fill = speed && fastestSpeedGBs(pt) > 0 ? gradient.color(fastestSpeedGBs(pt), m_colorScale->dataRange()) : QColor(0x90a4ae);
        QCPGraph* g = p->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(familyShape(pt.format), QPen(familyQColor(pt.format), 1.5), fill, 10));
        g->setData({x}, {y});
        g->setName(familyName(pt.format));
        if (legendDone.contains(g->name())) g->removeFromLegend();
        legendDone.insert(g->name());
    }
    // The front: evaluated points no other is both smaller and better than.
    std::sort(evaluated.begin(), evaluated.end());
    QVector<double> fx, fy;
    double best = 1e300;
    for (const auto& [x, y] : evaluated)
        if (y < best) fx.push_back(x), fy.push_back(y), best = y;
    if (fx.size() > 1) {
        QCPGraph* g = p->addGraph();
        g->setData(fx, fy, true);
        g->setLineStyle(QCPGraph::lsStepLeft);
        g->setPen(QPen(QColor(0x607d8b), 1.2, Qt::DashLine));
        g->setName(tr("front"));
    }
    if (m_recommended >= 0) {
        auto it = m_points.find(m_recommended);
        if (it != m_points.end() && it->second.quality) {
            QCPGraph* g = p->addGraph();
            g->setLineStyle(QCPGraph::lsNone);
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(0xf9a825), 3), Qt::NoBrush, 22));
            g->setData({it->second.weight.bitsPerWeight}, {std::max(it->second.quality->kld, 1e-9)});
            g->setName(tr("recommended"));
        }
    }
    if (m_budget > 0 && m_budget < 64) {
        auto* line = new QCPItemStraightLine(p);
        line->point1->setCoords(m_budget, 1e-6);
        line->point2->setCoords(m_budget, 1.0);
        line->setPen(QPen(QColor(0xc62828), 1.2, Qt::DashLine));
        auto* label = new QCPItemText(p);
        label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(m_budget, 0.02);
        label->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
        label->setText(tr("budget %1").arg(QLocale().toString(m_budget, 'g', 4)));
        label->setColor(QColor(0xc62828));
        xHi = std::max(xHi, m_budget);
        xLo = std::min(xLo, m_budget);
    }
    if (xHi > 0) {
        p->xAxis->setRange(std::floor(xLo * 2) / 2 - 0.25, std::ceil(xHi * 2) / 2 + 0.25);
        p->yAxis->setRange(yHi > 0 ? logRange(yLo, yHi) : QCPRange(1e-4, 1));
    } else {
        p->xAxis->setRange(2, 9);
        p->yAxis->setRange(1e-4, 1);
    }
    p->replot(QCustomPlot::rpQueuedReplot);
}

void LabCharts::drawError() {
    QCustomPlot* p = m_error;
    p->clearGraphs();
    std::map<QString, QkLine> lines;
    double lo = 1e300, hi = 0;
    for (const auto& [i, pt] : m_points) {
        if (!shownAtBits(pt.format, m_bits) || pt.format.scale == ScaleFormat::E8M0 || pt.weight.rmse <= 0) continue;
        QkLine& line = lines[lineKey(pt.format)];
        line.points.push_back({qkPosition(pt.format.qk), pt.weight.rmse});
        line.color = familyQColor(pt.format);
        line.markers = true;
        lo = std::min(lo, pt.weight.rmse), hi = std::max(hi, pt.weight.rmse);
    }
    addQkLines(p, lines);
    p->xAxis->setRange(2.5, kRowPosition + 0.5);
    p->yAxis->setRange(hi > 0 ? logRange(lo, hi) : QCPRange(1e-4, 1e-1));
    if (auto* t = qobject_cast<QCPTextElement*>(p->plotLayout()->element(0, 0)))
        t->setText(tr("Block size against weight error (%1-bit, F16 scales)").arg(m_bits));
    p->replot(QCustomPlot::rpQueuedReplot);
}

void LabCharts::drawSpeed() {
    QCustomPlot* p = m_speed;
    p->clearGraphs();
    std::map<QString, QkLine> lines;
    double hi = 0;
    for (const auto& [i, pt] : m_points) {
        if (!shownAtBits(pt.format, m_bits) || pt.format.scale == ScaleFormat::E8M0) continue;
        for (const auto& s : pt.speed) {
            QkLine& line = lines[tr("%1, %2").arg(lineKey(pt.format), isaName(s.level))];
            line.color = familyQColor(pt.format);
            line.style = s.level == IsaLevel::Scalar ? Qt::DotLine : s.level == IsaLevel::Avx2 ? Qt::DashLine : Qt::SolidLine;
            line.points.push_back({qkPosition(pt.format.qk), s.medianGBs});
            hi = std::max(hi, s.medianGBs);
        }
    }
    addQkLines(p, lines);
    p->xAxis->setRange(2.5, kRowPosition + 0.5);
    p->yAxis->setRange(0, hi > 0 ? hi * 1.15 : 1);
    if (auto* t = qobject_cast<QCPTextElement*>(p->plotLayout()->element(0, 0)))
        t->setText(tr("Block size against dot-product speed (%1-bit)").arg(m_bits));
    p->replot(QCustomPlot::rpQueuedReplot);
}

void LabCharts::drawTrace() {
    QCustomPlot* p = m_trace;
    p->clearGraphs();
    double lo = 1e300, hi = 0;
    int longest = 0;
    const QColor colors[] = {QColor(0x3949ab), QColor(0x9e9e9e), QColor(0x00897b)};
    for (const auto& [strategy, t] : m_traces) {
        QVector<double> x, y;
        for (size_t k = 0; k < t.size(); ++k) {
            const double v = std::exp(t[k]);
            x.push_back(double(k + 1));
            y.push_back(v);
            lo = std::min(lo, v), hi = std::max(hi, v);
        }
        longest = std::max(longest, int(t.size()));
        QCPGraph* g = p->addGraph();
        g->setData(x, y, true);
        g->setLineStyle(QCPGraph::lsStepLeft);
        const QColor c = colors[int(strategy) % 3];
        g->setPen(QPen(c, 2));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 5));
        g->setName(strategyText(strategy));
    }
    p->xAxis->setRange(0.5, std::max(2, longest) + 0.5);
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(longest > 20 ? 5 : longest > 8 ? 2 : 1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    p->xAxis->setTicker(ticker);
    p->yAxis->setRange(hi > 0 ? logRange(lo, hi) : QCPRange(1e-4, 1));
    p->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace qd::ui
