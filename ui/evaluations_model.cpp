#include "ui/evaluations_model.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>
#include <map>
#include <set>

#include "ui/format.h"

namespace qd::ui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString csvField(const QString& s) {
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n'))) return s;
    QString out = s;
    out.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

QString num(double v, int decimals) { return QLocale::c().toString(v, 'f', decimals); }

// On screen, in the person's locale; the CSV keeps num() (C locale).
QString shown(double v, int decimals) { return QLocale().toString(v, 'f', decimals); }

// Three significant digits: KL divergences run from 1e-7 (F16) to 1 (two bits).
QString sig(double v) { return QLocale().toString(v, 'g', 3); }

}  // namespace

QString EvaluationRow::fileName() const { return QFileInfo(qs(record.modelPath)).fileName(); }

EvaluationsModel::EvaluationsModel(const QString& database, qd::ConversationStore* votes, QObject* parent)
    : QAbstractTableModel(parent), m_database(database), m_votes(votes) {}

QString EvaluationsModel::databasePath() const {
    return m_database.isEmpty() ? QString::fromStdString(qd::ResultsDatabase::defaultPath().string()) : m_database;
}

QString EvaluationsModel::gpuText(const qd::EvaluationRecord& r) {
    // "-1@0": every layer on device 0; "12@-1": 12 layers on the best device.
    const QString g = qs(r.gpu());
    const int at = g.indexOf(QLatin1Char('@'));
    const int layers = g.left(at).toInt();
    const int device = at < 0 ? -1 : g.mid(at + 1).toInt();
    const QString where = device < 0 ? tr("the best GPU") : tr("GPU %1").arg(device);
    return layers < 0 ? tr("every layer on %1").arg(where) : tr("%n layer(s) on %1", nullptr, layers).arg(where);
}

QString EvaluationsModel::howMeasured(const qd::EvaluationRecord& r) {
    QString when = qs(r.measuredAt);
    const QDateTime t = QDateTime::fromString(when, Qt::ISODate);
    if (t.isValid()) when = t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    QStringList parts{when};
    if (r.context() > 0) parts << tr("context %1").arg(r.context());
    parts << (r.maxChunks() > 0 ? tr("at most %n chunk(s)", nullptr, r.maxChunks()) : tr("every chunk"));
    if (!r.textName.empty()) parts << qs(r.textName);
    if (r.threads > 0) parts << tr("%n thread(s)", nullptr, r.threads);
    if (!r.gpu().empty()) parts << gpuText(r);
    return parts.join(QStringLiteral(", "));
}

void EvaluationsModel::reload() {
    std::vector<qd::EvaluationRecord> records;
    m_error.clear();
    int64_t lastId = 0;
    const std::filesystem::path path = databasePath().toStdString();
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        auto db = qd::ResultsDatabase::open(path);
        if (!db) {
            m_error = qs(db.message());
        } else if (auto all = db->all(); !all) {
            m_error = qs(all.message());
        } else {
            records = std::move(*all);
            if (auto id = db->lastId()) lastId = *id;
        }
    }
    std::vector<qd::WinRate> rates;
    if (m_votes)
        if (auto w = m_votes->winRates()) rates = std::move(*w);

    // Newest first: the first row of a file and settings is the one shown.
    std::set<std::pair<std::string, std::string>> seen;
    std::vector<qd::EvaluationRecord> shown;
    for (auto& r : records)
        if (seen.insert({r.modelIdentity, r.settingsKey}).second) shown.push_back(std::move(r));

    std::map<std::string, int> seriesIndex;
    std::vector<EvaluationSeries> series;
    std::map<std::string, const qd::EvaluationRecord*> bases;  // series key -> its base row
    for (const auto& r : shown)
        if (r.isBase()) bases.emplace(r.seriesKey(), &r);
    for (const auto& r : shown) {
        const std::string key = r.seriesKey();
        if (seriesIndex.count(key)) continue;
        EvaluationSeries s;
        s.key = qs(key);
        auto b = bases.find(key);
        const std::string basePath = b != bases.end() ? b->second->modelPath : r.basePath;
        s.baseName = basePath.empty() ? tr("unknown base") : QFileInfo(qs(basePath)).fileName();
        QStringList how;
        if (r.context() > 0) how << tr("context %1").arg(r.context());
        how << (r.maxChunks() > 0 ? tr("at most %n chunk(s)", nullptr, r.maxChunks()) : tr("every chunk"));
        if (!r.textName.empty()) how << qs(r.textName);
        if (!r.gpu().empty()) how << gpuText(r);
        s.label = tr("%1 (%2)").arg(s.baseName, how.join(QStringLiteral(", ")));
        seriesIndex.emplace(key, 0);
        series.push_back(s);
    }
    // Series by name, so the order does not jump when one of them is measured again.
    std::vector<size_t> order(series.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return QString::localeAwareCompare(series[a].label, series[b].label) < 0;
    });
    std::vector<EvaluationSeries> sorted;
    for (size_t i = 0; i < order.size(); ++i) {
        seriesIndex[series[order[i]].key.toStdString()] = int(i);
        sorted.push_back(series[order[i]]);
    }

    std::vector<EvaluationRow> rows;
    for (auto& r : shown) {
        EvaluationRow row;
        row.series = seriesIndex[r.seriesKey()];
        row.isBase = r.isBase();
        auto b = bases.find(r.seriesKey());
        if (b != bases.end()) row.basePpl = b->second->ppl;
        else if (r.hasKl) row.basePpl = r.ppl - r.deltaPpl;
        for (const auto& w : rates)
            if (w.modelPath == r.modelPath) row.arena = w;
        sorted[size_t(row.series)].rows++;
        row.record = std::move(r);
        rows.push_back(std::move(row));
    }
    // Within a series: the base first, then the variants from the largest down.
    std::stable_sort(rows.begin(), rows.end(), [](const EvaluationRow& a, const EvaluationRow& b) {
        if (a.series != b.series) return a.series < b.series;
        if (a.isBase != b.isBase) return a.isBase;
        return a.record.fileSize > b.record.fileSize;
    });

    beginResetModel();
    m_rows = std::move(rows);
    m_series = std::move(sorted);
    m_lastId = lastId;
    endResetModel();
    emit reloaded();
}

bool EvaluationsModel::reloadIfChanged() {
    const std::filesystem::path path = databasePath().toStdString();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        if (m_lastId == 0) return false;
        reload();
        return true;
    }
    auto db = qd::ResultsDatabase::open(path);
    if (!db) return false;
    auto id = db->lastId();
    if (!id || *id == m_lastId) return false;
    reload();
    return true;
}

int EvaluationsModel::rowOfFile(const QString& path) const {
    const std::string p = QFileInfo(path).absoluteFilePath().toStdString();
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].record.modelPath == p) return int(i);
    return -1;
}

int EvaluationsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int EvaluationsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant EvaluationsModel::data(const QModelIndex& index, int role) const {
    const EvaluationRow* row = this->row(index.row());
    if (!row || index.column() < 0 || index.column() >= ColumnCount) return {};
    const auto& r = row->record;
    const bool kl = r.hasKl;
    const QString none = QStringLiteral("–");
    if (role == SortRole) {
        switch (index.column()) {
        case File: return row->fileName().toLower();
        case Source: return m_series[size_t(row->series)].label.toLower();
        case Mix: return qs(r.method);
        case Size: return double(r.fileSize);
        case Bpw: return r.bitsPerWeight;
        case Ppl: return r.ppl;
        case DeltaPpl: return row->isBase ? 0.0 : row->deltaPplPercent();
        case Kld: return kl ? r.kld : 0.0;
        case Kld99: return kl ? r.kld99 : 0.0;
        case SameTop: return kl ? r.sameTopPercent : 100.0;
        case PromptSpeed: return r.promptTokensPerSecond;
        case GenerationSpeed: return r.generationTokensPerSecond;
        case Arena: return row->arena ? row->arena->rate() : -1.0;
        case Measured: return qs(r.measuredAt);
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return index.column() >= Size && index.column() <= GenerationSpeed ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::ToolTipRole) {
        if (index.column() == File) return QDir::toNativeSeparators(qs(r.modelPath));
        if (index.column() == Kld && kl) return tr("Mean KL divergence %1 ± %2 nats per token; 99th percentile %3")
                                                     .arg(shown(r.kld, 6), shown(r.kldError, 6), shown(r.kld99, 4));
        if (index.column() == Arena && row->arena)
            return tr("%1 wins, %2 ties in %3 blind or open rounds on the Chat page")
                .arg(row->arena->wins).arg(row->arena->ties).arg(row->arena->rounds);
        return {};
    }
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case File: return row->fileName();
    case Source: return m_series[size_t(row->series)].baseName;
    case Mix: return row->isBase ? tr("%1 (base)").arg(qs(r.method)) : qs(r.method);
    case Size: return formatSize(r.fileSize);
    case Bpw: return shown(r.bitsPerWeight, 2);
    case Ppl: return tr("%1 ± %2").arg(shown(r.ppl, 4), shown(r.pplError, 4));
    case DeltaPpl: return row->isBase || !kl ? none : QStringLiteral("%1%2 %").arg(r.deltaPpl >= 0 ? QStringLiteral("+") : QString(), shown(row->deltaPplPercent(), 2));
    case Kld: return kl ? tr("%1 ± %2").arg(sig(r.kld), sig(r.kldError)) : none;
    case Kld99: return kl && r.kld99 > 0 ? sig(r.kld99) : none;
    case SameTop: return kl ? QStringLiteral("%1 %").arg(shown(r.sameTopPercent, 2)) : none;
    case PromptSpeed: return r.promptTokensPerSecond > 0 ? shown(r.promptTokensPerSecond, 1) : none;
    case GenerationSpeed: return r.generationTokensPerSecond > 0 ? shown(r.generationTokensPerSecond, 1) : none;
    case Arena: return row->arena ? tr("%1 % of %n round(s)", nullptr, row->arena->rounds).arg(shown(100.0 * row->arena->rate(), 0)) : none;
    case Measured: return howMeasured(r);
    }
    return {};
}

QVariant EvaluationsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case DeltaPpl: return tr("Perplexity change against the base model, in percent of the base's perplexity");
        case Kld: return tr("Mean KL divergence of the variant's next-token distribution from the base's (lower is better)");
        case Kld99: return tr("99th percentile of the per-token KL divergence: how bad the worst tokens get");
        case SameTop: return tr("How often the variant's most likely next token is the base's");
        case PromptSpeed: return tr("Prompt processing, tokens per second, measured on this machine");
        case GenerationSpeed: return tr("Generation, tokens per second, measured on this machine");
        case Arena: return tr("How often this file won side-by-side rounds on the Chat page (a tie counts half)");
        }
        return {};
    }
    if (role != Qt::DisplayRole) return {};
    switch (section) {
    case File: return tr("File");
    case Source: return tr("Base");
    case Mix: return tr("Mix");
    case Size: return tr("Size");
    case Bpw: return tr("Bits/weight");
    case Ppl: return tr("Perplexity");
    case DeltaPpl: return tr("ΔPPL");
    case Kld: return tr("KL divergence");
    case Kld99: return tr("KLD p99");
    case SameTop: return tr("Same top");
    case PromptSpeed: return tr("Prompt t/s");
    case GenerationSpeed: return tr("Generation t/s");
    case Arena: return tr("Arena");
    case Measured: return tr("Measured");
    }
    return {};
}

QString EvaluationsModel::toCsv(const std::vector<int>& order) const {
    QString out = QStringLiteral(
        "file,base,mix,is_base,size_bytes,bits_per_weight,ppl,ppl_error,delta_ppl_percent,kld,kld_error,kld_p99,same_top_percent,"
        "pp_tokens_per_second,tg_tokens_per_second,threads,arena_rounds,arena_win_rate,measured_at,context,max_chunks,text\n");
    std::vector<int> rows = order;
    if (rows.empty())
        for (int i = 0; i < rowCount(); ++i) rows.push_back(i);
    for (int i : rows) {
        const EvaluationRow* row = this->row(i);
        if (!row) continue;
        const auto& r = row->record;
        const bool kl = r.hasKl;
        QStringList f;
        f << csvField(qs(r.modelPath)) << csvField(m_series[size_t(row->series)].baseName) << csvField(qs(r.method))
          << (row->isBase ? QStringLiteral("1") : QStringLiteral("0")) << QString::number(r.fileSize) << num(r.bitsPerWeight, 4)
          << num(r.ppl, 6) << num(r.pplError, 6) << (kl ? num(row->deltaPplPercent(), 4) : QString())
          << (kl ? num(r.kld, 6) : QString()) << (kl ? num(r.kldError, 6) : QString())
          << (kl && r.kld99 > 0 ? num(r.kld99, 6) : QString()) << (kl ? num(r.sameTopPercent, 4) : QString())
          << num(r.promptTokensPerSecond, 3) << num(r.generationTokensPerSecond, 3) << QString::number(r.threads)
          << (row->arena ? QString::number(row->arena->rounds) : QString()) << (row->arena ? num(row->arena->rate(), 4) : QString())
          << csvField(qs(r.measuredAt)) << QString::number(r.context()) << QString::number(r.maxChunks()) << csvField(qs(r.textName));
        out += f.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

}  // namespace qd::ui
