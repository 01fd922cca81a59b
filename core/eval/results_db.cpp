#include "core/eval/results_db.h"

#include <sqlite3.h>

#include "core/common/sqlite_statement.h"
#include "core/common/system_info.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <optional>

namespace qd {

namespace {

// The schema. Columns are only ever added (never renamed or reused); kMigrations brings an older file
// up to date in one transaction.
const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS evaluations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  model_identity TEXT NOT NULL,
  model_path TEXT NOT NULL,
  method TEXT NOT NULL,
  settings_key TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  bits_per_weight REAL NOT NULL,
  ppl REAL NOT NULL,
  ppl_error REAL NOT NULL,
  has_kl INTEGER NOT NULL,
  kld REAL,
  kld_error REAL,
  same_top_percent REAL,
  delta_ppl REAL,
  pp_tokens_per_second REAL,
  tg_tokens_per_second REAL,
  threads INTEGER,
  measured_at TEXT NOT NULL,
  kld_p99 REAL,
  log_ppl_ratio REAL,
  log_ppl_ratio_error REAL,
  text_name TEXT,
  base_path TEXT
);
CREATE INDEX IF NOT EXISTS evaluations_lookup ON evaluations (model_identity, settings_key, id);
PRAGMA user_version = 2;
)";

constexpr int kVersion = 2;
// From version 1 to 2.
const char* kMigrateFrom1 = R"(
BEGIN;
ALTER TABLE evaluations ADD COLUMN kld_p99 REAL;
ALTER TABLE evaluations ADD COLUMN log_ppl_ratio REAL;
ALTER TABLE evaluations ADD COLUMN log_ppl_ratio_error REAL;
ALTER TABLE evaluations ADD COLUMN text_name TEXT;
ALTER TABLE evaluations ADD COLUMN base_path TEXT;
PRAGMA user_version = 2;
COMMIT;
)";

const char* kColumns =
    "id, model_identity, model_path, method, settings_key, file_size, bits_per_weight, ppl, ppl_error, has_kl, kld, "
    "kld_error, same_top_percent, delta_ppl, pp_tokens_per_second, tg_tokens_per_second, threads, measured_at, kld_p99, "
    "log_ppl_ratio, log_ppl_ratio_error, text_name, base_path";
// The columns version 1 had: an older file must have them before it is migrated.
const char* kColumnsV1 =
    "id, model_identity, model_path, method, settings_key, file_size, bits_per_weight, ppl, ppl_error, has_kl, kld, "
    "kld_error, same_top_percent, delta_ppl, pp_tokens_per_second, tg_tokens_per_second, threads, measured_at";

using sql::nowIso;
using sql::Statement;

EvaluationRecord readRow(sqlite3_stmt* s) {
    auto str = [&](int i) {
        const unsigned char* t = sqlite3_column_text(s, i);
        return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
    };
    EvaluationRecord r;
    r.id = sqlite3_column_int64(s, 0);
    r.modelIdentity = str(1);
    r.modelPath = str(2);
    r.method = str(3);
    r.settingsKey = str(4);
    r.fileSize = static_cast<uint64_t>(sqlite3_column_int64(s, 5));
    r.bitsPerWeight = sqlite3_column_double(s, 6);
    r.ppl = sqlite3_column_double(s, 7);
    r.pplError = sqlite3_column_double(s, 8);
    r.hasKl = sqlite3_column_int(s, 9) != 0;
    r.kld = sqlite3_column_double(s, 10);
    r.kldError = sqlite3_column_double(s, 11);
    r.sameTopPercent = sqlite3_column_double(s, 12);
    r.deltaPpl = sqlite3_column_double(s, 13);
    r.promptTokensPerSecond = sqlite3_column_double(s, 14);
    r.generationTokensPerSecond = sqlite3_column_double(s, 15);
    r.threads = sqlite3_column_int(s, 16);
    r.measuredAt = str(17);
    r.kld99 = sqlite3_column_double(s, 18);
    r.logPplRatio = sqlite3_column_double(s, 19);
    r.logPplRatioError = sqlite3_column_double(s, 20);
    r.textName = str(21);
    r.basePath = str(22);
    return r;
}

// The value of `name=` in a settings key ("text=..;ctx=512;chunks=0;act=quantized;base=..").
std::string keyField(const std::string& key, const std::string& name) {
    size_t at = 0;
    while (at <= key.size()) {
        const size_t end = std::min(key.find(';', at), key.size());
        const std::string part = key.substr(at, end - at);
        if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
        at = end + 1;
    }
    return {};
}

int keyInt(const std::string& key, const std::string& name) {
    const std::string v = keyField(key, name);
    int n = 0;
    for (char c : v) {
        if (c < '0' || c > '9' || n > 100000000) return 0;
        n = n * 10 + (c - '0');
    }
    return n;
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

bool EvaluationRecord::isBase() const { return keyField(settingsKey, "base") == "self"; }

std::string EvaluationRecord::baseIdentity() const { return isBase() ? modelIdentity : keyField(settingsKey, "base"); }

int EvaluationRecord::context() const { return keyInt(settingsKey, "ctx"); }

int EvaluationRecord::maxChunks() const { return keyInt(settingsKey, "chunks"); }

std::string EvaluationRecord::gpu() const { return keyField(settingsKey, "gpu"); }

std::string EvaluationRecord::measurementKey() const {
    const size_t at = settingsKey.find(";base=");
    return at == std::string::npos ? settingsKey : settingsKey.substr(0, at);
}

Json EvaluationRecord::toJson() const {
    Json j = Json::object();
    j.set("model_path", modelPath);
    j.set("model_identity", modelIdentity);
    j.set("method", method);
    j.set("settings", settingsKey);
    j.set("file_size", fileSize);
    j.set("bits_per_weight", bitsPerWeight);
    j.set("ppl", ppl);
    j.set("ppl_error", pplError);
    if (hasKl) {
        j.set("kld", kld);
        j.set("kld_error", kldError);
        j.set("same_top_percent", sameTopPercent);
        j.set("delta_ppl", deltaPpl);
        if (kld99 > 0) j.set("kld_p99", kld99);
        j.set("log_ppl_ratio", logPplRatio);
        j.set("log_ppl_ratio_error", logPplRatioError);
    }
    if (!textName.empty()) j.set("text", textName);
    if (!basePath.empty()) j.set("base_path", basePath);
    j.set("pp_tokens_per_second", promptTokensPerSecond);
    j.set("tg_tokens_per_second", generationTokensPerSecond);
    j.set("ms_per_token", msPerToken());
    j.set("threads", threads);
    j.set("measured_at", measuredAt);
    return j;
}

ResultsDatabase::~ResultsDatabase() {
    if (m_db) sqlite3_close(m_db);
}

ResultsDatabase::ResultsDatabase(ResultsDatabase&& o) noexcept : m_db(o.m_db) { o.m_db = nullptr; }

ResultsDatabase& ResultsDatabase::operator=(ResultsDatabase&& o) noexcept {
    if (this != &o) {
        if (m_db) sqlite3_close(m_db);
        m_db = o.m_db;
        o.m_db = nullptr;
    }
    return *this;
}

std::filesystem::path ResultsDatabase::defaultPath() { return userDataFile("results.sqlite"); }

Status ResultsDatabase::exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        return fail("results database: " + msg);
    }
    return {};
}

Result<ResultsDatabase> ResultsDatabase::open(const std::filesystem::path& path) {
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    ResultsDatabase db;
    if (sqlite3_open_v2(path.string().c_str(), &db.m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        std::string msg = db.m_db ? sqlite3_errmsg(db.m_db) : "out of memory";
        return fail("cannot open the results database " + path.string() + ": " + msg);
    }
    sqlite3_busy_timeout(db.m_db, 5000);
    // Someone else's SQLite file, or a corrupt one, is reported and left exactly as it was: the schema is
    // only written into an empty database, and a version-1 one must have our columns.
    const std::string notOurs = path.string() + " is not a QuantDesk results database";
    auto scalar = [&](const char* sql) -> std::optional<int64_t> {
        Statement st(db.m_db, sql);
        if (!st.ok() || sqlite3_step(st.get()) != SQLITE_ROW) return std::nullopt;
        return sqlite3_column_int64(st.get(), 0);
    };
    const auto version = scalar("PRAGMA user_version");
    const auto objects = scalar("SELECT count(*) FROM sqlite_master");
    if (!version || !objects) return fail(notOurs + " (" + sqlite3_errmsg(db.m_db) + ")");
    if (*objects == 0 && *version == 0) {
        if (auto s = db.exec(kSchema); !s) return fail(s.message() + " (" + path.string() + ")");
        return db;
    }
    if (*version < 1 || *version > kVersion)
        return fail(notOurs + " (schema version " + std::to_string(*version) + "; this QuantDesk reads versions 1 to " +
                    std::to_string(kVersion) + ")");
    {
        Statement probe(db.m_db, (std::string("SELECT ") + (*version == 1 ? kColumnsV1 : kColumns) + " FROM evaluations LIMIT 0").c_str());
        if (!probe.ok()) return fail(notOurs + " (" + sqlite3_errmsg(db.m_db) + ")");
    }
    if (*version == 1) {
        if (auto s = db.exec(kMigrateFrom1); !s) {
            (void)db.exec("ROLLBACK");  // the failure reported is the migration's
            return fail("cannot update the results database " + path.string() + " to this version: " + s.message());
        }
    }
    return db;
}

Status ResultsDatabase::insert(EvaluationRecord& r) {
    if (r.measuredAt.empty()) r.measuredAt = nowIso();
    Statement s(m_db,
                "INSERT INTO evaluations (model_identity, model_path, method, settings_key, file_size, bits_per_weight, ppl, "
                "ppl_error, has_kl, kld, kld_error, same_top_percent, delta_ppl, pp_tokens_per_second, tg_tokens_per_second, "
                "threads, measured_at, kld_p99, log_ppl_ratio, log_ppl_ratio_error, text_name, base_path) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!s.ok()) return fail(std::string("results database: ") + sqlite3_errmsg(m_db));
    s.text(1, r.modelIdentity);
    s.text(2, r.modelPath);
    s.text(3, r.method);
    s.text(4, r.settingsKey);
    s.integer(5, static_cast<int64_t>(r.fileSize));
    s.real(6, r.bitsPerWeight);
    s.real(7, r.ppl);
    s.real(8, r.pplError);
    s.integer(9, r.hasKl ? 1 : 0);
    s.real(10, r.kld);
    s.real(11, r.kldError);
    s.real(12, r.sameTopPercent);
    s.real(13, r.deltaPpl);
    s.real(14, r.promptTokensPerSecond);
    s.real(15, r.generationTokensPerSecond);
    s.integer(16, r.threads);
    s.text(17, r.measuredAt);
    s.real(18, r.kld99);
    s.real(19, r.logPplRatio);
    s.real(20, r.logPplRatioError);
    s.text(21, r.textName);
    s.text(22, r.basePath);
    if (sqlite3_step(s.get()) != SQLITE_DONE) return fail(std::string("results database: ") + sqlite3_errmsg(m_db));
    r.id = sqlite3_last_insert_rowid(m_db);
    return {};
}

Result<std::optional<EvaluationRecord>> ResultsDatabase::latest(const std::string& identity, const std::string& settingsKey) {
    const std::string sql = std::string("SELECT ") + kColumns +
                            " FROM evaluations WHERE model_identity = ? AND settings_key = ? ORDER BY id DESC LIMIT 1";
    Statement s(m_db, sql.c_str());
    if (!s.ok()) return fail(std::string("results database: ") + sqlite3_errmsg(m_db));
    s.text(1, identity);
    s.text(2, settingsKey);
    const int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW) return std::optional<EvaluationRecord>(readRow(s.get()));
    if (rc == SQLITE_DONE) return std::optional<EvaluationRecord>();
    return fail(std::string("results database: ") + sqlite3_errmsg(m_db));
}

Result<std::vector<EvaluationRecord>> ResultsDatabase::all(const std::string& modelPath) {
    std::string sql = std::string("SELECT ") + kColumns + " FROM evaluations";
    if (!modelPath.empty()) sql += " WHERE model_path = ?";
    sql += " ORDER BY id DESC";
    Statement s(m_db, sql.c_str());
    if (!s.ok()) return fail(std::string("results database: ") + sqlite3_errmsg(m_db));
    if (!modelPath.empty()) s.text(1, modelPath);
    std::vector<EvaluationRecord> out;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out.push_back(readRow(s.get()));
    if (rc != SQLITE_DONE) return fail(std::string("results database: ") + sqlite3_errmsg(m_db));
    return out;
}

Result<int64_t> ResultsDatabase::lastId() {
    Statement s(m_db, "SELECT coalesce(max(id), 0) FROM evaluations");
    if (!s.ok() || sqlite3_step(s.get()) != SQLITE_ROW) return fail(std::string("results database: ") + sqlite3_errmsg(m_db));
    return static_cast<int64_t>(sqlite3_column_int64(s.get(), 0));
}

std::string ResultsDatabase::toCsv(const std::vector<EvaluationRecord>& records) {
    std::string out =
        "measured_at,model_path,method,file_size,bits_per_weight,ppl,ppl_error,delta_ppl,kld,kld_error,same_top_percent,"
        "pp_tokens_per_second,tg_tokens_per_second,ms_per_token,threads,settings,model_identity\n";
    char buf[512];
    for (const auto& r : records) {
        std::snprintf(buf, sizeof buf, "%llu,%.4f,%.6f,%.6f,%s,%s,%s,%s,%.3f,%.3f,%.3f,%d,",
                      static_cast<unsigned long long>(r.fileSize), r.bitsPerWeight, r.ppl, r.pplError,
                      r.hasKl ? std::to_string(r.deltaPpl).c_str() : "", r.hasKl ? std::to_string(r.kld).c_str() : "",
                      r.hasKl ? std::to_string(r.kldError).c_str() : "", r.hasKl ? std::to_string(r.sameTopPercent).c_str() : "",
                      r.promptTokensPerSecond, r.generationTokensPerSecond, r.msPerToken(), r.threads);
        out += r.measuredAt + "," + csvField(r.modelPath) + "," + csvField(r.method) + "," + buf + csvField(r.settingsKey) +
               "," + csvField(r.modelIdentity) + "\n";
    }
    return out;
}

Json ResultsDatabase::toJson(const std::vector<EvaluationRecord>& records) {
    Json arr = Json::array();
    for (const auto& r : records) arr.push(r.toJson());
    return arr;
}

}  // namespace qd
