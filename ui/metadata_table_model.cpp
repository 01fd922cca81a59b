#include "ui/metadata_table_model.h"

#include <QFont>
#include <QFontDatabase>
#include <QLocale>

namespace qd::ui {

namespace {

// A tooltip is for a glance; the dialog shows the rest.
constexpr int kToolTipChars = 1500;
// Past this many elements the full text of an array stops (a 150,000-token vocabulary is still
// listed whole; this only bounds pathological files).
constexpr quint64 kFullTextMaxItems = 1'000'000;

QString fromStd(const std::string& s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

QString elementText(const qd::GgufValue& array, quint64 i) {
    switch (array.arrayType()) {
        case qd::GgufValueType::String: return fromStd(array.arrayStrings()[i]);
        case qd::GgufValueType::Array: return fromStd(array.arrayNested()[i].display());
        case qd::GgufValueType::Float32:
        case qd::GgufValueType::Float64: return QString::number(array.arrayNumber(i), 'g', 9);
        case qd::GgufValueType::Bool: return array.arrayInt(i) ? QStringLiteral("true") : QStringLiteral("false");
        default: return QString::number(array.arrayInt(i));
    }
}

}  // namespace

QString metadataTypeText(const qd::GgufValue& value) {
    if (!value.isArray()) return fromStd(std::string(qd::ggufValueTypeName(value.type())));
    return MetadataTableModel::tr("array of %1 (%2)")
        .arg(fromStd(std::string(qd::ggufValueTypeName(value.arrayType()))),
             QLocale().toString(static_cast<qulonglong>(value.arraySize())));
}

QString metadataShortText(const qd::GgufValue& value) {
    if (value.isString()) {
        QString s = fromStd(*value.toString());
        const bool cut = s.size() > 200;
        if (cut) s.truncate(200);
        s.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
        s.replace(QLatin1Char('\t'), QLatin1Char(' '));
        return cut ? s + QStringLiteral("…") : s;
    }
    return fromStd(value.display(8, 200));
}

QString metadataFullText(const qd::GgufValue& value) {
    if (value.isString()) return fromStd(*value.toString());
    if (!value.isArray()) return fromStd(value.display());
    QString out;
    const quint64 n = value.arraySize();
    const quint64 shown = std::min(n, kFullTextMaxItems);
    const int width = QString::number(shown ? shown - 1 : 0).size();
    for (quint64 i = 0; i < shown; ++i) {
        out += QStringLiteral("%1  %2\n").arg(i, width).arg(elementText(value, i));
    }
    if (shown < n) out += MetadataTableModel::tr("… and %1 more").arg(QLocale().toString(static_cast<qulonglong>(n - shown)));
    return out;
}

MetadataTableModel::MetadataTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void MetadataTableModel::setFile(std::shared_ptr<const qd::GgufFile> file) {
    beginResetModel();
    m_file = std::move(file);
    endResetModel();
}

int MetadataTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_file ? 0 : static_cast<int>(m_file->metadata().size());
}

int MetadataTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant MetadataTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case KeyColumn: return tr("Key");
        case TypeColumn: return tr("Type");
        case ValueColumn: return tr("Value");
    }
    return {};
}

QVariant MetadataTableModel::data(const QModelIndex& index, int role) const {
    if (!m_file || !index.isValid() || index.row() >= rowCount()) return {};
    const qd::GgufKeyValue& kv = m_file->metadata()[static_cast<size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case KeyColumn: return fromStd(kv.key);
                case TypeColumn: return metadataTypeText(kv.value);
                case ValueColumn: return metadataShortText(kv.value);
            }
            return {};
        case SortRole:
            if (index.column() == ValueColumn && !kv.value.isArray() && !kv.value.isString())
                if (auto d = kv.value.toDouble()) return *d;
            return data(index, Qt::DisplayRole).toString().toLower();
        case FullTextRole: return metadataFullText(kv.value);
        case Qt::ToolTipRole: {
            if (index.column() != ValueColumn) return fromStd(kv.key);
            QString text = metadataFullText(kv.value);
            const bool cut = text.size() > kToolTipChars;
            if (cut) text = text.left(kToolTipChars) + QStringLiteral("…");
            text += QStringLiteral("\n\n") + tr("Double-click or press Enter to see the whole value.");
            return text;
        }
        case Qt::FontRole:
            if (index.column() == ValueColumn && kv.value.isString() && kv.key.find("template") != std::string::npos)
                return QFontDatabase::systemFont(QFontDatabase::FixedFont);
            return {};
    }
    return {};
}

int MetadataTableModel::rowForKey(const QString& key) const {
    if (!m_file) return -1;
    const auto& md = m_file->metadata();
    const std::string k = key.toStdString();
    for (size_t i = 0; i < md.size(); ++i)
        if (md[i].key == k) return static_cast<int>(i);
    return -1;
}

QString MetadataTableModel::displayValue(const QString& key) const {
    const int row = rowForKey(key);
    return row < 0 ? QString() : data(index(row, ValueColumn)).toString();
}

}  // namespace qd::ui
