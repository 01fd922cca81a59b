#include "ui/lab_points_model.h"

#include <QFont>
#include <QLocale>

#include <algorithm>

#include "ui/lab_charts.h"

namespace qd::ui {

using namespace qd::lab;

LabPointsModel::LabPointsModel(QObject* parent) : QAbstractTableModel(parent) {}

void LabPointsModel::clear() {
    beginResetModel();
    m_index.clear();
    m_points.clear();
    m_levels.clear();
    m_recommended = -1;
    m_within.clear();
    endResetModel();
}

void LabPointsModel::setPoint(int index, const LabPoint& p) {
    if (p.speed.size() > m_levels.size()) {
        beginResetModel();
        m_levels.clear();
        for (const auto& s : p.speed) m_levels.push_back(s.level);
        endResetModel();
    }
    const int row = rowOfPoint(index);
    if (row >= 0) {
        m_points[size_t(row)] = p;
        emit dataChanged(this->index(row, 0), this->index(row, columnCount() - 1));
        return;
    }
    const int at = int(m_index.size());
    beginInsertRows({}, at, at);
    m_index.push_back(index);
    m_points.push_back(p);
    endInsertRows();
}

void LabPointsModel::setRecommendation(int recommended, const std::vector<int>& within) {
    m_recommended = recommended;
    m_within = within;
    if (!m_index.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

const LabPoint* LabPointsModel::point(int row) const { return row >= 0 && row < rowCount() ? &m_points[size_t(row)] : nullptr; }

int LabPointsModel::rowOfPoint(int index) const {
    auto it = std::find(m_index.begin(), m_index.end(), index);
    return it == m_index.end() ? -1 : int(it - m_index.begin());
}

int LabPointsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_index.size()); }
int LabPointsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : FirstSpeedColumn + int(m_levels.size()); }

QVariant LabPointsModel::data(const QModelIndex& idx, int role) const {
    if (!idx.isValid() || idx.row() >= rowCount()) return {};
    const LabPoint& p = m_points[size_t(idx.row())];
    const int pointIndex = m_index[size_t(idx.row())];
    const QLocale l;
    const int c = idx.column();
    if (role == Qt::FontRole && pointIndex == m_recommended) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::ToolTipRole && c == FormatColumn) {
        if (pointIndex == m_recommended) return tr("The recommendation: the lowest KL divergence evaluated within the size budget");
        if (std::find(m_within.begin(), m_within.end(), pointIndex) != m_within.end())
            return tr("Within one standard error of the recommendation");
        return {};
    }
    if (role == Qt::TextAlignmentRole) return c == FormatColumn || c == FamilyColumn ? int(Qt::AlignLeft | Qt::AlignVCenter) : int(Qt::AlignRight | Qt::AlignVCenter);
    const bool sort = role == SortRole;
    if (role != Qt::DisplayRole && !sort) return {};
    switch (c) {
    case FormatColumn: {
        QString name = QString::fromStdString(p.format.name());
        if (!sort && pointIndex == m_recommended) name = tr("%1 (recommended)").arg(name);
        else if (!sort && std::find(m_within.begin(), m_within.end(), pointIndex) != m_within.end()) name = tr("%1 (within 1 s.e.)").arg(name);
        return name;
    }
    case FamilyColumn: return labFamilyName(p.format);
    case QkColumn:
        if (sort) return p.format.qk == 0 ? 1e9 : double(p.format.qk);
        return p.format.qk == 0 ? tr("row") : p.format.family == Family::KStyle ? tr("%1 in %2").arg(p.format.qk).arg(p.format.superBlock)
                                                                                : QString::number(p.format.qk);
    case BitsColumn: return sort ? QVariant(p.format.bits) : QVariant(QString::number(p.format.bits));
    case BpwColumn: return sort ? QVariant(p.weight.bitsPerWeight) : QVariant(l.toString(p.weight.bitsPerWeight, 'f', 4));
    case RmseColumn: return sort ? QVariant(p.weight.rmse) : QVariant(l.toString(p.weight.rmse, 'g', 4));
    case P99Column: return sort ? QVariant(p.weight.p99) : QVariant(l.toString(p.weight.p99, 'g', 4));
    case PaddedColumn: return sort ? QVariant(p.weight.paddedTensors) : QVariant(QString::number(p.weight.paddedTensors));
    case KldColumn:
        if (!p.quality) return sort ? QVariant(1e300) : QVariant();
        return sort ? QVariant(p.quality->kld) : QVariant(tr("%1 ± %2").arg(l.toString(p.quality->kld, 'f', 6), l.toString(p.quality->kldError, 'f', 6)));
    case PplColumn:
        if (!p.quality) return sort ? QVariant(1e300) : QVariant();
        return sort ? QVariant(p.quality->ppl) : QVariant(tr("%1 ± %2").arg(l.toString(p.quality->ppl, 'f', 3), l.toString(p.quality->pplError, 'f', 3)));
    case SameTopColumn:
        if (!p.quality) return sort ? QVariant(-1.0) : QVariant();
        return sort ? QVariant(p.quality->sameTopPercent) : QVariant(tr("%1 %").arg(l.toString(p.quality->sameTopPercent, 'f', 2)));
    default: {
        const size_t k = size_t(c - FirstSpeedColumn);
        if (k >= p.speed.size()) return {};
        if (sort) return p.speed[k].medianGBs;
        return tr("%1 (±%2 %)").arg(l.toString(p.speed[k].medianGBs, 'f', 2), l.toString(p.speed[k].spreadPercent / 2, 'f', 0));
    }
    }
}

QVariant LabPointsModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case BpwColumn: return tr("Exact bits per weight of the serialized blocks over the model's weight matrices (scales, minimums, padding)");
        case RmseColumn: return tr("Root mean square error of every weight after quantizing and dequantizing");
        case P99Column: return tr("99th percentile of the absolute weight error");
        case PaddedColumn: return tr("Weight matrices whose row width the block (or super-block) does not divide: their last block is padded with zeros, and the padding is counted in the bits per weight");
        case KldColumn: return tr("Mean KL divergence from the base model on the evaluation text, with its standard error");
        case SameTopColumn: return tr("How often the most likely next token is the base model's");
        default:
            if (section >= FirstSpeedColumn) return tr("The lab's dot product in this layout: weight bytes read per second, median of repeated runs (± half the spread)");
            return {};
        }
    }
    if (role != Qt::DisplayRole) return {};
    switch (section) {
    case FormatColumn: return tr("Format");
    case FamilyColumn: return tr("Family");
    case QkColumn: return tr("QK");
    case BitsColumn: return tr("Bits");
    case BpwColumn: return tr("Bits/weight");
    case RmseColumn: return tr("Weight RMSE");
    case P99Column: return tr("Error p99");
    case PaddedColumn: return tr("Padded");
    case KldColumn: return tr("KL divergence");
    case PplColumn: return tr("Perplexity");
    case SameTopColumn: return tr("Same top");
    default: {
        const size_t k = size_t(section - FirstSpeedColumn);
        if (k >= m_levels.size()) return {};
        const IsaLevel lv = m_levels[k];
        return tr("%1 GB/s").arg(lv == IsaLevel::Scalar ? tr("Scalar") : lv == IsaLevel::Avx2 ? QStringLiteral("AVX2") : QStringLiteral("AVX-512"));
    }
    }
}

}  // namespace qd::ui
