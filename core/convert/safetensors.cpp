#include "core/convert/safetensors.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include "core/common/checked_math.h"
#include "core/common/json.h"
#include "core/convert/json_file.h"
#include "core/quant/fp16.h"

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace qd {

namespace {

// A header larger than this is not a language model's tensor table (a 1,000-layer model lists about
// 10,000 tensors in under 2 MB); refusing it bounds what a corrupt size field can make us allocate.
constexpr uint64_t kMaxHeaderBytes = 100ull << 20;

bool mulOverflows(uint64_t a, uint64_t b, uint64_t& out) {
    const auto r = checkedMul(a, b);
    if (r) out = *r;
    return !r;
}

}  // namespace

uint64_t StTensor::elementCount() const {
    uint64_t n = 1;
    for (uint64_t d : shape) n = saturatingMul(n, d);  // checked against the byte range when listed
    return n;
}

uint64_t StTensor::rowCount() const {
    const uint64_t len = rowLength();
    return len ? elementCount() / len : 0;
}

size_t stDtypeSize(StDtype t) { return t == StDtype::F32 ? 4 : 2; }

const char* stDtypeName(StDtype t) {
    switch (t) {
        case StDtype::F32: return "F32";
        case StDtype::F16: return "F16";
        case StDtype::BF16: return "BF16";
    }
    return "?";
}

Status SafetensorsSet::addFile(const std::filesystem::path& file) {
    const std::string label = file.filename().string();
    auto mapped = MappedFile::open(file);
    if (!mapped) return fail(mapped.message());
    auto part = std::make_shared<MappedFile>(std::move(mapped.value()));
    const uint64_t fileSize = part->size();
    if (fileSize < 8) return fail(label + " is too short to be a safetensors file (" + std::to_string(fileSize) + " bytes)");
    uint64_t headerSize = 0;
    std::memcpy(&headerSize, part->data(), 8);
    if (headerSize > kMaxHeaderBytes || headerSize > fileSize - 8)
        return fail(label + ": the header size (" + std::to_string(headerSize) + " bytes) runs past the end of the " +
                    std::to_string(fileSize) + "-byte file; the file is truncated or not a safetensors file");
    const std::string_view text(reinterpret_cast<const char*>(part->data() + 8), headerSize);
    auto header = Json::parse(text);
    if (!header) return fail(label + ": the header is not valid JSON (" + header.message() + ")");
    if (!header->isObject()) return fail(label + ": the header is not a JSON object");

    const uint64_t dataStart = 8 + headerSize;
    const uint64_t dataSize = fileSize - dataStart;
    const size_t partIndex = m_parts.size();
    std::vector<StTensor> listed;
    for (const auto& [name, info] : header->members()) {
        if (name == "__metadata__") continue;
        const std::string what = label + ": tensor " + name;
        if (!info.isObject()) return fail(what + " has no description object");
        StTensor t;
        t.name = name;
        t.part = partIndex;
        const std::string& dtype = info["dtype"].toString();
        if (dtype == "F32") t.dtype = StDtype::F32;
        else if (dtype == "F16") t.dtype = StDtype::F16;
        else if (dtype == "BF16") t.dtype = StDtype::BF16;
        else return fail(what + " has dtype '" + dtype + "'; the importer reads F32, F16 and BF16 tensors");
        const Json& shape = info["shape"];
        if (!shape.isArray() || shape.size() > 8) return fail(what + " has no valid shape");
        uint64_t elements = 1;
        for (const auto& d : shape.items()) {
            if (!d.isInteger() || d.toInt() < 0) return fail(what + " has a negative or non-integer dimension");
            t.shape.push_back(static_cast<uint64_t>(d.toInt()));
            if (mulOverflows(elements, t.shape.back(), elements)) return fail(what + " has an impossibly large shape");
        }
        const Json& offsets = info["data_offsets"];
        if (!offsets.isArray() || offsets.size() != 2 || !offsets[0].isInteger() || !offsets[1].isInteger() ||
            offsets[0].toInt() < 0 || offsets[1].toInt() < offsets[0].toInt())
            return fail(what + " has invalid data_offsets");
        const uint64_t begin = static_cast<uint64_t>(offsets[0].toInt());
        const uint64_t end = static_cast<uint64_t>(offsets[1].toInt());
        if (end > dataSize)
            return fail(what + " ends at data offset " + std::to_string(end) + ", past the end of the file (" +
                        std::to_string(dataSize) + " bytes of data); the file is truncated or corrupt");
        uint64_t bytes = 0;
        if (mulOverflows(elements, stDtypeSize(t.dtype), bytes) || bytes != end - begin)
            return fail(what + " holds " + std::to_string(end - begin) + " bytes but its shape and dtype need " +
                        std::to_string(bytes));
        t.begin = dataStart + begin;
        t.end = dataStart + end;
        listed.push_back(std::move(t));
    }
    // Tensors may not share bytes: two names over one range would let a hostile file alias weights (and
    // the safetensors format itself requires disjoint ranges). Checked in offset order, whatever order
    // the header lists them in.
    std::vector<const StTensor*> byOffset;
    for (const auto& t : listed) byOffset.push_back(&t);
    std::sort(byOffset.begin(), byOffset.end(), [](const StTensor* a, const StTensor* b) {
        return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
    });
    for (size_t i = 1; i < byOffset.size(); ++i)
        if (byOffset[i]->begin < byOffset[i - 1]->end)
            return fail(label + ": tensors " + byOffset[i - 1]->name + " and " + byOffset[i]->name +
                        " overlap in the data section; the file is corrupt");
    // Python's safetensors lists a file's tensors sorted by name; llama.cpp's converter visits them so.
    std::sort(listed.begin(), listed.end(), [](const StTensor& a, const StTensor& b) { return a.name < b.name; });
    for (auto& t : listed) {
        if (find(t.name)) return fail("tensor " + t.name + " appears in more than one file");
        m_byName[t.name] = m_tensors.size();
        m_tensors.push_back(std::move(t));
    }
    m_parts.push_back(std::move(part));
    return {};
}

Result<SafetensorsSet> SafetensorsSet::openFile(const std::filesystem::path& file) {
    SafetensorsSet set;
    if (auto s = set.addFile(file); !s) return s.error();
    return set;
}

Result<SafetensorsSet> SafetensorsSet::openFolder(const std::filesystem::path& folder) {
    std::error_code ec;
    const auto index = folder / "model.safetensors.index.json";
    if (std::filesystem::is_regular_file(index, ec)) {
        auto text = readTextFile(index);
        if (!text) return text.error();
        auto json = Json::parse(*text);
        if (!json) return fail("model.safetensors.index.json is not valid JSON (" + json.message() + ")");
        const Json& map = (*json)["weight_map"];
        if (!map.isObject() || map.size() == 0) return fail("model.safetensors.index.json has no weight_map");
        std::set<std::string> files;
        for (const auto& [name, file] : map.members()) {
            const std::string& f = file.toString();
            // Shards live beside the index: a name with a path separator could point anywhere.
            if (f.empty() || f.find('/') != std::string::npos || f.find('\\') != std::string::npos || f == "..")
                return fail("model.safetensors.index.json names an invalid shard for tensor " + name);
            files.insert(f);
        }
        SafetensorsSet set;
        std::map<std::string, size_t> partOf;
        for (const auto& f : files) {  // std::set: file-name order, as llama.cpp lists the parts
            if (!std::filesystem::is_regular_file(folder / f, ec))
                return fail("shard " + f + " listed in model.safetensors.index.json is missing");
            partOf[f] = set.m_parts.size();
            if (auto s = set.addFile(folder / f); !s) return s.error();
        }
        for (const auto& [name, file] : map.members()) {
            const StTensor* t = set.find(name);
            if (!t) return fail("tensor " + name + " is listed in the index but missing from " + file.toString());
            if (t->part != partOf[file.toString()])
                return fail("tensor " + name + " is in another shard than the index says");
        }
        if (set.m_tensors.size() != map.size()) {
            for (const auto& t : set.m_tensors)
                if (!map.contains(t.name)) return fail("tensor " + t.name + " is in a shard but not in the index");
        }
        return set;
    }
    const auto single = folder / "model.safetensors";
    if (!std::filesystem::is_regular_file(single, ec))
        return fail("no model.safetensors or model.safetensors.index.json in " + folder.string());
    return openFile(single);
}

const StTensor* SafetensorsSet::find(const std::string& name) const {
    auto it = m_byName.find(name);
    return it == m_byName.end() ? nullptr : &m_tensors[it->second];
}

void SafetensorsSet::readRows(const StTensor& t, uint64_t firstRow, uint64_t nRows, float* dst) const {
    const size_t esize = stDtypeSize(t.dtype);
    const uint64_t n = nRows * t.rowLength();
    const uint8_t* src = m_parts[t.part]->data() + t.begin + firstRow * t.rowLength() * esize;
    switch (t.dtype) {
        case StDtype::F32: std::memcpy(dst, src, n * 4); break;
        case StDtype::F16:
            for (uint64_t i = 0; i < n; ++i) {
                uint16_t h;
                std::memcpy(&h, src + 2 * i, 2);
                dst[i] = halfToFloat(h);
            }
            break;
        case StDtype::BF16:
            for (uint64_t i = 0; i < n; ++i) {
                uint16_t b;
                std::memcpy(&b, src + 2 * i, 2);
                dst[i] = bf16ToFloat(b);
            }
            break;
    }
}

void SafetensorsSet::release(const StTensor& t) const {
    releaseMappedRange(m_parts[t.part]->data() + t.begin, t.end - t.begin);
}

void SafetensorsSet::releaseRows(const StTensor& t, uint64_t firstRow, uint64_t nRows) const {
    const uint64_t rowBytes = t.rowLength() * stDtypeSize(t.dtype);
    releaseMappedRange(m_parts[t.part]->data() + t.begin + firstRow * rowBytes, nRows * rowBytes);
}

uint64_t SafetensorsSet::totalBytes() const {
    uint64_t n = 0;
    for (const auto& t : m_tensors) n += t.end - t.begin;
    return n;
}

void releaseMappedRange(const uint8_t* data, size_t size) {
#if defined(__unix__) || defined(__APPLE__)
    if (!data || size == 0) return;
    const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
    // Only whole pages inside the range: a neighbouring tensor may share the edge pages.
    uintptr_t from = (reinterpret_cast<uintptr_t>(data) + page - 1) & ~(page - 1);
    uintptr_t to = (reinterpret_cast<uintptr_t>(data) + size) & ~(page - 1);
    if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_DONTNEED);
#else
    (void)data;
    (void)size;
#endif
}

}  // namespace qd
