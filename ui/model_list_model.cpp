#include "ui/model_list_model.h"

#include <QColor>
#include <QFont>
#include <QFileInfo>
#include <QIcon>
#include <QLocale>
#include <QMap>

#include <algorithm>

#include "core/common/system_info.h"
#include "ui/format.h"

namespace qd::ui {

ModelListModel::ModelListModel(QObject* parent)
    : QAbstractTableModel(parent), m_physicalMemory(qd::physicalMemoryBytes()) {}

int ModelListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int ModelListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ModelListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
            case NameColumn: return tr("Name");
            case FileColumn: return tr("File");
            case ArchitectureColumn: return tr("Architecture");
            case ParametersColumn: return tr("Parameters");
            case FileTypeColumn: return tr("Type");
            case BitsPerWeightColumn: return tr("Bits/weight");
            case SizeColumn: return tr("Size");
            case ContextColumn: return tr("Context");
            case LayersColumn: return tr("Layers");
            case FitsColumn: return tr("Fits in RAM");
            case StatusColumn: return tr("Status");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
            case ParametersColumn: return tr("Number of weights in all tensors");
            case FileTypeColumn: return tr("The quantization mix (llama.cpp file type) the file was written with");
            case BitsPerWeightColumn: return tr("Average bits per weight over all tensors");
            case SizeColumn: return tr("Size of the file on disk");
            case ContextColumn: return tr("Context length the model was trained for, in tokens");
            case LayersColumn: return tr("Number of transformer blocks");
            case FitsColumn:
                return tr("Whether weights plus the KV cache at the model's full context fit in this computer's RAM");
            case StatusColumn: return tr("Whether QuantDesk can run the model, and why not");
        }
    } else if (role == Qt::TextAlignmentRole) {
        switch (section) {
            case ParametersColumn:
            case BitsPerWeightColumn:
            case SizeColumn:
            case ContextColumn:
            case LayersColumn: return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
    }
    return {};
}

QVariant ModelListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_entries.size()) return {};
    const ModelEntry& e = m_entries.at(index.row());
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole: return display(e, column);
        case Qt::ToolTipRole: return toolTip(e, column);
        case SortRole: return sortValue(e, column);
        case PathRole: return e.path;
        case FileTypeRole: return e.readable() ? QString::fromStdString(e.summary.fileType) : QString();
        case ReadableRole: return e.readable();
        case KindRole: return int(e.kind);
        case ImportableRole: return e.readable() && e.kind == ModelKind::HuggingFace && e.importProblem.isEmpty();
        case FilterTextRole: {
            if (!e.readable()) return e.fileName();
            return QStringList{QString::fromStdString(e.summary.name), e.fileName(),
                               QString::fromStdString(e.summary.architecture),
                               QString::fromStdString(e.summary.fileType)}
                .join(QLatin1Char('\n'));
        }
        case Qt::ForegroundRole:
            if (!e.readable() && (column == NameColumn || column == FileColumn || column == StatusColumn))
                return QColor(0xc6, 0x28, 0x28);
            if (e.readable() && column == StatusColumn &&
                (e.kind == ModelKind::Gguf ? !e.summary.unsupported.empty() : !e.importProblem.isEmpty()))
                return QColor(0xb2, 0x6a, 0x00);
            if (e.readable() && column == FitsColumn) {
                switch (qd::memoryFit(e.summary.memoryForContext(e.summary.contextLength), m_physicalMemory)) {
                    case qd::MemoryFit::Tight: return QColor(0xb2, 0x6a, 0x00);
                    case qd::MemoryFit::No: return QColor(0xc6, 0x28, 0x28);
                    default: break;
                }
            }
            return {};
        case Qt::FontRole:
            if (column == FileTypeColumn && e.readable() && e.summary.fileTypeGuessed) {
                QFont italic;
                italic.setItalic(true);
                return italic;
            }
            return {};
        case Qt::DecorationRole:
            if (column == NameColumn)
                return QIcon(!e.readable() ? QStringLiteral(":/icons/warning.svg")
                             : e.kind == ModelKind::HuggingFace ? QStringLiteral(":/icons/folder.svg")
                                                                : QStringLiteral(":/icons/model.svg"));
            return {};
        case Qt::TextAlignmentRole: return headerData(column, Qt::Horizontal, role);
        default: return {};
    }
}

QVariant ModelListModel::display(const ModelEntry& e, int column) const {
    const ModelSummary& s = e.summary;
    const bool ok = e.readable();
    switch (column) {
        case NameColumn:
            if (!e.alias.isEmpty()) return e.alias;
            return ok ? QString::fromStdString(s.name) : QFileInfo(e.path).completeBaseName();
        case FileColumn: return e.fileName();
        case ArchitectureColumn: return ok ? QString::fromStdString(s.architecture) : QString();
        case ParametersColumn: return ok && s.parameterCount ? QString::fromStdString(s.sizeLabel) : QString();
        case FileTypeColumn:
            if (!ok) return {};
            return QString::fromStdString(s.fileType);  // a guessed type is set in italics
        case BitsPerWeightColumn: return ok && s.parameterCount ? QString::number(s.bitsPerWeight, 'f', 2) : QString();
        case SizeColumn: return formatSize(static_cast<quint64>(e.fileSize));
        case ContextColumn: return ok && s.contextLength ? QLocale().toString(static_cast<qulonglong>(s.contextLength)) : QString();
        case LayersColumn: return ok && s.blockCount ? QString::number(s.blockCount) : QString();
        case FitsColumn: return ok && e.kind == ModelKind::Gguf ? fitsText(e) : QString();
        case StatusColumn:
            if (!ok) return tr("Unreadable: %1").arg(e.error);
            if (e.kind == ModelKind::HuggingFace)
                return e.importProblem.isEmpty() ? tr("Hugging Face checkpoint · import to run it")
                                                 : tr("Cannot import: %1").arg(e.importProblem);
            if (!s.unsupported.empty()) return tr("Cannot run: %1").arg(QString::fromStdString(s.unsupported));
            return tr("Runs");
    }
    return {};
}

QVariant ModelListModel::sortValue(const ModelEntry& e, int column) const {
    const ModelSummary& s = e.summary;
    const bool ok = e.readable();
    switch (column) {
        case NameColumn: return display(e, column).toString().toLower();
        case FileColumn: return e.fileName().toLower();
        case ArchitectureColumn: return ok ? QString::fromStdString(s.architecture) : QVariant();
        case ParametersColumn: return ok ? QVariant::fromValue<qulonglong>(s.parameterCount) : QVariant();
        // Types sort by what they cost per weight, which is the order people compare them in.
        case FileTypeColumn: return ok ? QVariant(s.bitsPerWeight) : QVariant();
        case BitsPerWeightColumn: return ok ? QVariant(s.bitsPerWeight) : QVariant();
        case SizeColumn: return QVariant::fromValue<qlonglong>(e.fileSize);
        case ContextColumn: return ok ? QVariant::fromValue<qulonglong>(s.contextLength) : QVariant();
        case LayersColumn: return ok ? QVariant::fromValue<qulonglong>(s.blockCount) : QVariant();
        case FitsColumn: return ok ? QVariant::fromValue<qulonglong>(s.memoryForContext(s.contextLength)) : QVariant();
        case StatusColumn: return display(e, column);
    }
    return {};
}

QString ModelListModel::fitsText(const ModelEntry& e) const {
    const quint64 need = e.summary.memoryForContext(e.summary.contextLength);
    const QString amount = formatSize(need);
    switch (qd::memoryFit(need, m_physicalMemory)) {
        case qd::MemoryFit::Yes: return tr("Yes · %1").arg(amount);
        case qd::MemoryFit::Tight: return tr("Tight · %1").arg(amount);
        case qd::MemoryFit::No: return tr("No · %1").arg(amount);
        case qd::MemoryFit::Unknown: break;
    }
    return amount;
}

QString ModelListModel::fitsToolTip(const ModelEntry& e) const {
    const ModelSummary& s = e.summary;
    const quint64 context = s.contextLength;
    QString text = tr("Running this model at its full context of %1 tokens needs about %2:\n"
                      "weights %3 + KV cache %4 (16-bit keys and values).")
                       .arg(QLocale().toString(static_cast<qulonglong>(context)),
                            formatSize(s.memoryForContext(context)), formatSize(s.tensorBytes),
                            formatSize(s.kvCacheBytes(context)));
    if (m_physicalMemory == 0) return text + QLatin1Char('\n') + tr("This computer's RAM is unknown.");
    text += QLatin1Char('\n') + tr("This computer has %1 of RAM.").arg(formatSize(m_physicalMemory));
    text += QLatin1Char('\n') +
            tr("Yes: up to %1% of RAM. Tight: up to %2%; other programs may be paged out. No: more.")
                .arg(qRound(qd::kMemoryFitComfortable * 100))
                .arg(qRound(qd::kMemoryFitTight * 100));
    return text;
}

QString ModelListModel::toolTip(const ModelEntry& e, int column) const {
    const ModelSummary& s = e.summary;
    if (!e.readable()) {
        if (column == FileColumn || column == NameColumn) return e.path;
        return tr("QuantDesk could not read this file:\n%1").arg(e.error);
    }
    switch (column) {
        case NameColumn:
        case FileColumn: return e.path;
        case ParametersColumn: return QLocale().toString(static_cast<qulonglong>(s.parameterCount));
        case FileTypeColumn: {
            QStringList parts;
            for (const auto& [type, count] : s.tensorsByType)
                parts << QStringLiteral("%1 × %2").arg(count).arg(QString::fromStdString(type));
            QString text = tr("Tensors by type: %1").arg(parts.join(QStringLiteral(", ")));
            if (s.fileTypeGuessed)
                text += QLatin1Char('\n') + tr("The file does not name its type; guessed from its largest tensors.");
            return text;
        }
        case SizeColumn: return tr("%1 bytes").arg(QLocale().toString(static_cast<qlonglong>(e.fileSize)));
        case FitsColumn: return fitsToolTip(e);
        case StatusColumn:
            if (e.kind == ModelKind::HuggingFace)
                return e.importProblem.isEmpty()
                           ? tr("A Hugging Face checkpoint (safetensors). Import… or Quantize… turns it into GGUF files "
                                "QuantDesk and llama.cpp run.")
                           : e.importProblem;
            return s.unsupported.empty() ? tr("QuantDesk can run every tensor type in this file.")
                                         : QString::fromStdString(s.unsupported);
    }
    return {};
}

void ModelListModel::upsert(const QList<ModelEntry>& entries) {
    QList<ModelEntry> fresh;
    for (const ModelEntry& e : entries) {
        auto it = m_rowByPath.constFind(e.path);
        if (it != m_rowByPath.cend()) {
            m_entries[*it] = e;
            emit dataChanged(index(*it, 0), index(*it, ColumnCount - 1));
        } else {
            fresh.append(e);
        }
    }
    if (!fresh.isEmpty()) {
        const int first = static_cast<int>(m_entries.size());
        beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
        for (ModelEntry& e : fresh) {
            m_rowByPath.insert(e.path, static_cast<int>(m_entries.size()));
            m_entries.append(std::move(e));
        }
        endInsertRows();
    }
    noteFileTypes();
}

void ModelListModel::removeIf(const std::function<bool(const ModelEntry&)>& drop) {
    // Remove runs of rows from the end so earlier row numbers stay valid.
    int row = static_cast<int>(m_entries.size()) - 1;
    bool changed = false;
    while (row >= 0) {
        if (!drop(m_entries[row])) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && drop(m_entries[first - 1])) --first;
        beginRemoveRows({}, first, row);
        m_entries.remove(first, row - first + 1);
        endRemoveRows();
        changed = true;
        row = first - 1;
    }
    if (changed) {
        rebuildIndex();
        noteFileTypes();
    }
}

void ModelListModel::clear() {
    if (m_entries.isEmpty()) return;
    beginResetModel();
    m_entries.clear();
    m_rowByPath.clear();
    endResetModel();
    noteFileTypes();
}

int ModelListModel::rowForPath(const QString& path) const { return m_rowByPath.value(path, -1); }

QStringList ModelListModel::fileTypes() const {
    QMap<QString, QPair<double, int>> bits;  // type -> (sum of bits per weight, files)
    for (const ModelEntry& e : m_entries) {
        if (!e.readable() || e.summary.fileType.empty()) continue;
        auto& b = bits[QString::fromStdString(e.summary.fileType)];
        b.first += e.summary.bitsPerWeight;
        b.second += 1;
    }
    QStringList types = bits.keys();
    std::stable_sort(types.begin(), types.end(), [&](const QString& a, const QString& b) {
        return bits[a].first / bits[a].second > bits[b].first / bits[b].second;
    });
    return types;
}

int ModelListModel::unreadableCount() const {
    return static_cast<int>(std::count_if(m_entries.cbegin(), m_entries.cend(), [](const ModelEntry& e) { return !e.readable(); }));
}

void ModelListModel::setPhysicalMemory(quint64 bytes) {
    if (bytes == m_physicalMemory) return;
    m_physicalMemory = bytes;
    if (!m_entries.isEmpty()) emit dataChanged(index(0, FitsColumn), index(rowCount() - 1, FitsColumn));
}

void ModelListModel::rebuildIndex() {
    m_rowByPath.clear();
    for (int i = 0; i < m_entries.size(); ++i) m_rowByPath.insert(m_entries[i].path, i);
}

void ModelListModel::noteFileTypes() {
    QStringList types = fileTypes();
    if (unreadableCount() > 0) types << QString();  // the "unreadable" choice
    if (types == m_lastFileTypes) return;
    m_lastFileTypes = types;
    emit fileTypesChanged();
}

}  // namespace qd::ui
