#include "core/gguf/gguf_writer.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "core/common/atomic_file.h"

namespace qd {

namespace {

class ByteBuffer {
public:
    explicit ByteBuffer(uint32_t version) : m_version(version) {}
    std::vector<uint8_t>& bytes() { return m_bytes; }

    void append(const void* data, size_t n) {
        if (n == 0) return;
        size_t at = m_bytes.size();
        m_bytes.resize(at + n);
        std::memcpy(m_bytes.data() + at, data, n);
    }
    template <class T>
    void put(T v) {
        append(&v, sizeof(T));
    }
    void putCount(uint64_t n) {
        if (m_version == 1) put(static_cast<uint32_t>(n));
        else put(n);
    }
    void putString(const std::string& s) {
        putCount(s.size());
        append(s.data(), s.size());
    }
    void putValue(const GgufValue& v) {
        switch (v.type()) {
            case GgufValueType::String: putString(*v.toString()); break;
            case GgufValueType::Array: {
                put(static_cast<uint32_t>(v.arrayType()));
                putCount(v.arraySize());
                if (v.arrayType() == GgufValueType::String) {
                    for (const auto& s : v.arrayStrings()) putString(s);
                } else if (v.arrayType() == GgufValueType::Array) {
                    for (const auto& n : v.arrayNested()) putValue(n);
                } else {
                    append(v.arrayRaw().data(), v.arrayRaw().size());
                }
                break;
            }
            default: {
                uint64_t bits = v.scalarBits();
                append(&bits, ggufValueTypeSize(v.type()));  // low bytes: little-endian host
            }
        }
    }

private:
    uint32_t m_version;
    std::vector<uint8_t> m_bytes;
};

uint64_t alignUp(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

// Counts bytes for one tensor, forwards them to the file and reports progress every few MB.
class FileTensorSink : public TensorSink {
public:
    FileTensorSink(AtomicFileWriter& out, const ProgressFn& progress, uint64_t total)
        : m_out(out), m_progress(progress), m_total(total) {}

    void begin(const GgufTensorInfo& t) {
        m_tensor = &t;
        m_tensorWritten = 0;
    }
    uint64_t tensorWritten() const { return m_tensorWritten; }
    uint64_t done() const { return m_done; }

    Status write(const void* data, size_t size) override {
        if (m_tensorWritten + size > m_tensor->nBytes)
            return fail("internal error: more data than tensor " + m_tensor->name + " holds");
        if (auto s = m_out.write(data, size); !s) return s;
        m_tensorWritten += size;
        m_done += size;
        m_sinceReport += size;
        if (m_sinceReport >= (8u << 20)) {
            m_sinceReport = 0;
            if (!report(m_progress, m_done, m_total, m_tensor->name)) return cancelledError();
        }
        return {};
    }

private:
    AtomicFileWriter& m_out;
    const ProgressFn& m_progress;
    uint64_t m_total;
    const GgufTensorInfo* m_tensor = nullptr;
    uint64_t m_tensorWritten = 0;
    uint64_t m_done = 0;
    uint64_t m_sinceReport = 0;
};

}  // namespace

void GgufWriter::set(const std::string& key, GgufValue value) {
    for (auto& kv : m_metadata) {
        if (kv.key == key) {
            kv.value = std::move(value);
            return;
        }
    }
    m_metadata.push_back({key, std::move(value)});
}

bool GgufWriter::remove(const std::string& key) {
    auto it = std::find_if(m_metadata.begin(), m_metadata.end(), [&](const GgufKeyValue& kv) { return kv.key == key; });
    if (it == m_metadata.end()) return false;
    m_metadata.erase(it);
    return true;
}

const GgufValue* GgufWriter::find(const std::string& key) const {
    for (const auto& kv : m_metadata)
        if (kv.key == key) return &kv.value;
    return nullptr;
}

Status GgufWriter::addTensor(const std::string& name, std::vector<uint64_t> dims, GgmlType type) {
    if (dims.empty() || dims.size() > kGgufMaxDims)
        return fail("tensor " + name + " must have 1 to " + std::to_string(kGgufMaxDims) + " dimensions");
    for (const auto& t : m_tensors)
        if (t.name == name) return fail("tensor " + name + " is added twice");
    GgufTensorInfo t;
    t.name = name;
    t.type = type;
    t.dims = std::move(dims);
    t.nElements = 1;
    for (uint64_t d : t.dims) {
        if (d == 0) return fail("tensor " + name + " has a dimension of size 0");
        // The same limit the reader applies: an element count within int64 (and bytes within uint64).
        if (d > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) / t.nElements)
            return fail("tensor " + name + " is too large (" + t.shapeString() + ")");
        t.nElements *= d;
    }
    const auto& traits = ggmlTypeTraits(type);
    if (t.dims[0] % traits.blockSize != 0)
        return fail("tensor " + name + " has rows of " + std::to_string(t.dims[0]) + " elements, not a multiple of " +
                    std::to_string(traits.blockSize) + " as " + std::string(traits.name) + " needs");
    if (t.nElements / traits.blockSize > std::numeric_limits<uint64_t>::max() / traits.blockBytes)
        return fail("tensor " + name + " is too large (" + t.shapeString() + ")");
    t.nBytes = t.nElements / traits.blockSize * traits.blockBytes;
    m_tensors.push_back(std::move(t));
    return {};
}

uint64_t GgufWriter::alignment() const {
    if (const GgufValue* a = find("general.alignment")) {
        if (a->type() == GgufValueType::UInt32) {
            uint64_t v = a->scalarBits();
            if (v != 0 && (v & (v - 1)) == 0) return v;
        }
    }
    return kGgufDefaultAlignment;
}

std::vector<GgufTensorInfo> GgufWriter::layout() const {
    std::vector<GgufTensorInfo> out = m_tensors;
    uint64_t offset = 0;
    const uint64_t align = alignment();
    for (auto& t : out) {
        t.offset = offset;
        offset = alignUp(offset + t.nBytes, align);
    }
    return out;
}

std::vector<uint8_t> GgufWriter::header() const {
    ByteBuffer b(m_version);
    b.put(kGgufMagic);
    b.put(m_version);
    b.putCount(m_tensors.size());
    b.putCount(m_metadata.size());
    for (const auto& kv : m_metadata) {
        b.putString(kv.key);
        b.put(static_cast<uint32_t>(kv.value.type()));
        b.putValue(kv.value);
    }
    for (const auto& t : layout()) {
        b.putString(t.name);
        b.put(static_cast<uint32_t>(t.dims.size()));
        for (uint64_t d : t.dims) {
            if (m_version == 1) b.put(static_cast<uint32_t>(d));
            else b.put(d);
        }
        b.put(static_cast<uint32_t>(t.type));
        b.put(t.offset);
    }
    std::vector<uint8_t>& bytes = b.bytes();
    bytes.resize(alignUp(bytes.size(), alignment()), 0);
    return bytes;
}

uint64_t GgufWriter::fileSize() const {
    uint64_t size = header().size();
    const uint64_t align = alignment();
    for (const auto& t : m_tensors) size += alignUp(t.nBytes, align);
    return size;
}

Status GgufWriter::write(const std::filesystem::path& path, const TensorDataFn& produce, const ProgressFn& progress) const {
    const std::vector<GgufTensorInfo> tensors = layout();
    uint64_t total = 0;
    for (const auto& t : tensors) total += t.nBytes;
    if (!report(progress, 0, total, tensors.empty() ? std::string() : tensors.front().name))
        return cancelledError();

    if (m_version == 1) {
        // v1 stores dimensions as u32; a wider one would be written truncated.
        for (const auto& t : tensors)
            for (uint64_t d : t.dims)
                if (d > 0xFFFFFFFFu)
                    return fail("tensor " + t.name + " has a dimension of " + std::to_string(d) +
                                ", more than GGUF v1 can store");
    }

    AtomicFileWriter out;
    if (auto s = out.open(path); !s) return s;
    if (auto s = out.write(header()); !s) return s;

    const uint64_t align = alignment();
    FileTensorSink sink(out, progress, total);
    for (size_t i = 0; i < tensors.size(); ++i) {
        const auto& t = tensors[i];
        sink.begin(t);
        if (auto s = produce(i, t, sink); !s) return s;  // `out` removes the temporary file
        if (sink.tensorWritten() != t.nBytes)
            return fail("internal error: tensor " + t.name + " got " + std::to_string(sink.tensorWritten()) +
                        " bytes instead of " + std::to_string(t.nBytes));
        if (auto s = out.writeZeros(alignUp(t.nBytes, align) - t.nBytes); !s) return s;
        if (!report(progress, sink.done(), total, i + 1 < tensors.size() ? tensors[i + 1].name : t.name))
            return cancelledError();
    }
    return out.commit();
}

GgufWriter GgufWriter::copyOf(const GgufFile& file) {
    GgufWriter w(file.version());
    for (const auto& kv : file.metadata()) w.set(kv.key, kv.value);
    for (const auto& t : file.tensors()) (void)w.addTensor(t.name, t.dims, t.type);  // valid: parsed already
    return w;
}

Status copyGgufWithMetadata(const GgufFile& source, const GgufWriter& writer, const std::filesystem::path& out,
                            const ProgressFn& progress) {
    return writer.write(
        out,
        [&](size_t, const GgufTensorInfo& t, TensorSink& sink) -> Status {
            const GgufTensorInfo* src = source.findTensor(t.name);
            if (!src || src->nBytes != t.nBytes) return fail("tensor " + t.name + " is not in the source file");
            // Write in slices so progress and cancel stay responsive on multi-GB tensors.
            auto data = source.tensorData(*src);
            constexpr size_t kSlice = 4u << 20;
            for (size_t off = 0; off < data.size(); off += kSlice) {
                if (auto s = sink.write(data.subspan(off, std::min(kSlice, data.size() - off))); !s) return s;
            }
            return {};
        },
        progress);
}

}  // namespace qd
