// The results database: every evaluation QuantDesk measured, kept in SQLite in the user's data folder,
// keyed by the model file's identity and the evaluation settings. A repeated evaluation is served from
// it, and every run stays in the history. Each result is written in its own transaction, so an
// interrupted comparison keeps what it had measured and the file stays consistent.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/json.h"
#include "core/common/result.h"

struct sqlite3;

namespace qd {

struct EvaluationRecord {
    int64_t id = 0;
    std::string modelIdentity;   // ModelIdentity::key()
    std::string modelPath;
    std::string method;          // "Q4_K_M", or the base's type
    std::string settingsKey;     // text hash, context, chunks, base identity, activation mode
    uint64_t fileSize = 0;
    double bitsPerWeight = 0;
    double ppl = 0, pplError = 0;
    bool hasKl = false;
    double kld = 0, kldError = 0, sameTopPercent = 0, deltaPpl = 0;
    double promptTokensPerSecond = 0, generationTokensPerSecond = 0;
    int threads = 0;
    std::string measuredAt;      // ISO 8601, UTC
    // Since schema version 2 (0 / empty in rows measured before):
    double kld99 = 0;                          // 99th percentile of the per-position KL divergence
    double logPplRatio = 0, logPplRatioError = 0;  // ln(PPL / PPL(base)) with its standard error
    std::string textName;                      // the evaluation text's file name
    std::string basePath;                      // the base model's file (variants; the base: its own path)

    double msPerToken() const { return generationTokensPerSecond > 0 ? 1000.0 / generationTokensPerSecond : 0.0; }
    // Read from settingsKey: the base's identity (a base row: its own), the context and chunk limit.
    bool isBase() const;
    std::string baseIdentity() const;
    int context() const;
    int maxChunks() const;
    // Layers offloaded to a GPU ("-1@0": every layer on device 0, "-1@-1": on the best one); "" on the CPU.
    std::string gpu() const;
    // The settings without the base part: rows with the same one were measured alike.
    std::string measurementKey() const;
    // One series of a comparison: the base and its variants measured with the same settings.
    std::string seriesKey() const { return baseIdentity() + "|" + measurementKey(); }
    Json toJson() const;
};

class ResultsDatabase {
public:
    ~ResultsDatabase();
    ResultsDatabase(ResultsDatabase&&) noexcept;
    ResultsDatabase& operator=(ResultsDatabase&&) noexcept;

    // Opens (creating the file, its folder and the schema when missing).
    static Result<ResultsDatabase> open(const std::filesystem::path& path);
    // $QUANTDESK_DATA_DIR, else the platform's user data folder (XDG_DATA_HOME, ~/.local/share,
    // %APPDATA%), + QuantDesk/results.sqlite.
    static std::filesystem::path defaultPath();

    Status insert(EvaluationRecord& record);  // sets record.id and measuredAt when empty
    // The most recent result for a model identity and settings, if any.
    Result<std::optional<EvaluationRecord>> latest(const std::string& modelIdentity, const std::string& settingsKey);
    // Every result, newest first; optionally only those of one model path.
    Result<std::vector<EvaluationRecord>> all(const std::string& modelPath = {});

    // The id of the newest row (0 when empty): a cheap check for new results.
    Result<int64_t> lastId();

    static std::string toCsv(const std::vector<EvaluationRecord>& records);
    static Json toJson(const std::vector<EvaluationRecord>& records);

private:
    ResultsDatabase() = default;
    Status exec(const char* sql);
    sqlite3* m_db = nullptr;
};

}  // namespace qd
