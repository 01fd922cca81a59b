#include "core/gguf/model_summary.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "core/gguf/file_type.h"

namespace qd {

namespace {

uint64_t archUInt(const GgufFile& f, const std::string& arch, const char* suffix) {
    if (arch.empty()) return 0;
    auto v = f.getUInt(arch + "." + suffix);
    return v ? *v : 0;
}

// llama.cpp's guess when general.file_type is missing: the type of the largest number of 2-D weights.
std::string guessFileType(const GgufFile& f) {
    std::map<GgmlType, uint64_t> counts;
    for (const auto& t : f.tensors())
        if (t.dims.size() >= 2) ++counts[t.type];
    GgmlType best = GgmlType::F32;
    uint64_t bestCount = 0;
    for (auto [type, n] : counts) {
        if (n > bestCount) {
            best = type;
            bestCount = n;
        }
    }
    for (const auto& ft : fileTypeTable())
        if (ft.mainType == best) return std::string(ft.name);
    return std::string(ggmlTypeName(best));
}

}  // namespace

std::string parameterSizeLabel(uint64_t params) {
    char buf[32];
    const double p = static_cast<double>(params);
    auto fmt = [&](double v, const char* unit) {
        if (v >= 100 || std::fabs(v - std::round(v)) < 0.05) std::snprintf(buf, sizeof buf, "%.0f%s", v, unit);
        else std::snprintf(buf, sizeof buf, "%.1f%s", v, unit);
        return std::string(buf);
    };
    if (p >= 1e12) return fmt(p / 1e12, "T");
    if (p >= 1e9) return fmt(p / 1e9, "B");
    if (p >= 1e6) return fmt(p / 1e6, "M");
    if (p >= 1e3) return fmt(p / 1e3, "K");
    return std::to_string(params);
}

std::string formatBytes(uint64_t bytes) {
    static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024.0 && u < 4) {
        v /= 1024.0;
        ++u;
    }
    char buf[32];
    if (u == 0) std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
    else std::snprintf(buf, sizeof buf, v >= 100 ? "%.0f %s" : (v >= 10 ? "%.1f %s" : "%.2f %s"), v, units[u]);
    return buf;
}

uint64_t ModelSummary::kvCacheBytes(uint64_t context, double bytesPerElement) const {
    uint64_t kvHeads = headCountKv ? headCountKv : headCount;
    uint64_t kDim = keyLength ? keyLength : (headCount ? embeddingLength / headCount : 0);
    uint64_t vDim = valueLength ? valueLength : kDim;
    // In double: the factors come from the file and their product can exceed 64 bits. Converting a
    // double beyond the uint64 range is undefined, so absurd sizes saturate instead.
    const double bytes = static_cast<double>(blockCount) * static_cast<double>(kvHeads) *
                         (static_cast<double>(kDim) + static_cast<double>(vDim)) * bytesPerElement *
                         static_cast<double>(context);
    constexpr double kLimit = 18446744073709549568.0;  // the largest double below 2^64
    if (!(bytes >= 0.0)) return 0;
    return bytes >= kLimit ? std::numeric_limits<uint64_t>::max() : static_cast<uint64_t>(bytes);
}

uint64_t ModelSummary::memoryForContext(uint64_t context, double bytesPerElement) const {
    const uint64_t kv = kvCacheBytes(context, bytesPerElement);
    return kv > std::numeric_limits<uint64_t>::max() - tensorBytes ? std::numeric_limits<uint64_t>::max()
                                                                    : tensorBytes + kv;
}

ModelSummary summarize(const GgufFile& f) {
    ModelSummary s;
    s.ggufVersion = f.version();
    s.fileSize = f.fileSize();
    s.tensorCount = f.tensors().size();
    s.architecture = f.getString("general.architecture").value_or("");
    s.name = f.getString("general.name").value_or(f.path().stem().string());
    for (const auto& t : f.tensors()) {
        s.parameterCount += t.nElements;
        s.tensorBytes += t.nBytes;
        ++s.tensorsByType[std::string(ggmlTypeName(t.type))];
    }
    s.sizeLabel = f.getString("general.size_label").value_or(s.parameterCount ? parameterSizeLabel(s.parameterCount) : "");
    if (s.parameterCount) s.bitsPerWeight = static_cast<double>(s.tensorBytes) * 8.0 / static_cast<double>(s.parameterCount);

    if (auto ft = f.getUInt("general.file_type")) {
        if (auto info = fileTypeById(static_cast<uint32_t>(*ft))) s.fileType = std::string(info->name);
        else s.fileType = "unknown (" + std::to_string(*ft) + ")";
    } else if (!f.tensors().empty()) {
        s.fileType = guessFileType(f);
        s.fileTypeGuessed = true;
    }

    const std::string& a = s.architecture;
    s.contextLength = archUInt(f, a, "context_length");
    s.embeddingLength = archUInt(f, a, "embedding_length");
    s.feedForwardLength = archUInt(f, a, "feed_forward_length");
    s.blockCount = archUInt(f, a, "block_count");
    s.headCount = archUInt(f, a, "attention.head_count");
    s.headCountKv = archUInt(f, a, "attention.head_count_kv");
    s.keyLength = archUInt(f, a, "attention.key_length");
    s.valueLength = archUInt(f, a, "attention.value_length");
    s.vocabSize = archUInt(f, a, "vocab_size");
    if (const GgufValue* tokens = f.find("tokenizer.ggml.tokens"); tokens && tokens->isArray()) {
        if (!s.vocabSize) s.vocabSize = tokens->arraySize();
    }
    s.tokenizerModel = f.getString("tokenizer.ggml.model").value_or("");
    s.tokenizerPre = f.getString("tokenizer.ggml.pre").value_or("");
    s.hasChatTemplate = f.find("tokenizer.chat_template") != nullptr;
    return s;
}

Json ModelSummary::toJson() const {
    Json j = Json::object();
    j.set("name", name);
    j.set("architecture", architecture);
    j.set("size_label", sizeLabel);
    j.set("gguf_version", static_cast<int64_t>(ggufVersion));
    j.set("file_size", fileSize);
    j.set("file_type", fileType);
    j.set("file_type_guessed", fileTypeGuessed);
    j.set("tensor_count", tensorCount);
    j.set("parameter_count", parameterCount);
    j.set("tensor_bytes", tensorBytes);
    j.set("bits_per_weight", bitsPerWeight);
    Json types = Json::object();
    for (const auto& [t, n] : tensorsByType) types.set(t, n);
    j.set("tensors_by_type", types);
    j.set("context_length", contextLength);
    j.set("embedding_length", embeddingLength);
    j.set("feed_forward_length", feedForwardLength);
    j.set("block_count", blockCount);
    j.set("head_count", headCount);
    j.set("head_count_kv", headCountKv);
    j.set("vocab_size", vocabSize);
    j.set("tokenizer_model", tokenizerModel);
    j.set("tokenizer_pre", tokenizerPre);
    j.set("has_chat_template", hasChatTemplate);
    j.set("memory_at_context", memoryForContext(contextLength));
    if (runChecked) {
        j.set("runnable", unsupported.empty());
        if (!unsupported.empty()) j.set("unsupported_reason", unsupported);
    }
    return j;
}

}  // namespace qd
