// The evaluator's own files read back from disk, hostile or foreign: the stored base log-probabilities
// of the KL divergence (every count checked against the file size, reads bounds-checked) and the results
// database (a corrupt or someone else's SQLite file is reported and left as it was, never crashed on or
// rewritten).
#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "core/eval/log_prob_store.h"
#include "core/eval/results_db.h"

using namespace qd;

namespace {

QByteArray header(uint32_t vocab, uint32_t context, uint32_t chunks, uint32_t scored) {
    QByteArray b("QDLP", 4);
    for (uint32_t v : {1u, vocab, context, chunks, scored}) b.append(reinterpret_cast<const char*>(&v), 4);
    return b;
}

bool write(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray sha(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256) : QByteArray();
}

}  // namespace

class TestEvalFiles : public QObject {
    Q_OBJECT

private slots:
    void logProbRoundTripAndBounds() {
        QTemporaryDir dir;
        const QString path = dir.filePath("base.qdlp");
        LogProbWriter w;
        const std::vector<int32_t> tokens(2 * 8, 3);
        QVERIFY(w.open(path.toStdString(), {4, 8, 2, 3}, tokens).ok());
        const float logits[4] = {0.0f, 1.0f, 2.0f, 3.0f};
        for (int i = 0; i < 6; ++i) QVERIFY(w.add(logits).ok());
        QVERIFY(w.commit().ok());
        auto r = LogProbReader::open(path.toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        QCOMPARE(r->positions(), uint64_t(6));
        float out[4];
        QVERIFY(r->logProbs(5, out));
        // log-softmax of (0, 1, 2, 3), stored in 16 bits over 16 nats: within one step (16 / 65535) of exact.
        const double logSum = std::log(1.0 + std::exp(-1.0) + std::exp(-2.0) + std::exp(-3.0));
        for (int v = 0; v < 4; ++v) QVERIFY2(std::fabs(out[v] - (v - 3 - logSum)) < 1e-3, qPrintable(QString::number(out[v])));
        QVERIFY(!r->logProbs(6, out));  // past the last position: refused, nothing read
        QVERIFY(!r->logProbs(UINT64_MAX, out));
    }

    void hostileLogProbHeaders_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        // chunks x context x 4 and chunks x scored x row bytes wrap in 64 bits when multiplied naively.
        QTest::newRow("wrapping token count") << header(16, 0x80000000u, 0x80000000u, 1) + QByteArray(64, '\0') << "truncated or corrupt";
        QTest::newRow("wrapping rows") << header(1u << 22, 0xffffffffu, 0xffffffffu, 0xfffffffeu) << "truncated or corrupt";
        QTest::newRow("one byte short") << header(4, 8, 1, 3) + QByteArray(8 * 4 + 3 * 16 - 1, '\0') << "truncated or corrupt";
        QTest::newRow("zero vocabulary") << header(0, 8, 1, 3) << "implausible header";
        QTest::newRow("scored past context") << header(4, 8, 1, 8) << "implausible header";
        QTest::newRow("foreign file") << QByteArray("PK\x03\x04 a zip archive, not ours") << "not a QuantDesk log-probability file";
        QTest::newRow("empty") << QByteArray() << "not a QuantDesk log-probability file";
    }

    void hostileLogProbHeaders() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath("base.qdlp");
        QVERIFY(write(path, bytes));
        auto r = LogProbReader::open(path.toStdString());
        QVERIFY(!r.ok());
        QVERIFY2(QString::fromStdString(r.message()).contains(expected), r.message().c_str());
    }

    void foreignOrCorruptDatabases_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not SQLite") << "text" << "is not a QuantDesk results database";
        QTest::newRow("someone else's SQLite") << "foreign" << "is not a QuantDesk results database (schema version 0";
        QTest::newRow("our name, other columns") << "wrong-columns" << "no such column";
        QTest::newRow("a newer schema") << "newer" << "schema version 7";
        QTest::newRow("damaged pages") << "damaged" << "is not a QuantDesk results database";
    }

    void foreignOrCorruptDatabases() {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath("results.sqlite");
        auto sql = [&](const char* statements) {
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db, statements, nullptr, nullptr, nullptr), SQLITE_OK);
            sqlite3_close(db);
        };
        if (kind == "text") QVERIFY(write(path, QByteArray("just some notes\n").repeated(100)));
        if (kind == "foreign") sql("CREATE TABLE photos (id INTEGER, name TEXT); INSERT INTO photos VALUES (1, 'cat');");
        if (kind == "wrong-columns") sql("CREATE TABLE evaluations (id INTEGER, note TEXT); PRAGMA user_version = 1;");
        if (kind == "newer") sql("CREATE TABLE evaluations (id INTEGER); PRAGMA user_version = 7;");
        if (kind == "damaged") {
            {
                auto db = ResultsDatabase::open(path.toStdString());
                QVERIFY(db.ok());
                EvaluationRecord rec;
                rec.modelIdentity = "x";
                rec.modelPath = "/m.gguf";
                rec.method = "Q4_0";
                rec.settingsKey = "k";
                QVERIFY(db->insert(rec).ok());
            }
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QByteArray bytes = f.readAll();
            for (qsizetype i = 16; i < bytes.size(); ++i) bytes[i] = char(0xA5 ^ (i * 7));  // keep only the magic
            f.seek(0);
            f.write(bytes);
        }
        const QByteArray before = sha(path);
        auto db = ResultsDatabase::open(path.toStdString());
        QVERIFY(!db.ok());
        QVERIFY2(QString::fromStdString(db.message()).contains(expected), db.message().c_str());
        QCOMPARE(sha(path), before);  // reported, not rewritten
    }

    // A database written by the first release (schema version 1) is brought up to date in place: its rows
    // stay, the new columns read as empty, and new rows keep them.
    void versionOneDatabaseIsUpdated() {
        QTemporaryDir dir;
        const QString path = dir.filePath("results.sqlite");
        sqlite3* raw = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &raw), SQLITE_OK);
        const char* v1 =
            "CREATE TABLE evaluations (id INTEGER PRIMARY KEY AUTOINCREMENT, model_identity TEXT NOT NULL, model_path TEXT NOT NULL,"
            " method TEXT NOT NULL, settings_key TEXT NOT NULL, file_size INTEGER NOT NULL, bits_per_weight REAL NOT NULL,"
            " ppl REAL NOT NULL, ppl_error REAL NOT NULL, has_kl INTEGER NOT NULL, kld REAL, kld_error REAL, same_top_percent REAL,"
            " delta_ppl REAL, pp_tokens_per_second REAL, tg_tokens_per_second REAL, threads INTEGER, measured_at TEXT NOT NULL);"
            "INSERT INTO evaluations (model_identity, model_path, method, settings_key, file_size, bits_per_weight, ppl, ppl_error,"
            " has_kl, kld, kld_error, same_top_percent, delta_ppl, pp_tokens_per_second, tg_tokens_per_second, threads, measured_at)"
            " VALUES ('v', '/m-Q4_0.gguf', 'Q4_0', 'text=ab;ctx=256;chunks=3;act=quantized;base=b', 2165856, 4.6, 38.5, 0.9, 1,"
            " 0.05, 0.001, 91.5, 2.3, 900, 120, 2, '2026-01-02T03:04:05Z');"
            "PRAGMA user_version = 1;";
        QCOMPARE(sqlite3_exec(raw, v1, nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(raw);
        {
            auto db = ResultsDatabase::open(path.toStdString());
            QVERIFY2(db.ok(), db.ok() ? "" : db.message().c_str());
            auto rows = db->all();
            QVERIFY(rows.ok());
            QCOMPARE(rows->size(), size_t(1));
            const EvaluationRecord& old = rows->front();
            QCOMPARE(old.ppl, 38.5);
            QCOMPARE(old.kld, 0.05);
            QCOMPARE(old.kld99, 0.0);
            QVERIFY(old.textName.empty());
            // What the settings key says.
            QCOMPARE(old.context(), 256);
            QCOMPARE(old.maxChunks(), 3);
            QCOMPARE(old.baseIdentity(), std::string("b"));
            QVERIFY(!old.isBase());
            QCOMPARE(old.measurementKey(), std::string("text=ab;ctx=256;chunks=3;act=quantized"));
            EvaluationRecord rec = old;
            rec.id = 0;
            rec.kld99 = 0.4;
            rec.logPplRatio = 0.0581;
            rec.textName = "held-out.txt";
            rec.basePath = "/m-F32.gguf";
            QVERIFY(db->insert(rec).ok());
            auto last = db->lastId();
            QVERIFY(last.ok());
            QCOMPARE(*last, rec.id);
        }
        raw = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &raw), SQLITE_OK);
        sqlite3_stmt* st = nullptr;
        QCOMPARE(sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &st, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(st), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int(st, 0), 2);
        sqlite3_finalize(st);
        sqlite3_close(raw);
        auto db = ResultsDatabase::open(path.toStdString());
        QVERIFY(db.ok());
        auto rows = db->all();
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), size_t(2));
        QCOMPARE(rows->front().kld99, 0.4);
        QCOMPARE(rows->front().logPplRatio, 0.0581);
        QCOMPARE(rows->front().textName, std::string("held-out.txt"));
        QCOMPARE(rows->front().basePath, std::string("/m-F32.gguf"));
        QCOMPARE(rows->front().seriesKey(), rows->back().seriesKey());
    }

    void ourDatabaseReopens() {
        QTemporaryDir dir;
        const QString path = dir.filePath("results.sqlite");
        {
            auto db = ResultsDatabase::open(path.toStdString());
            QVERIFY2(db.ok(), db.ok() ? "" : db.message().c_str());
            EvaluationRecord rec;
            rec.modelIdentity = "id";
            rec.modelPath = "/m.gguf";
            rec.method = "Q8_0";
            rec.settingsKey = "s";
            rec.ppl = 36.5;
            QVERIFY(db->insert(rec).ok());
        }
        auto db = ResultsDatabase::open(path.toStdString());
        QVERIFY2(db.ok(), db.ok() ? "" : db.message().c_str());
        auto rows = db->all();
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), size_t(1));
        QCOMPARE(rows->front().ppl, 36.5);
    }
};

QTEST_GUILESS_MAIN(TestEvalFiles)
#include "test_eval_files.moc"
