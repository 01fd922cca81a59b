#include "core/gguf/gguf_file.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <limits>
#include <unordered_set>
#include <variant>

#include "core/common/mapped_file.h"

namespace qd {

struct GgufFile::Storage {
    std::filesystem::path path;
    MappedFile map;                     // when opened from a file
    std::span<const uint8_t> bytes;     // the whole file
};

namespace {

constexpr int kMaxArrayNesting = 8;
// Counts come from the file: they are checked against the bytes left, but a vector is never sized by one
// up front (a 4 GB file claiming 300 million empty keys would ask for tens of GB before the second entry
// fails). Up to this many are reserved; beyond it the vectors grow with what is actually parsed.
constexpr uint64_t kMaxReserve = 1024;
// What the parsed header may hold in memory: kMemoryPerByte bytes for every header byte read so far,
// plus kMemorySlack. Real headers stay near 2x (a 128,000-token vocabulary of short strings: about 2.1x);
// arrays of empty strings or empty nested arrays, or floods of empty keys, would reach 4-10x, and past
// the slack such a header is refused instead of multiplying the file's size in RAM.
constexpr uint64_t kMemoryPerByte = 3;
constexpr uint64_t kMemorySlack = 1u << 20;

// Bounds-checked little-endian reader over the file bytes. Every read states what it was reading, so
// a truncation error says where the file broke off.
class Cursor {
public:
    Cursor(std::span<const uint8_t> bytes, uint32_t version) : m_bytes(bytes), m_version(version) {}

    uint64_t pos() const { return m_pos; }
    uint64_t remaining() const { return m_bytes.size() - m_pos; }
    void setVersion(uint32_t v) { m_version = v; }
    const std::string& error() const { return m_error; }

    bool fail(std::string what) {
        if (m_error.empty()) m_error = std::move(what);
        return false;
    }

    // Accounts `bytes` of memory for what was just parsed; false past the budget (see kMemoryPerByte).
    bool charge(uint64_t bytes, std::string_view what) {
        m_charged += bytes;
        if (m_charged <= kMemoryPerByte * m_pos + kMemorySlack) return true;
        return fail("the header would need " + std::to_string(m_charged >> 20) + " MiB of memory for " +
                    std::to_string(m_pos >> 10) + " KiB of file by " + std::string(what) +
                    " (mostly empty entries); refused as a hostile or corrupt file");
    }

    bool truncated(std::string_view what) {
        return fail("the file is truncated: it ends at byte " + std::to_string(m_bytes.size()) + " while reading " +
                    std::string(what) + " at byte " + std::to_string(m_pos));
    }

    bool readBytes(void* out, size_t n, std::string_view what) {
        if (remaining() < n) return truncated(what);
        if (n == 0) return true;  // an empty array's buffer may be null, and memcpy(nullptr, ..., 0) is undefined
        std::memcpy(out, m_bytes.data() + m_pos, n);
        m_pos += n;
        return true;
    }

    template <class T>
    bool read(T& out, std::string_view what) {
        return readBytes(&out, sizeof(T), what);
    }

    // Lengths and counts are u64 from v2 on, u32 in v1.
    bool readCount(uint64_t& out, std::string_view what) {
        if (m_version == 1) {
            uint32_t v = 0;
            if (!read(v, what)) return false;
            out = v;
            return true;
        }
        return read(out, what);
    }

    size_t countSize() const { return m_version == 1 ? 4 : 8; }

    bool readString(std::string& out, std::string_view what) {
        uint64_t len = 0;
        if (!readCount(len, what)) return false;
        if (len > remaining())
            return fail("the length of " + std::string(what) + " at byte " + std::to_string(m_pos) + " is " +
                        std::to_string(len) + " bytes, past the end of the file");
        out.assign(reinterpret_cast<const char*>(m_bytes.data() + m_pos), static_cast<size_t>(len));
        m_pos += len;
        // The object, plus its heap buffer beyond the short-string capacity.
        return charge(sizeof(std::string) + (len >= sizeof(std::string) / 2 ? len + 1 : 0), what);
    }

    bool skip(uint64_t n, std::string_view what) {
        if (remaining() < n) return truncated(what);
        m_pos += n;
        return true;
    }

private:
    std::span<const uint8_t> m_bytes;
    uint64_t m_pos = 0;
    uint64_t m_charged = 0;
    uint32_t m_version;
    std::string m_error;
};

bool readValue(Cursor& c, GgufValueType type, GgufValue& out, const std::string& what, int depth);

bool readArray(Cursor& c, GgufValue& out, const std::string& what, int depth) {
    if (depth >= kMaxArrayNesting) return c.fail(what + " nests arrays more than " + std::to_string(kMaxArrayNesting) + " deep");
    uint32_t elemTypeRaw = 0;
    if (!c.read(elemTypeRaw, "the element type of " + what)) return false;
    if (elemTypeRaw >= kGgufValueTypeCount)
        return c.fail(what + " is an array of unknown value type " + std::to_string(elemTypeRaw));
    auto elemType = static_cast<GgufValueType>(elemTypeRaw);
    uint64_t count = 0;
    if (!c.readCount(count, "the length of " + what)) return false;

    // Bound the count by the bytes left before allocating anything for it.
    uint64_t minElemBytes = ggufValueTypeSize(elemType);
    if (elemType == GgufValueType::String) minElemBytes = c.countSize();
    if (elemType == GgufValueType::Array) minElemBytes = 4 + c.countSize();
    if (count > c.remaining() / minElemBytes)
        return c.fail(what + " claims " + std::to_string(count) + " elements, more than the " +
                      std::to_string(c.remaining()) + " bytes left in the file can hold");

    if (elemType == GgufValueType::String) {
        std::vector<std::string> items;
        items.reserve(static_cast<size_t>(std::min(count, kMaxReserve)));
        for (uint64_t i = 0; i < count; ++i)
            if (!c.readString(items.emplace_back(), "element " + std::to_string(i) + " of " + what)) return false;
        out = GgufValue::stringArray(std::move(items));
    } else if (elemType == GgufValueType::Array) {
        std::vector<GgufValue> items;
        items.reserve(static_cast<size_t>(std::min(count, kMaxReserve)));
        for (uint64_t i = 0; i < count; ++i)
            if (!c.charge(sizeof(GgufValue), what) ||
                !readArray(c, items.emplace_back(), "element " + std::to_string(i) + " of " + what, depth + 1))
                return false;
        out = GgufValue::nestedArray(std::move(items));
    } else {
        std::vector<uint8_t> raw(static_cast<size_t>(count * minElemBytes));
        if (!c.readBytes(raw.data(), raw.size(), what)) return false;
        if (elemType == GgufValueType::Bool) {
            for (uint8_t b : raw)
                if (b > 1) return c.fail(what + " holds a boolean that is neither 0 nor 1");
        }
        out = GgufValue::numericArray(elemType, std::move(raw));
    }
    return true;
}

bool readValue(Cursor& c, GgufValueType type, GgufValue& out, const std::string& what, int depth) {
    switch (type) {
        case GgufValueType::String: {
            std::string s;
            if (!c.readString(s, what)) return false;
            out = GgufValue::string(std::move(s));
            return true;
        }
        case GgufValueType::Array: return readArray(c, out, what, depth);
        default: {
            size_t size = ggufValueTypeSize(type);
            uint64_t bits = 0;
            if (!c.readBytes(&bits, size, what)) return false;
            if (type == GgufValueType::Bool && bits > 1) return c.fail(what + " is a boolean that is neither 0 nor 1");
            out = GgufValue::fromBits(type, bits);
            return true;
        }
    }
}

std::string quoteName(std::string_view s) {
    std::string out = "'";
    for (char ch : s.substr(0, 120)) out += (static_cast<unsigned char>(ch) < 0x20) ? '?' : ch;
    if (s.size() > 120) out += "…";
    return out + "'";
}

}  // namespace

std::string GgufTensorInfo::shapeString() const {
    std::string s;
    for (size_t i = 0; i < dims.size(); ++i) {
        if (i) s += " x ";
        s += std::to_string(dims[i]);
    }
    return s.empty() ? "scalar" : s;
}

GgufFile::GgufFile() : m_storage(std::make_unique<Storage>()) {}
GgufFile::~GgufFile() = default;
GgufFile::GgufFile(GgufFile&&) noexcept = default;
GgufFile& GgufFile::operator=(GgufFile&&) noexcept = default;

bool GgufFile::hasMagic(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    uint8_t b[4] = {};
    in.read(reinterpret_cast<char*>(b), 4);
    if (in.gcount() != 4) return false;
    return (uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24) == kGgufMagic;
}

Result<GgufFile> GgufFile::open(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return fail(ErrorKind::Io, path.string() + ": no such file");
    auto map = MappedFile::open(path);
    if (!map) return map.error();
    GgufFile file;
    file.m_storage->path = path;
    file.m_storage->map = std::move(map.value());
    file.m_storage->bytes = file.m_storage->map.bytes();
    auto parsed = file.parseBytes();
    if (!parsed) return fail(parsed.kind(), path.filename().string() + ": " + parsed.message());
    return file;
}

Result<GgufFile> GgufFile::parse(std::span<const uint8_t> bytes) {
    GgufFile file;
    file.m_storage->bytes = bytes;
    auto parsed = file.parseBytes();
    if (!parsed) return fail(parsed.message());
    return file;
}

const std::filesystem::path& GgufFile::path() const { return m_storage->path; }

Result<void> GgufFile::parseBytes() {
    std::span<const uint8_t> bytes = m_storage->bytes;
    m_fileSize = bytes.size();
    Cursor c(bytes, 3);

    uint32_t magic = 0;
    if (bytes.size() < 4) return fail("not a GGUF file: it is only " + std::to_string(bytes.size()) + " bytes long");
    c.read(magic, "the magic");
    if (magic != kGgufMagic) {
        std::string shown;
        for (int i = 0; i < 4; ++i) {
            char ch = static_cast<char>(bytes[i]);
            shown += (ch >= 0x20 && ch < 0x7f) ? ch : '?';
        }
        return fail("not a GGUF file: it starts with '" + shown + "' instead of 'GGUF'");
    }
    if (!c.read(m_version, "the version")) return fail(c.error());
    if (m_version == 0x03000000 || m_version == 0x02000000 || m_version == 0x01000000)
        return fail("this is a big-endian GGUF file, which QuantDesk cannot read");
    if (m_version < 1 || m_version > 3)
        return fail("unsupported GGUF version " + std::to_string(m_version) + " (QuantDesk reads versions 1 to 3)");
    c.setVersion(m_version);

    uint64_t tensorCount = 0, kvCount = 0;
    if (!c.readCount(tensorCount, "the tensor count") || !c.readCount(kvCount, "the metadata count"))
        return fail(c.error());

    // Each key-value needs at least a key length, a type and one byte; each tensor info a name length,
    // a dimension count, a type and an offset. Counts the file cannot hold are rejected before allocating.
    const uint64_t minKv = c.countSize() + 4 + 1;
    const uint64_t minTensor = c.countSize() + 4 + 4 + 8;
    if (kvCount > c.remaining() / minKv)
        return fail("the header claims " + std::to_string(kvCount) + " metadata entries, more than the file can hold");
    if (tensorCount > c.remaining() / minTensor)
        return fail("the header claims " + std::to_string(tensorCount) + " tensors, more than the file can hold");

    m_metadata.clear();
    m_metadata.reserve(static_cast<size_t>(std::min(kvCount, kMaxReserve)));
    std::unordered_set<std::string> keys;
    for (uint64_t i = 0; i < kvCount; ++i) {
        GgufKeyValue kv;
        std::string where = "metadata entry " + std::to_string(i);
        if (!c.readString(kv.key, "the key of " + where)) return fail(c.error());
        uint32_t typeRaw = 0;
        if (!c.read(typeRaw, "the value type of " + quoteName(kv.key))) return fail(c.error());
        if (typeRaw >= kGgufValueTypeCount)
            return fail("metadata key " + quoteName(kv.key) + " has unknown value type " + std::to_string(typeRaw));
        if (!readValue(c, static_cast<GgufValueType>(typeRaw), kv.value, "the value of " + quoteName(kv.key), 0))
            return fail(c.error());
        if (!keys.insert(kv.key).second) return fail("metadata key " + quoteName(kv.key) + " appears twice");
        // The entry, and the key's copy and node in `keys`.
        if (!c.charge(sizeof(GgufKeyValue) + sizeof(std::string) + 32, "the metadata entries")) return fail(c.error());
        m_metadata.push_back(std::move(kv));
    }

    m_alignment = kGgufDefaultAlignment;
    if (const GgufValue* a = find("general.alignment")) {
        if (a->type() != GgufValueType::UInt32)
            return fail("general.alignment must be a uint32, not " + std::string(ggufValueTypeName(a->type())));
        uint64_t v = a->scalarBits();
        if (v == 0 || (v & (v - 1)) != 0)
            return fail("general.alignment is " + std::to_string(v) + ", which is not a power of two");
        m_alignment = v;
    }

    m_tensors.clear();
    m_tensors.reserve(static_cast<size_t>(std::min(tensorCount, kMaxReserve)));
    std::unordered_set<std::string> names;
    for (uint64_t i = 0; i < tensorCount; ++i) {
        GgufTensorInfo t;
        std::string where = "tensor " + std::to_string(i);
        if (!c.readString(t.name, "the name of " + where)) return fail(c.error());
        std::string label = "tensor " + quoteName(t.name);
        uint32_t nDims = 0;
        if (!c.read(nDims, "the dimension count of " + label)) return fail(c.error());
        if (nDims > kGgufMaxDims)
            return fail(label + " has " + std::to_string(nDims) + " dimensions; GGUF allows at most " +
                        std::to_string(kGgufMaxDims));
        t.dims.resize(nDims);
        for (uint32_t d = 0; d < nDims; ++d) {
            if (m_version == 1) {
                uint32_t v = 0;
                if (!c.read(v, "the shape of " + label)) return fail(c.error());
                t.dims[d] = v;
            } else if (!c.read(t.dims[d], "the shape of " + label)) {
                return fail(c.error());
            }
        }
        uint32_t typeRaw = 0;
        if (!c.read(typeRaw, "the type of " + label) || !c.read(t.offset, "the data offset of " + label))
            return fail(c.error());
        if (!c.charge(sizeof(GgufTensorInfo) + nDims * sizeof(uint64_t) + sizeof(std::string) + 32, "the tensor list"))
            return fail(c.error());

        auto traits = ggmlTypeTraits(typeRaw);
        if (!traits) return fail(label + " has unknown tensor type id " + std::to_string(typeRaw));
        t.type = traits->type;

        // Element count, checked for overflow: each dimension at least 1, product within int64.
        uint64_t n = 1;
        for (uint32_t d = 0; d < nDims; ++d) {
            if (t.dims[d] == 0) return fail(label + " has a dimension of size 0");
            if (t.dims[d] > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) / n)
                return fail(label + " has a shape whose element count overflows (" + t.shapeString() + ")");
            n *= t.dims[d];
        }
        t.nElements = n;
        if (t.rowLength() % traits->blockSize != 0)
            return fail(label + " has rows of " + std::to_string(t.rowLength()) + " elements, not a multiple of " +
                        std::to_string(traits->blockSize) + " as type " + std::string(traits->name) + " needs");
        uint64_t blocks = n / traits->blockSize;
        if (blocks > std::numeric_limits<uint64_t>::max() / traits->blockBytes)
            return fail(label + " is too large");
        t.nBytes = blocks * traits->blockBytes;
        if (t.offset % m_alignment != 0)
            return fail(label + " has data offset " + std::to_string(t.offset) + ", not a multiple of the alignment " +
                        std::to_string(m_alignment));
        if (!names.insert(t.name).second) return fail("tensor name " + quoteName(t.name) + " appears twice");
        m_tensors.push_back(std::move(t));
    }

    m_headerEnd = c.pos();
    m_dataOffset = (m_headerEnd + m_alignment - 1) / m_alignment * m_alignment;

    if (!m_tensors.empty()) {
        if (m_dataOffset > m_fileSize)
            return fail("the file is truncated: the tensor data should start at byte " + std::to_string(m_dataOffset) +
                        " but the file has " + std::to_string(m_fileSize) + " bytes");
        const uint64_t dataSize = m_fileSize - m_dataOffset;
        for (const auto& t : m_tensors) {
            if (t.offset > dataSize || t.nBytes > dataSize - t.offset)
                return fail("tensor " + quoteName(t.name) + " lies outside the file: its data needs bytes " +
                            std::to_string(m_dataOffset + t.offset) + " to " +
                            std::to_string(m_dataOffset + t.offset + t.nBytes) + " but the file has " +
                            std::to_string(m_fileSize) + " (the file is truncated or corrupt)");
        }
        // No two tensors may share bytes.
        std::vector<const GgufTensorInfo*> byOffset;
        byOffset.reserve(m_tensors.size());
        for (const auto& t : m_tensors) byOffset.push_back(&t);
        std::sort(byOffset.begin(), byOffset.end(),
                  [](const GgufTensorInfo* a, const GgufTensorInfo* b) { return a->offset < b->offset; });
        for (size_t i = 1; i < byOffset.size(); ++i) {
            const auto* prev = byOffset[i - 1];
            const auto* cur = byOffset[i];
            if (prev->offset + prev->nBytes > cur->offset)
                return fail("tensors " + quoteName(prev->name) + " and " + quoteName(cur->name) + " overlap in the file");
        }
    }
    return {};
}

const GgufValue* GgufFile::find(std::string_view key) const {
    for (const auto& kv : m_metadata)
        if (kv.key == key) return &kv.value;
    return nullptr;
}

std::optional<std::string> GgufFile::getString(std::string_view key) const {
    const GgufValue* v = find(key);
    if (!v || !v->toString()) return std::nullopt;
    return *v->toString();
}

std::optional<uint64_t> GgufFile::getUInt(std::string_view key) const {
    const GgufValue* v = find(key);
    return v ? v->toUInt() : std::nullopt;
}

std::optional<double> GgufFile::getDouble(std::string_view key) const {
    const GgufValue* v = find(key);
    return v ? v->toDouble() : std::nullopt;
}

std::optional<bool> GgufFile::getBool(std::string_view key) const {
    const GgufValue* v = find(key);
    return v ? v->toBool() : std::nullopt;
}

const GgufTensorInfo* GgufFile::findTensor(std::string_view name) const {
    for (const auto& t : m_tensors)
        if (t.name == name) return &t;
    return nullptr;
}

std::span<const uint8_t> GgufFile::tensorData(const GgufTensorInfo& tensor) const {
    // Bounds were validated at parse time.
    return m_storage->bytes.subspan(static_cast<size_t>(m_dataOffset + tensor.offset), static_cast<size_t>(tensor.nBytes));
}

}  // namespace qd
