// The results database as a table: the newest measurement of every variant per base and settings
// (a repeated evaluation replaces its older row on screen; the database keeps them all), grouped into
// series — one base model and its variants measured with the same text, context and chunks — with the
// arena win rates from the chat page beside them. The Compare page's table and charts are fed from it.
#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

#include "core/chat/conversation_store.h"
#include "core/eval/results_db.h"

namespace qd::ui {

struct EvaluationRow {
    qd::EvaluationRecord record;
    int series = 0;          // index into EvaluationsModel::series()
    bool isBase = false;
    double basePpl = 0;      // the series base's perplexity (0: the base row is missing)
    std::optional<qd::WinRate> arena;

    QString fileName() const;
    // ΔPPL in percent of the base's perplexity; 0 when unknown.
    double deltaPplPercent() const { return basePpl > 0 && record.hasKl ? 100.0 * record.deltaPpl / basePpl : 0.0; }
};

struct EvaluationSeries {
    QString key;       // EvaluationRecord::seriesKey()
    QString label;     // "shakespeare-F16 · ctx 512, 40 chunks, held-out.txt"
    QString baseName;  // the base model's file name
    int rows = 0;
};

class EvaluationsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        File, Source, Mix, Size, Bpw, Ppl, DeltaPpl, Kld, Kld99, SameTop, PromptSpeed, GenerationSpeed, Arena, Measured,
        ColumnCount
    };
    // Sorting uses this role: numbers as numbers, text as text.
    static constexpr int SortRole = Qt::UserRole + 1;

    // `database`: the results database's path (empty: the default one). `votes`: the chat history whose
    // arena votes are shown (may be null).
    explicit EvaluationsModel(const QString& database = {}, qd::ConversationStore* votes = nullptr, QObject* parent = nullptr);

    QString databasePath() const;
    // Reads the database again (and the win rates). A missing database is an empty table; an unreadable
    // one too, with the reason in lastError().
    void reload();
    // Reloads when the database has rows it did not read yet (cheap to call often).
    bool reloadIfChanged();
    QString lastError() const { return m_error; }

    const std::vector<EvaluationRow>& rows() const { return m_rows; }
    const std::vector<EvaluationSeries>& series() const { return m_series; }
    const EvaluationRow* row(int r) const { return r >= 0 && r < int(m_rows.size()) ? &m_rows[size_t(r)] : nullptr; }
    // The row of a model file (the newest measurement of it), -1 when none.
    int rowOfFile(const QString& path) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The table as CSV (every column, plain numbers), in the order of `order` (model rows; empty: all).
    QString toCsv(const std::vector<int>& order = {}) const;
    // "2026-12-01 14:02, ctx 512, all chunks, held-out.txt, 2 threads"
    static QString howMeasured(const qd::EvaluationRecord& r);
    // How a record was offloaded ("every layer on GPU 0"); call only when r.gpu() is not empty.
    static QString gpuText(const qd::EvaluationRecord& r);

signals:
    void reloaded();

private:
    QString m_database;
    qd::ConversationStore* m_votes = nullptr;
    std::vector<EvaluationRow> m_rows;
    std::vector<EvaluationSeries> m_series;
    int64_t m_lastId = -1;
    QString m_error;
};

}  // namespace qd::ui
