#include "ui/compare_chart.h"

#include <QFileInfo>
#include <QLocale>
#include <QMouseEvent>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/gguf/file_type.h"
#include "ui/chat_engine.h"
#include "ui/evaluations_model.h"
#include "ui/format.h"
#include "ui/log_ticker.h"

namespace qd::ui {

namespace {

QString num(double v, int decimals) { return QLocale().toString(v, 'f', decimals); }

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

}  // namespace

void placeLegendBelow(QCustomPlot* plot, int columns) {
    const int row = plot->plotLayout()->rowCount();
    auto* sub = new QCPLayoutGrid;
    plot->plotLayout()->addElement(row, 0, sub);
    plot->plotLayout()->setRowStretchFactor(row, 0.001);
    sub->setMargins(QMargins(5, 0, 5, 5));
    // An empty legend's largest size is tiny, and a grid column is no wider than its narrowest maximum:
    // elastic elements either side keep the axes full width (and the legend centred) whatever it holds.
    sub->addElement(0, 0, new QCPLayoutElement(plot));
    sub->addElement(0, 1, plot->legend);
    sub->addElement(0, 2, new QCPLayoutElement(plot));
    sub->setColumnStretchFactor(1, 0.001);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    if (columns > 0) plot->legend->setWrap(columns);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setBrush(Qt::NoBrush);
}

QColor seriesColor(int series) {
    static const QColor colors[] = {QColor(0x3949ab), QColor(0xd81b60), QColor(0x00897b), QColor(0xf4511e),
                                    QColor(0x8e24aa), QColor(0x6d4c41), QColor(0x1e88e5), QColor(0x7cb342)};
    return colors[size_t(std::max(0, series)) % (sizeof colors / sizeof colors[0])];
}

bool metricValue(const EvaluationRow& row, CompareMetric metric, double& value, double& errorMinus, double& errorPlus) {
    const auto& r = row.record;
    errorMinus = errorPlus = 0;
    switch (metric) {
    case CompareMetric::Kld:
        if (!r.hasKl || row.isBase || r.kld <= 0) return false;
        value = r.kld;
        // The whisker reaches the 99th percentile of the per-token divergence (older rows: the error).
        errorPlus = r.kld99 > r.kld ? r.kld99 - r.kld : r.kldError;
        errorMinus = r.kld99 > r.kld ? 0 : std::min(r.kldError, r.kld * 0.999);
        return true;
    case CompareMetric::Ppl:
        if (r.ppl <= 0) return false;
        value = r.ppl;
        errorMinus = errorPlus = r.pplError;
        return true;
    case CompareMetric::DeltaPplPercent:
        if (!r.hasKl || row.isBase || row.basePpl <= 0) return false;
        value = row.deltaPplPercent();
        errorMinus = errorPlus = 100.0 * r.pplError / row.basePpl;
        return true;
    case CompareMetric::LogPplRatio:
        if (!r.hasKl || row.isBase) return false;
        if (r.logPplRatio != 0 || r.logPplRatioError != 0) {
            value = r.logPplRatio;
            errorMinus = errorPlus = r.logPplRatioError;
        } else if (row.basePpl > 0 && r.ppl > 0) {
            value = std::log(r.ppl / row.basePpl);  // rows measured before the ratio was stored
        } else {
            return false;
        }
        return true;
    case CompareMetric::SameTop:
        if (!r.hasKl || row.isBase) return false;
        value = r.sameTopPercent;
        return true;
    }
    return false;
}

double metricLoss(CompareMetric metric, double value) { return metric == CompareMetric::SameTop ? -value : value; }

QString metricName(CompareMetric metric) {
    switch (metric) {
    case CompareMetric::Kld: return QualityChart::tr("mean KL divergence");
    case CompareMetric::Ppl: return QualityChart::tr("perplexity");
    case CompareMetric::DeltaPplPercent: return QualityChart::tr("perplexity change");
    case CompareMetric::LogPplRatio: return QualityChart::tr("ln(PPL ratio)");
    case CompareMetric::SameTop: return QualityChart::tr("same-top-token rate");
    }
    return {};
}

QualityChart::QualityChart(EvaluationsModel& model, QWidget* parent) : QWidget(parent), m_model(model) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("qualityPlot"));
    m_plot->setMinimumHeight(260);
    m_plot->setMouseTracking(true);
    placeLegendBelow(m_plot);
    v->addWidget(m_plot);
    m_relabel = new QTimer(this);
    m_relabel->setSingleShot(true);
    m_relabel->setInterval(60);
    connect(m_relabel, &QTimer::timeout, this, [this] {
        placeLabels();
        m_plot->replot();
    });
    connect(m_plot, &QCustomPlot::mouseMove, this, &QualityChart::onMouseMove);
    connect(m_plot, &QCustomPlot::mousePress, this, &QualityChart::onMousePress);
    connect(&m_model, &EvaluationsModel::reloaded, this, &QualityChart::rebuild);
    rebuild();
}

void QualityChart::setMetric(CompareMetric metric) {
    if (metric == m_metric) return;
    m_metric = metric;
    rebuild();
}

void QualityChart::setAxis(CompareAxis axis) {
    if (axis == m_axis) return;
    m_axis = axis;
    rebuild();
}

void QualityChart::setMachine(quint64 memoryBudget, int context, double minTokensPerSecond) {
    if (memoryBudget == m_budget && context == m_context && minTokensPerSecond == m_minSpeed) return;
    m_budget = memoryBudget;
    m_context = context;
    m_minSpeed = minTokensPerSecond;
    rebuild();
}

void QualityChart::setShowUnquantized(bool on) {
    if (on == m_showUnquantized) return;
    m_showUnquantized = on;
    rebuild();
}

void QualityChart::setRecommendSeries(int series) {
    if (series == m_recommendSeries) return;
    m_recommendSeries = series;
    rebuild();
}

int QualityChart::pointCount(int series) const {
    int n = 0;
    for (const auto& p : m_points)
        if (m_model.row(p.row)->series == series) ++n;
    return n;
}

quint64 QualityChart::memoryNeed(int row) const {
    const EvaluationRow* r = m_model.row(row);
    if (!r) return 0;
    const QString path = QString::fromStdString(r->record.modelPath);
    const QString key = path + QLatin1Char('|') + QString::number(m_context);
    auto it = m_needs.find(key);
    if (it != m_needs.end()) return *it;
    quint64 need = 0;
    if (QFileInfo(path).isFile())
        if (auto n = chatMemoryNeed(path, LoadOptions{m_context})) need = *n;
    m_needs.insert(key, need);
    return need;
}

double QualityChart::fitLimit(int series) const {
    return series >= 0 && series < int(m_fitLimits.size()) ? m_fitLimits[size_t(series)] : std::numeric_limits<double>::quiet_NaN();
}

double QualityChart::xOf(const EvaluationRow& row) const {
    return m_axis == CompareAxis::FileSize ? double(row.record.fileSize) / m_sizeUnit : row.record.bitsPerWeight;
}

void QualityChart::rebuild() {
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_labels.clear();
    m_anchors.clear();
    m_points.clear();
    m_fitLimits.assign(m_model.series().size(), std::numeric_limits<double>::quiet_NaN());
    m_selectionGraph = nullptr;
    m_recommendGraph = nullptr;
    m_plot->legend->setVisible(m_model.series().size() > 1);
    m_plot->legend->setFont(font());

    // Sizes in MiB when every file is under 1 GiB (small models read badly as 0.002 GiB).
    quint64 largest = 0;
    for (int i = 0; i < m_model.rowCount(); ++i) largest = std::max<quint64>(largest, m_model.row(i)->record.fileSize);
    m_sizeUnit = double(largest) < kGiB ? 1024.0 * 1024.0 : kGiB;

    // The points per series, with their front.
    const int seriesCount = int(m_model.series().size());
    std::vector<std::vector<int>> seriesRows(size_t(std::max(0, seriesCount)));
    for (int i = 0; i < m_model.rowCount(); ++i) seriesRows[size_t(m_model.row(i)->series)].push_back(i);
    double yMin = std::numeric_limits<double>::max(), yMax = -std::numeric_limits<double>::max(), xMax = 0;
    bool allPositive = true;
    std::vector<double> errMinus, errPlus;  // per point, parallel to m_points
    for (int s = 0; s < seriesCount; ++s) {
        std::vector<qd::VariantCandidate> cands;
        std::vector<int> rows;
        std::vector<double> values, em, ep;
        for (int r : seriesRows[size_t(s)]) {
            const EvaluationRow& row = *m_model.row(r);
            const std::string& type = row.record.method;
            if (!m_showUnquantized && !row.isBase && qd::isUnquantizedName(type)) continue;
            double v, lo, hi;
            if (!metricValue(row, m_metric, v, lo, hi)) continue;
            qd::VariantCandidate c;
            c.size = xOf(row);
            c.loss = metricLoss(m_metric, v);
            c.hasLoss = true;
            cands.push_back(c);
            rows.push_back(r);
            values.push_back(v);
            em.push_back(lo);
            ep.push_back(hi);
        }
        const std::vector<bool> front = qd::paretoFront(cands);
        for (size_t k = 0; k < rows.size(); ++k) {
            m_points.push_back({rows[k], cands[k].size, values[k], bool(front[k])});
            errMinus.push_back(em[k]);
            errPlus.push_back(ep[k]);
            yMin = std::min(yMin, values[k] - em[k]);
            yMax = std::max(yMax, values[k] + ep[k]);
            if (values[k] - em[k] <= 0) allPositive = false;
            xMax = std::max(xMax, cands[k].size);
        }
    }
    // Log scale when the metric is positive and spans more than a decade and a half.
    m_log = !m_points.empty() && allPositive && yMax / yMin > 30.0;

    const QColor grey(0xb0b0b0);
    for (int s = 0; s < seriesCount; ++s) {
        const QColor color = seriesColor(s);
        QVector<double> fx, fy, dx, dy, lx, ly, em, ep, dem, dep;
        std::vector<std::pair<double, double>> line;
        for (size_t k = 0; k < m_points.size(); ++k) {
            const ChartPoint& p = m_points[k];
            if (m_model.row(p.row)->series != s) continue;
            if (p.front) {
                fx << p.x;
                fy << p.y;
                em << errMinus[k];
                ep << errPlus[k];
                line.push_back({p.x, p.y});
            } else {
                dx << p.x;
                dy << p.y;
                dem << errMinus[k];
                dep << errPlus[k];
            }
        }
        if (fx.isEmpty() && dx.isEmpty()) continue;
        std::sort(line.begin(), line.end());
        for (const auto& [x, y] : line) {
            lx << x;
            ly << y;
        }
        // The front as a line behind the points.
        QCPGraph* frontLine = m_plot->addGraph();
        frontLine->setName(tr("%1 — Pareto front").arg(m_model.series()[size_t(s)].baseName));
        frontLine->setPen(QPen(color, 1.5, Qt::DashLine));
        frontLine->setData(lx, ly, true);
        frontLine->removeFromLegend();
        auto addPoints = [&](QVector<double> x, QVector<double> y, QVector<double> lo, QVector<double> hi, const QColor& c,
                             bool inLegend) {
            // Error bars go by data index: sort the points by x here (a graph sorts its data by key), so
            // each whisker stays with its point.
            std::vector<int> order(size_t(x.size()));
            for (int i = 0; i < x.size(); ++i) order[size_t(i)] = i;
            std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return x[a] < x[b]; });
            auto permute = [&](QVector<double>& v) {
                QVector<double> out;
                for (int i : order) out << v[i];
                v = out;
            };
            permute(x);
            permute(y);
            permute(lo);
            permute(hi);
            QCPGraph* g = m_plot->addGraph();
            g->setLineStyle(QCPGraph::lsNone);
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 9));
            g->setData(x, y, true);
            g->setName(m_model.series()[size_t(s)].label);
            if (!inLegend) g->removeFromLegend();
            auto* bars = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
            bars->setDataPlottable(g);
            bars->setData(lo, hi);
            bars->setPen(QPen(c.lighter(120), 1.2));
            bars->setWhiskerWidth(6);
            bars->removeFromLegend();
        };
        addPoints(dx, dy, dem, dep, grey, fx.isEmpty());
        addPoints(fx, fy, em, ep, color, !fx.isEmpty());
    }

    // Labels: one per point, hung on a tracer at the point and moved around it by placeLabels().
    QFont labelFont = font();
    labelFont.setPointSizeF(std::max(7.0, labelFont.pointSizeF() * 0.9));
    for (const ChartPoint& p : m_points) {
        const EvaluationRow& row = *m_model.row(p.row);
        auto* anchor = new QCPItemTracer(m_plot);
        anchor->setStyle(QCPItemTracer::tsNone);
        anchor->position->setCoords(p.x, p.y);
        auto* label = new QCPItemText(m_plot);
        label->position->setParentAnchor(anchor->position);
        label->position->setCoords(0, -12);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->setText(QString::fromStdString(row.record.method));
        label->setFont(labelFont);
        label->setColor(p.front ? seriesColor(row.series).darker(130) : QColor(0x8a8a8a));
        label->setClipToAxisRect(false);
        m_anchors.push_back(anchor);
        m_labels.push_back(label);
    }

    // The recommendation, in the chosen series.
    m_recommendSeriesUsed = m_recommendSeries;
    if (m_recommendSeriesUsed < 0 || m_recommendSeriesUsed >= seriesCount) {
        m_recommendSeriesUsed = -1;
        int most = 0;
        for (int s = 0; s < seriesCount; ++s) {
            const int n = pointCount(s);
            if (n > most) most = n, m_recommendSeriesUsed = s;
        }
    }
    std::vector<qd::VariantCandidate> cands;
    std::vector<int> candRows;
    for (const ChartPoint& p : m_points) {
        // The base is the reference the variants are measured against, not one of them.
        if (m_model.row(p.row)->series != m_recommendSeriesUsed || m_model.row(p.row)->isBase) continue;
        qd::VariantCandidate c;
        c.size = p.x;
        c.loss = metricLoss(m_metric, p.y);
        c.hasLoss = true;
        c.memoryBytes = memoryNeed(p.row);
        c.generationTokensPerSecond = m_model.row(p.row)->record.generationTokensPerSecond;
        cands.push_back(c);
        candRows.push_back(p.row);
    }
    m_choice = qd::chooseVariant(cands, m_budget, m_minSpeed);
    m_recommendedRow = m_choice.index >= 0 ? candRows[size_t(m_choice.index)] : -1;
    const QString budget = formatSize(m_budget);
    const QString metric = metricName(m_metric);
    if (m_choice.outcome == qd::ChoiceOutcome::Chosen) {
        const EvaluationRow& r = *m_model.row(m_recommendedRow);
        double v, lo, hi;
        metricValue(r, m_metric, v, lo, hi);
        const QString name = QString::fromStdString(r.record.method);
        const QString value = m_metric == CompareMetric::Kld ? QLocale().toString(v, 'g', 3) : num(v, m_metric == CompareMetric::SameTop ? 2 : 4);
        if (m_budget == 0 && m_minSpeed <= 0)
            m_recommendation = tr("Take %1 (%2): %3 %4, the best of the %n variant(s) measured.", nullptr, m_choice.fastEnough)
                                   .arg(name, formatSize(r.record.fileSize), metric, value);
        else if (m_minSpeed <= 0)
            m_recommendation = tr("Take %1 (%2): %3 %4, the best of the %n variant(s) that fit in %5 at a context of %6 tokens.",
                                  nullptr, m_choice.fastEnough)
                                   .arg(name, formatSize(r.record.fileSize), metric, value, budget)
                                   .arg(m_context);
        else
            m_recommendation = tr("Take %1 (%2): %3 %4, the best of the %n variant(s) that fit in %5 at a context of %6 tokens "
                                  "and generate at least %7 tokens/s.",
                                  nullptr, m_choice.fastEnough)
                                   .arg(name, formatSize(r.record.fileSize), metric, value, budget)
                                   .arg(m_context)
                                   .arg(num(m_minSpeed, 1));
        // Perplexity-based measures of close variants differ by less than their error: say so, and point to
        // the measure that tells them apart.
        const bool pplBased = m_metric == CompareMetric::Ppl || m_metric == CompareMetric::DeltaPplPercent ||
                              m_metric == CompareMetric::LogPplRatio;
        if (pplBased && r.record.pplError > 0 && r.basePpl > 0 && std::abs(r.record.ppl - r.basePpl) < r.record.pplError)
            m_recommendation += QLatin1Char(' ') + tr("Its perplexity is within the error (±%1) of the base's, as "
                                                      "close variants' are: the KL divergence tells them apart.")
                                                       .arg(num(r.record.pplError, 2));
    } else if (m_choice.outcome == qd::ChoiceOutcome::NoneFits) {
        const EvaluationRow& r = *m_model.row(m_recommendedRow);
        m_recommendation = tr("Nothing measured fits in %1 at a context of %2 tokens: the smallest, %3, needs %4. "
                              "Lower the context or make a smaller variant.")
                               .arg(budget)
                               .arg(m_context)
                               .arg(QString::fromStdString(r.record.method), formatSize(memoryNeed(m_recommendedRow)));
        m_recommendedRow = -1;
    } else if (m_choice.outcome == qd::ChoiceOutcome::NoneFastEnough) {
        const EvaluationRow& r = *m_model.row(m_recommendedRow);
        m_recommendation = r.record.generationTokensPerSecond > 0
                               ? tr("None of the %n variant(s) that fit generates %1 tokens/s here; the fastest, %2, makes %3.",
                                    nullptr, m_choice.fitting)
                                     .arg(num(m_minSpeed, 1), QString::fromStdString(r.record.method),
                                          num(r.record.generationTokensPerSecond, 1))
                               : tr("None of the %n variant(s) that fit has a measured speed: evaluate them with speed on "
                                    "to choose by a minimum speed.",
                                    nullptr, m_choice.fitting);
        m_recommendedRow = -1;
    } else {
        m_recommendation = m_model.rowCount() == 0
                               ? tr("Nothing measured yet: choose files on the Models page and click Evaluate…, or "
                                    "evaluate the variants in the quantization wizard.")
                               : tr("No variant has a %1 yet: evaluate them against their unquantized model.").arg(metric);
    }
    if (m_recommendedRow >= 0) {
        const ChartPoint* p = nullptr;
        for (const auto& q : m_points)
            if (q.row == m_recommendedRow) p = &q;
        if (p) {
            m_recommendGraph = m_plot->addGraph();
            m_recommendGraph->setLineStyle(QCPGraph::lsNone);
            m_recommendGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(0xf9a825), 3), Qt::NoBrush, 22));
            m_recommendGraph->setData({p->x}, {p->y});
            m_recommendGraph->setName(tr("Recommended"));
        }
    }

    // The memory line per series: the largest file that fits with the cache and buffers its model needs.
    for (int s = 0; s < seriesCount && m_budget > 0; ++s) {
        quint64 overhead = 0;
        double bytesPerX = 0;  // bytes of file per unit of x
        for (int r : seriesRows[size_t(s)]) {
            const EvaluationRow& row = *m_model.row(r);
            const quint64 need = memoryNeed(r);
            if (need == 0 || need < row.record.fileSize) continue;
            overhead = need - row.record.fileSize;
            bytesPerX = m_axis == CompareAxis::FileSize ? m_sizeUnit : (row.record.bitsPerWeight > 0 ? double(row.record.fileSize) / row.record.bitsPerWeight : 0);
            break;
        }
        if (bytesPerX <= 0 || pointCount(s) == 0) continue;
        const double limit = m_budget > overhead ? double(m_budget - overhead) / bytesPerX : 0.0;
        m_fitLimits[size_t(s)] = limit;
        if (limit > xMax * 1.6) continue;  // every variant fits with room to spare: said by the sentence
        auto* line = new QCPItemStraightLine(m_plot);
        line->point1->setCoords(limit, 0);
        line->point2->setCoords(limit, 1);
        line->setPen(QPen(seriesColor(s), 1.5, Qt::DotLine));
        auto* text = new QCPItemText(m_plot);
        text->position->setTypeX(QCPItemPosition::ptPlotCoords);
        text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(limit, 0.02 + 0.07 * s);
        text->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
        text->setPadding(QMargins(0, 0, 6, 0));
        text->setText(seriesCount > 1 ? tr("fits in %1 (%2) ▸").arg(budget, m_model.series()[size_t(s)].baseName)
                                      : tr("fits in %1 at context %2 ▸").arg(budget).arg(m_context));
        text->setColor(seriesColor(s));
        text->setFont(labelFont);
        xMax = std::max(xMax, limit);
    }

    m_plot->xAxis->setLabel(m_axis == CompareAxis::FileSize ? (m_sizeUnit < kGiB ? tr("File size (MiB)") : tr("File size (GiB)"))
                                                            : tr("Bits per weight"));
    QString yLabel;
    switch (m_metric) {
    case CompareMetric::Kld: yLabel = tr("Mean KL divergence (nats/token; whisker: 99th percentile)"); break;
    case CompareMetric::Ppl: yLabel = tr("Perplexity (± error)"); break;
    case CompareMetric::DeltaPplPercent: yLabel = tr("Perplexity change (% of the base's)"); break;
    case CompareMetric::LogPplRatio: yLabel = tr("ln(PPL / PPL of the base)"); break;
    case CompareMetric::SameTop: yLabel = tr("Same top token as the base (%)"); break;
    }
    m_plot->yAxis->setLabel(yLabel);
    if (m_log) {
        m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
        m_plot->yAxis->setTicker(QSharedPointer<PowerOfTenTicker>::create());
    } else {
        m_plot->yAxis->setScaleType(QCPAxis::stLinear);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        m_plot->yAxis->setNumberFormat(QStringLiteral("g"));
    }
    if (!m_points.empty()) {
        // Room for the labels above the points and beside the first and last.
        if (m_log) {
            m_plot->yAxis->setRange(yMin / 1.6, yMax * 2.2);
        } else {
            const double span = std::max(1e-9, yMax - yMin);
            m_plot->yAxis->setRange(yMin - 0.08 * span, yMax + 0.18 * span);
        }
        double xMin = std::numeric_limits<double>::max();
        for (const auto& p : m_points) xMin = std::min(xMin, p.x);
        const double span = std::max(1e-9, xMax - xMin);
        m_plot->xAxis->setRange(std::max(0.0, xMin - 0.08 * span), xMax + 0.08 * span);
    } else {
        m_plot->xAxis->setRange(0, 1);
        m_plot->yAxis->setRange(0, 1);
    }
    m_selectionGraph = m_plot->addGraph();
    m_selectionGraph->setLineStyle(QCPGraph::lsNone);
    m_selectionGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(Qt::black, 2), Qt::NoBrush, 16));
    m_selectionGraph->removeFromLegend();
    selectRow(m_model.row(m_selected) ? m_selected : -1);
    m_plot->replot();
    placeLabels();
    m_plot->replot();
    emit recommendationChanged();
}

void QualityChart::selectRow(int row) {
    m_selected = row;
    if (!m_selectionGraph) return;
    QVector<double> x, y;
    for (const auto& p : m_points)
        if (p.row == row) x << p.x, y << p.y;
    m_selectionGraph->setData(x, y);
    m_plot->replot();
}

void QualityChart::placeLabels() {
    // Greedy: each label takes the first of eight places around its point that overlaps no label placed
    // before and no point; the front's labels go first, so they get the best places.
    std::vector<QRectF> taken;
    std::vector<QPointF> pixels;
    for (const auto& p : m_points) pixels.push_back({m_plot->xAxis->coordToPixel(p.x), m_plot->yAxis->coordToPixel(p.y)});
    for (const auto& px : pixels) taken.push_back(QRectF(px.x() - 5, px.y() - 5, 10, 10));
    std::vector<size_t> order(m_points.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return m_points[a].front > m_points[b].front; });
    const QRectF area = m_plot->axisRect()->rect();
    struct Place {
        double dx, dy;
        Qt::Alignment align;
    };
    const Place places[] = {{0, -9, Qt::AlignHCenter | Qt::AlignBottom}, {8, -6, Qt::AlignLeft | Qt::AlignBottom},
                            {-8, -6, Qt::AlignRight | Qt::AlignBottom}, {0, 9, Qt::AlignHCenter | Qt::AlignTop},
                            {9, 0, Qt::AlignLeft | Qt::AlignVCenter},   {-9, 0, Qt::AlignRight | Qt::AlignVCenter},
                            {8, 6, Qt::AlignLeft | Qt::AlignTop},       {-8, 6, Qt::AlignRight | Qt::AlignTop}};
    for (size_t i : order) {
        QCPItemText* label = m_labels[i];
        const QFontMetricsF fm(label->font());
        const QSizeF size(fm.horizontalAdvance(label->text()) + 2, fm.height());
        auto rectFor = [&](const Place& pl) {
            QPointF at = pixels[i] + QPointF(pl.dx, pl.dy);
            double left = at.x(), top = at.y();
            if (pl.align & Qt::AlignHCenter) left -= size.width() / 2;
            else if (pl.align & Qt::AlignRight) left -= size.width();
            if (pl.align & Qt::AlignVCenter) top -= size.height() / 2;
            else if (pl.align & Qt::AlignBottom) top -= size.height();
            return QRectF(QPointF(left, top), size);
        };
        const Place* chosen = &places[0];
        double bestOverlap = std::numeric_limits<double>::max();
        for (const Place& pl : places) {
            const QRectF r = rectFor(pl);
            double overlap = 0;
            for (size_t t = 0; t < taken.size(); ++t) {
                if (t < pixels.size() && t == i) continue;  // its own point
                const QRectF o = r.intersected(taken[t]);
                if (!o.isEmpty()) overlap += o.width() * o.height();
            }
            if (!area.contains(r)) overlap += size.width() * size.height() * 0.5;
            if (overlap < bestOverlap) bestOverlap = overlap, chosen = &pl;
            if (overlap == 0) break;
        }
        label->position->setCoords(chosen->dx, chosen->dy);
        label->setPositionAlignment(chosen->align);
        taken.push_back(rectFor(*chosen));
    }
}

void QualityChart::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_relabel->start();
}

int QualityChart::rowAt(const QPoint& pos) const {
    int best = -1;
    double bestDist = 12.0 * 12.0;
    for (const auto& p : m_points) {
        const double dx = m_plot->xAxis->coordToPixel(p.x) - pos.x();
        const double dy = m_plot->yAxis->coordToPixel(p.y) - pos.y();
        const double d = dx * dx + dy * dy;
        if (d <= bestDist) bestDist = d, best = p.row;
    }
    return best;
}

QString QualityChart::pointToolTip(int rowIndex) const {
    const EvaluationRow& row = *m_model.row(rowIndex);
    const auto& r = row.record;
    QStringList lines;
    lines << QStringLiteral("<b>%1</b> — %2").arg(QString::fromStdString(r.method).toHtmlEscaped(), row.fileName().toHtmlEscaped());
    lines << tr("Size %1, %2 bits per weight").arg(formatSize(r.fileSize), num(r.bitsPerWeight, 2));
    lines << tr("Perplexity %1 ± %2").arg(num(r.ppl, 4), num(r.pplError, 4));
    if (r.hasKl && !row.isBase) {
        lines << tr("KL divergence %1 (99th percentile %2)")
                     .arg(QLocale().toString(r.kld, 'g', 3), r.kld99 > 0 ? QLocale().toString(r.kld99, 'g', 3) : QStringLiteral("–"));
        lines << tr("Same top token %1 %, ΔPPL %2 %").arg(num(r.sameTopPercent, 2), num(row.deltaPplPercent(), 2));
    }
    if (r.generationTokensPerSecond > 0)
        lines << tr("%1 tokens/s prompt, %2 tokens/s generation (%n thread(s))", nullptr, r.threads)
                     .arg(num(r.promptTokensPerSecond, 1), num(r.generationTokensPerSecond, 1));
    if (const quint64 need = memoryNeed(rowIndex)) lines << tr("Needs %1 at a context of %2 tokens").arg(formatSize(need)).arg(m_context);
    if (row.arena) lines << tr("Arena: won %1 % of %n round(s)", nullptr, row.arena->rounds).arg(num(100 * row.arena->rate(), 0));
    return lines.join(QStringLiteral("<br>"));
}

void QualityChart::onMouseMove(QMouseEvent* event) {
    const int row = rowAt(event->pos());
    if (row < 0) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(m_plot->mapToGlobal(event->pos()), pointToolTip(row), m_plot);
}

void QualityChart::onMousePress(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    const int row = rowAt(event->pos());
    if (row < 0) return;
    selectRow(row);
    emit rowClicked(row);
}

SpeedChart::SpeedChart(EvaluationsModel& model, QWidget* parent) : QWidget(parent), m_model(model) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("speedPlot"));
    m_plot->setMinimumHeight(180);
    placeLegendBelow(m_plot);
    v->addWidget(m_plot);
    connect(&m_model, &EvaluationsModel::reloaded, this, &SpeedChart::rebuild);
    rebuild();
}

void SpeedChart::rebuild() {
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_rows.clear();
    const bool several = m_model.series().size() > 1;
    QVector<double> keys, pp, tg;
    QVector<QString> labels;
    int threads = 0;
    for (int i = 0; i < m_model.rowCount(); ++i) {
        const auto& r = m_model.row(i)->record;
        if (r.promptTokensPerSecond <= 0 && r.generationTokensPerSecond <= 0) continue;
        m_rows.push_back(i);
        keys << keys.size() + 1;
        pp << r.promptTokensPerSecond;
        tg << r.generationTokensPerSecond;
        threads = std::max(threads, r.threads);
        QString label = QString::fromStdString(r.method);
        if (several) label += QLatin1Char('\n') + m_model.series()[size_t(m_model.row(i)->series)].baseName;
        labels << label;
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->setTicks(keys, labels);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setTickLabelRotation(keys.size() > 8 ? 60 : 0);
    m_plot->xAxis->setSubTicks(false);
    m_plot->xAxis->setTickLength(0, 4);
    m_plot->xAxis->setRange(0.3, keys.size() + 0.7);
    // Prompt speed is often ten times the generation speed: each has its own axis, in its colour.
    const QColor ppColor(0x90a4ae), tgColor(0x3949ab);
    auto* group = new QCPBarsGroup(m_plot);
    auto* ppBars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    ppBars->setName(tr("Prompt (left axis)"));
    ppBars->setPen(Qt::NoPen);
    ppBars->setBrush(ppColor);
    ppBars->setWidth(0.36);
    ppBars->setBarsGroup(group);
    ppBars->setData(keys, pp, true);
    auto* tgBars = new QCPBars(m_plot->xAxis, m_plot->yAxis2);
    tgBars->setName(tr("Generation (right axis)"));
    tgBars->setPen(Qt::NoPen);
    tgBars->setBrush(tgColor);
    tgBars->setWidth(0.36);
    tgBars->setBarsGroup(group);
    tgBars->setData(keys, tg, true);
    m_plot->yAxis->setLabel(tr("Prompt tokens/s"));
    m_plot->yAxis->setLabelColor(ppColor.darker(150));
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setLabel(tr("Generation tokens/s"));
    m_plot->yAxis2->setLabelColor(tgColor);
    double ppMax = 1, tgMax = 1;
    for (double v : pp) ppMax = std::max(ppMax, v);
    for (double v : tg) tgMax = std::max(tgMax, v);
    m_plot->yAxis->setRange(0, ppMax * 1.15);
    m_plot->yAxis2->setRange(0, tgMax * 1.15);
    m_plot->legend->setVisible(!keys.isEmpty());
    m_plot->legend->setFont(font());
    if (keys.isEmpty()) {
        auto* text = new QCPItemText(m_plot);
        text->position->setType(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(0.5, 0.5);
        text->setText(tr("No speed measured yet"));
        text->setColor(QColor(0x808080));
    } else if (threads > 0) {
        m_plot->xAxis->setLabel(tr("Measured on this machine with %n thread(s)", nullptr, threads));
    }
    m_plot->replot();
}

}  // namespace qd::ui
