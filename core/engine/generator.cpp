#include "core/engine/generator.h"

#include <algorithm>
#include <chrono>

namespace qd {

namespace {

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

const char* stopReasonName(StopReason reason) {
    switch (reason) {
        case StopReason::EndOfGeneration: return "end of generation";
        case StopReason::StopString: return "stop string";
        case StopReason::TokenLimit: return "token limit";
        case StopReason::ContextFull: return "context full";
        case StopReason::Cancelled: return "cancelled";
    }
    return "";
}

std::string StopStringFilter::push(std::string_view text) {
    if (m_stopped) return {};
    m_held += text;
    for (const auto& s : m_stops) {
        if (s.empty()) continue;
        if (auto at = m_held.find(s); at != std::string::npos) {
            m_stopped = true;
            std::string out = m_held.substr(0, at);
            m_held.clear();
            return out;
        }
    }
    // Keep the longest tail that is a prefix of some stop string.
    size_t keep = 0;
    for (const auto& s : m_stops) {
        for (size_t len = std::min(s.size() - (s.empty() ? 0 : 1), m_held.size()); len > keep; --len) {
            if (m_held.compare(m_held.size() - len, len, s, 0, len) == 0) {
                keep = len;
                break;
            }
        }
    }
    std::string out = m_held.substr(0, m_held.size() - keep);
    m_held.erase(0, m_held.size() - keep);
    return out;
}

std::string StopStringFilter::flush() {
    std::string out;
    out.swap(m_held);
    return m_stopped ? std::string() : out;
}

Generator::Generator(Model& model, const Tokenizer& tokenizer) : m_model(model), m_tokenizer(tokenizer) {}

Result<GenerationStats> Generator::generate(std::span<const int32_t> prompt, const GenerationSettings& settings,
                                            const PieceCallback& onPiece, const ProgressFn& progress) {
    GenerationStats stats;
    stats.promptTokens = static_cast<int>(prompt.size());
    if (prompt.empty()) return fail("the prompt is empty");
    const int context = m_model.contextLength();
    if (static_cast<int>(prompt.size()) >= context)
        return fail("the prompt has " + std::to_string(prompt.size()) + " tokens, more than the context of " +
                    std::to_string(context) + " leaves room for");

    // Reuse the cached prefix; at least the last prompt token is evaluated to get fresh logits.
    size_t common = 0;
    while (common < m_history.size() && common < prompt.size() && m_history[common] == prompt[common]) ++common;
    if (common == prompt.size()) --common;
    m_history.assign(prompt.begin(), prompt.begin() + static_cast<std::ptrdiff_t>(common));

    const int limit = settings.maxTokens > 0 ? settings.maxTokens : context;
    const uint64_t total = prompt.size() - common + static_cast<uint64_t>(limit);
    auto t0 = std::chrono::steady_clock::now();
    const size_t batch = 256;
    for (size_t at = common; at < prompt.size(); at += batch) {
        const size_t n = std::min(batch, prompt.size() - at);
        const uint64_t before = static_cast<uint64_t>(stats.promptEvaluated);
        // Checked per layer inside the batch: a long prompt stops within one layer of a cancel.
        const ProgressFn layerCheck = progress ? ProgressFn([&](const Progress&) {
            return report(progress, before, total, "prompt");
        })
                                               : ProgressFn();
        if (auto s = m_model.eval(prompt.subspan(at, n), static_cast<int>(at), m_logits, false, layerCheck); !s) {
            // A cancelled batch left cache rows past the history, which the next evaluation overwrites.
            if (s.cancelled()) {
                stats.stopReason = StopReason::Cancelled;
                stats.promptSeconds = secondsSince(t0);
                return stats;
            }
            m_history.clear();  // the cache no longer matches any known history
            return s.error();
        }
        m_history.insert(m_history.end(), prompt.begin() + static_cast<std::ptrdiff_t>(at),
                         prompt.begin() + static_cast<std::ptrdiff_t>(at + n));
        stats.promptEvaluated += static_cast<int>(n);
    }
    stats.promptSeconds = secondsSince(t0);

    Sampler sampler(settings.sampler);
    for (int32_t t : prompt) sampler.accept(t);
    StreamingDecoder decoder(m_tokenizer, settings.renderSpecial);
    StopStringFilter filter(settings.stopStrings);
    auto emit = [&](const std::string& text) {
        if (text.empty()) return true;
        stats.text += text;
        return !onPiece || onPiece(text);
    };

    auto t1 = std::chrono::steady_clock::now();
    stats.stopReason = StopReason::TokenLimit;
    while (stats.generatedTokens < limit) {
        if (!report(progress, static_cast<uint64_t>(stats.promptEvaluated + stats.generatedTokens), total, "generating")) {
            stats.stopReason = StopReason::Cancelled;
            break;
        }
        const int32_t token = sampler.sample(m_logits);
        sampler.accept(token);
        if (m_tokenizer.isEndOfGeneration(token)) {
            stats.stopReason = StopReason::EndOfGeneration;
            break;
        }
        ++stats.generatedTokens;
        if (!emit(filter.push(decoder.push(token)))) {
            stats.stopReason = StopReason::Cancelled;
            break;
        }
        if (filter.stopped()) {
            stats.stopReason = StopReason::StopString;
            break;
        }
        // The last token is shown but not evaluated: the history only lists what the cache holds,
        // so a follow-up prompt that contains it evaluates it then.
        if (static_cast<int>(m_history.size()) + 1 >= context) {
            stats.stopReason = StopReason::ContextFull;
            break;
        }
        if (stats.generatedTokens >= limit) break;
        if (auto s = m_model.eval(std::span(&token, 1), static_cast<int>(m_history.size()), m_logits); !s) {
            m_history.clear();
            return s.error();
        }
        m_history.push_back(token);
    }
    if (!filter.stopped()) emit(filter.push(decoder.flush()) + filter.flush());
    stats.generationSeconds = secondsSince(t1);
    return stats;
}

}  // namespace qd
