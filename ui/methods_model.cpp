#include "ui/methods_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QIcon>
#include <QLocale>

#include "ui/format.h"

namespace qd::ui {

MethodsModel::MethodsModel(QObject* parent) : QAbstractTableModel(parent) {}

void MethodsModel::setSource(const SourceInfo& source, const QuantizeOptions& options, int context, quint64 memory) {
    beginResetModel();
    m_source = source;
    m_memory = memory;
    m_context = context;
    m_estimates.clear();
    for (const QString& mix : wizardMixes()) m_estimates.push_back(estimateMethod(source, mix, options, context));
    // A mix that cannot be made any more is unchecked.
    for (const auto& e : m_estimates)
        if (!e.ok) m_checked.remove(e.mix);
    endResetModel();
    emit checkedChanged();
}

int MethodsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_estimates.size()); }
int MethodsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

int MethodsModel::rowOf(const QString& mix) const {
    for (size_t i = 0; i < m_estimates.size(); ++i)
        if (m_estimates[i].mix == mix) return int(i);
    return -1;
}

const MethodEstimate* MethodsModel::estimate(const QString& mix) const {
    const int r = rowOf(mix);
    return r < 0 ? nullptr : &m_estimates[size_t(r)];
}

QStringList MethodsModel::checkedMixes() const {
    QStringList out;
    for (const auto& e : m_estimates)
        if (e.ok && m_checked.contains(e.mix)) out << e.mix;
    return out;
}

void MethodsModel::setChecked(const QStringList& mixes) {
    m_checked.clear();
    for (const QString& m : mixes) {
        const MethodEstimate* e = estimate(m);
        if (e && e->ok) m_checked.insert(m);
    }
    if (!m_estimates.empty()) emit dataChanged(index(0, Method), index(rowCount() - 1, Method), {Qt::CheckStateRole});
    emit checkedChanged();
}

quint64 MethodsModel::checkedBytes() const {
    quint64 total = 0;
    for (const auto& e : m_estimates)
        if (e.ok && m_checked.contains(e.mix)) total += e.fileBytes;
    return total;
}

QVariant MethodsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const MethodEstimate& e = m_estimates[size_t(index.row())];
    if (role == MixRole) return e.mix;
    if (role == BytesRole) return QVariant::fromValue<qulonglong>(e.fileBytes);
    if (role == Qt::CheckStateRole && index.column() == Method)
        return m_checked.contains(e.mix) ? Qt::Checked : Qt::Unchecked;
    const bool fits = m_memory == 0 || e.ramNeeded <= m_memory;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case Method: return e.mix;
            case Size: return e.ok ? formatSize(e.fileBytes) : QString();
            case Bits: return e.ok ? QLocale().toString(e.bitsPerWeight, 'f', 2) : QString();
            case Ram:
                if (!e.ok) return QString();
                return fits ? tr("%1 ✓").arg(formatSize(e.ramNeeded)) : tr("%1 ✗ too much").arg(formatSize(e.ramNeeded));
            case Quality: {
                if (!e.ok) return QString();
                auto m = m_source.measured.find(e.mix);
                if (m != m_source.measured.end())
                    return tr("KLD %1, ΔPPL %2 (this model)")
                        .arg(QLocale().toString(m->kld, 'f', 4))
                        .arg(QLocale().toString(m->deltaPpl, 'f', 3));
                if (auto ref = referenceDeltaPpl(e.mix)) return tr("ΔPPL +%1 (llama.cpp, Llama-3-8B)").arg(QLocale().toString(*ref, 'f', 4));
                if (e.mix == QLatin1String("F32")) return tr("lossless");
                if (e.mix == QLatin1String("F16") || e.mix == QLatin1String("BF16")) return tr("practically lossless");
                return tr("no reference figure");
            }
            case Notes: {
                if (!e.ok) return e.error;
                QStringList notes;
                if (isRecommendedMix(e.mix)) notes << tr("Recommended");
                if (isLowQualityMix(e.mix)) notes << tr("Low quality: noticeably worse answers");
                if (e.fallbacks > 0) notes << tr("%n tensor(s) use a fallback type (row width)", nullptr, e.fallbacks);
                return notes.join(QStringLiteral(" · "));
            }
            default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (!e.ok) return e.error;
        if (index.column() == Size) return tr("%1 bytes, computed from this model's tensors and the mix's rules").arg(QLocale().toString(e.fileBytes));
        if (index.column() == Ram)
            return tr("The file plus the key/value cache for %1 tokens and working buffers; this computer has %2")
                .arg(m_context)
                .arg(formatSize(m_memory));
        if (index.column() == Quality) {
            auto m = m_source.measured.find(e.mix);
            if (m != m_source.measured.end()) return tr("Measured on this model by QuantDesk: %1").arg(m->source);
            if (referenceDeltaPpl(e.mix))
                return tr("Not measured on this model yet. Reference: the perplexity increase llama-quantize lists for "
                          "this method on Llama-3-8B (llama.cpp, February 2025); smaller is better.");
        }
    }
    if (role == Qt::ForegroundRole) {
        if (!e.ok) return QBrush(QColor(0x75, 0x75, 0x75));
        if (index.column() == Ram && !fits) return QBrush(QColor(0xc6, 0x28, 0x28));
        if (index.column() == Notes && isLowQualityMix(e.mix)) return QBrush(QColor(0xb2, 0x6a, 0x00));
        if (index.column() == Notes && isRecommendedMix(e.mix)) return QBrush(QColor(0x2e, 0x7d, 0x32));
    }
    if (role == Qt::FontRole && index.column() == Method && isRecommendedMix(e.mix)) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::DecorationRole && index.column() == Notes && isLowQualityMix(e.mix) && e.ok)
        return QIcon(QStringLiteral(":/icons/warning.svg"));
    if (role == Qt::TextAlignmentRole && (index.column() == Size || index.column() == Bits))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

bool MethodsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.column() != Method || role != Qt::CheckStateRole) return false;
    const MethodEstimate& e = m_estimates[size_t(index.row())];
    if (!e.ok) return false;
    if (value.toInt() == Qt::Checked) {
        m_checked.insert(e.mix);
    } else {
        m_checked.remove(e.mix);
    }
    emit dataChanged(index, index, {Qt::CheckStateRole});
    emit checkedChanged();
    return true;
}

Qt::ItemFlags MethodsModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    const MethodEstimate& e = m_estimates[size_t(index.row())];
    Qt::ItemFlags f = Qt::ItemIsSelectable;
    if (e.ok) f |= Qt::ItemIsEnabled;
    if (index.column() == Method && e.ok) f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant MethodsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Method: return tr("Method");
        case Size: return tr("File size");
        case Bits: return tr("Bits/weight");
        case Ram: return tr("RAM needed");
        case Quality: return tr("Expected quality");
        case Notes: return tr("Notes");
        default: return {};
    }
}

}  // namespace qd::ui
