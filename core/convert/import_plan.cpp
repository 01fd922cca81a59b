#include "core/convert/import_plan.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "core/gguf/gguf_writer.h"
#include "core/quant/fp16.h"
#include "core/quant/quantize.h"

namespace qd {

namespace {

struct ImportTypeInfo {
    ImportType type;
    std::string_view name;
    uint32_t fileType;  // llama_ftype
    GgmlType ggml;
};

const ImportTypeInfo kImportTypes[] = {
    {ImportType::F32, "F32", 0, GgmlType::F32},
    {ImportType::F16, "F16", 1, GgmlType::F16},
    {ImportType::BF16, "BF16", 32, GgmlType::BF16},
    {ImportType::Q8_0, "Q8_0", 7, GgmlType::Q8_0},
};

const ImportTypeInfo& infoOf(ImportType t) {
    for (const auto& i : kImportTypes)
        if (i.type == t) return i;
    return kImportTypes[0];
}

// llama-quantize's tensor order: block number first (tensors outside blocks count as -1), then name.
int blockOf(const std::string& name) {
    int layer = -1;
    if (std::sscanf(name.c_str(), "blk.%d.", &layer) != 1) return -1;
    return layer;
}

bool endsWith(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Rows per chunk: about 1 MB of floats, at least one row.
uint64_t chunkRows(uint64_t rowLength) { return std::max<uint64_t>(1, (1u << 18) / std::max<uint64_t>(1, rowLength)); }

Status encodeRows(GgmlType type, const float* src, uint64_t nRows, uint64_t rowLength, std::vector<uint8_t>& out) {
    const uint64_t n = nRows * rowLength;
    switch (type) {
        case GgmlType::F32:
            out.resize(n * 4);
            std::memcpy(out.data(), src, n * 4);
            return {};
        case GgmlType::F16:
            out.resize(n * 2);
            for (uint64_t i = 0; i < n; ++i) {
                const uint16_t h = floatToHalf(src[i]);
                std::memcpy(out.data() + 2 * i, &h, 2);
            }
            return {};
        case GgmlType::BF16:
            out.resize(n * 2);
            for (uint64_t i = 0; i < n; ++i) {
                const uint16_t b = floatToBf16(src[i]);
                std::memcpy(out.data() + 2 * i, &b, 2);
            }
            return {};
        default: {
            // Block types go through the reference quantizers (byte-identical to llama-quantize).
            auto rowBytes = ggmlRowBytes(type, rowLength);
            if (!rowBytes || !canQuantize(type))
                return fail("the importer cannot write " + std::string(ggmlTypeName(type)) + " rows of " +
                            std::to_string(rowLength) + " elements");
            out.resize(nRows * *rowBytes);
            return quantizeRows(type, src, out.data(), static_cast<int64_t>(nRows), static_cast<int64_t>(rowLength));
        }
    }
}

}  // namespace

std::optional<ImportType> importTypeFromName(std::string_view name) {
    for (const auto& i : kImportTypes) {
        if (i.name.size() != name.size()) continue;
        bool same = true;
        for (size_t k = 0; k < name.size(); ++k)
            if (std::toupper(static_cast<unsigned char>(name[k])) != i.name[k]) same = false;
        if (same) return i.type;
    }
    return std::nullopt;
}

std::string_view importTypeName(ImportType type) { return infoOf(type).name; }
uint32_t importFileType(ImportType type) { return infoOf(type).fileType; }

bool importTypeAvailable(ImportType type) { return canQuantize(infoOf(type).ggml); }

uint64_t ImportTensor::elementCount() const {
    uint64_t n = 1;
    for (uint64_t d : dims) n *= d;
    return n;
}

uint64_t ImportTensor::rowCount() const {
    const uint64_t len = rowLength();
    return len ? elementCount() / len : 0;
}

GgmlType importTensorType(const ImportTensor& t, ImportType type) {
    const GgmlType target = infoOf(type).ggml;
    if (target == GgmlType::F32) return target;
    if (t.dims.size() <= 1 || endsWith(t.name, "_norm.weight") || !endsWith(t.name, ".weight")) return GgmlType::F32;
    if (target == GgmlType::Q8_0 && t.rowLength() % 32 != 0) return GgmlType::F16;
    return target;
}

void appendGeneralNaming(std::vector<GgufKeyValue>& md, const GeneralNaming& n) {
    const std::pair<const char*, const std::string*> fields[] = {
        {"general.name", &n.name},         {"general.version", &n.version},   {"general.organization", &n.organization},
        {"general.finetune", &n.finetune}, {"general.basename", &n.basename}, {"general.size_label", &n.sizeLabel},
    };
    for (const auto& [key, value] : fields)
        if (!value->empty()) md.push_back({key, GgufValue::string(*value)});
}

uint64_t planParameterCount(const std::vector<ImportTensor>& tensors) {
    uint64_t n = 0;
    for (const auto& t : tensors) n += t.elementCount();
    return n;
}

Result<ImportLayout> importLayout(const ImportPlan& plan, ImportType type) {
    if (!importTypeAvailable(type))
        return fail("output type " + std::string(importTypeName(type)) + " is not available in this build yet");
    const bool quantizeLayout = type != ImportType::F32;

    ImportLayout layout;
    GgufWriter& writer = layout.writer;
    const GgufValue fileType = GgufValue::uint32(importFileType(type));
    bool hasFileType = false;
    const GgufValue* quantVersion = nullptr;
    for (const auto& kv : plan.metadata) {
        if (kv.key == "general.file_type") {
            hasFileType = true;
            if (!quantizeLayout) writer.set(kv.key, fileType);
        } else if (kv.key == "general.quantization_version" && quantizeLayout) {
            quantVersion = &kv.value;
        } else {
            writer.set(kv.key, kv.value);
        }
    }
    if (!hasFileType) return fail("internal error: the import plan has no general.file_type");
    if (quantizeLayout) {
        if (quantVersion) writer.set("general.quantization_version", *quantVersion);
        writer.set("general.file_type", fileType);
    }

    std::vector<size_t>& order = layout.order;
    order.resize(plan.tensors.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (quantizeLayout) {
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            const auto& na = plan.tensors[a].name;
            const auto& nb = plan.tensors[b].name;
            const int la = blockOf(na), lb = blockOf(nb);
            return la != lb ? la < lb : na < nb;
        });
    }
    for (size_t k = 0; k < order.size(); ++k) {
        const auto& t = plan.tensors[order[k]];
        if (auto s = writer.addTensor(t.name, t.dims, importTensorType(t, type)); !s) return s.error();
    }
    return layout;
}

Status writeImportPlan(const ImportPlan& plan, ImportType type, const std::filesystem::path& out,
                       const ProgressFn& progress) {
    auto laid = importLayout(plan, type);
    if (!laid) return laid.error();
    const GgufWriter& writer = laid->writer;
    const std::vector<size_t>& order = laid->order;

    std::vector<float> rows;
    std::vector<uint8_t> encoded;
    return writer.write(
        out,
        [&](size_t index, const GgufTensorInfo&, TensorSink& sink) -> Status {
            const auto& t = plan.tensors[order[index]];
            const uint64_t len = t.rowLength(), count = t.rowCount();
            const uint64_t step = chunkRows(len);
            for (uint64_t first = 0; first < count; first += step) {
                const uint64_t n = std::min(step, count - first);
                rows.resize(n * len);
                t.readRows(first, n, rows.data());
                if (auto s = encodeRows(writer.tensors()[index].type, rows.data(), n, len, encoded); !s) return s;
                if (auto s = sink.write(encoded.data(), encoded.size()); !s) return s;
            }
            if (t.release) t.release();
            return {};
        },
        progress);
}

}  // namespace qd
