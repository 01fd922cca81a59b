#include "core/quant/imatrix_file.h"

#include <cstring>
#include <fstream>

#include "core/common/atomic_file.h"

namespace qd {

namespace {

// Limits past anything a real model has, so a hostile file cannot make us allocate without bound.
constexpr int32_t kMaxEntries = 1 << 20;
constexpr int32_t kMaxNameBytes = 4096;
constexpr int32_t kMaxValues = 1 << 24;

class Reader {
public:
    explicit Reader(std::span<const uint8_t> b) : m_b(b) {}
    bool i32(int32_t& v) {
        if (m_b.size() - m_at < 4) return false;
        std::memcpy(&v, m_b.data() + m_at, 4);
        m_at += 4;
        return true;
    }
    bool bytes(size_t n, const uint8_t*& p) {
        if (m_b.size() - m_at < n) return false;
        p = m_b.data() + m_at;
        m_at += n;
        return true;
    }
    size_t at() const { return m_at; }
    bool done() const { return m_at == m_b.size(); }

private:
    std::span<const uint8_t> m_b;
    size_t m_at = 0;
};

// Appends `n` bytes at p (resize and copy: GCC 12 misreads a vector insert of a few bytes as an overflow).
void putBytes(std::vector<uint8_t>& out, const void* p, size_t n) {
    if (n == 0) return;
    const size_t at = out.size();
    out.resize(at + n);
    std::memcpy(out.data() + at, p, n);
}

void putI32(std::vector<uint8_t>& out, int32_t v) { putBytes(out, &v, 4); }

}  // namespace

const ImatrixEntry* Imatrix::find(const std::string& name) const {
    for (const ImatrixEntry& e : entries)
        if (e.name == name) return &e;
    return nullptr;
}

std::vector<float> Imatrix::importance(const std::string& name) const {
    const ImatrixEntry* e = find(name);
    if (!e) return {};
    std::vector<float> w = e->values;
    if (e->ncall > 0)
        for (float& v : w) v /= static_cast<float>(e->ncall);
    return w;
}

Result<Imatrix> Imatrix::parse(std::span<const uint8_t> bytes) {
    Reader r(bytes);
    auto bad = [&](const std::string& what) {
        return fail(ErrorKind::BadInput, "not a valid importance-matrix file: " + what + " (at byte " + std::to_string(r.at()) + ")");
    };
    Imatrix m;
    int32_t n = 0;
    if (!r.i32(n)) return bad("it is shorter than its entry count");
    if (n < 1 || n > kMaxEntries) return bad("an entry count of " + std::to_string(n));
    m.entries.reserve(static_cast<size_t>(n));
    for (int32_t i = 0; i < n; ++i) {
        ImatrixEntry e;
        int32_t len = 0, nval = 0;
        const uint8_t* p = nullptr;
        if (!r.i32(len)) return bad("entry " + std::to_string(i) + " is cut off");
        if (len < 1 || len > kMaxNameBytes) return bad("entry " + std::to_string(i) + " has a name of " + std::to_string(len) + " bytes");
        if (!r.bytes(static_cast<size_t>(len), p)) return bad("entry " + std::to_string(i) + "'s name is cut off");
        e.name.assign(reinterpret_cast<const char*>(p), static_cast<size_t>(len));
        if (!r.i32(e.ncall) || !r.i32(nval)) return bad(e.name + " is cut off");
        if (e.ncall < 0) return bad(e.name + " has a negative call count");
        if (nval < 1 || nval > kMaxValues) return bad(e.name + " has " + std::to_string(nval) + " values");
        if (!r.bytes(static_cast<size_t>(nval) * 4, p)) return bad(e.name + "'s values are cut off");
        e.values.resize(static_cast<size_t>(nval));
        std::memcpy(e.values.data(), p, static_cast<size_t>(nval) * 4);
        for (float v : e.values)
            if (!(v >= 0.0f) || v > 3.4e38f) return bad(e.name + " has a value that is negative, infinite or not a number");
        if (m.find(e.name)) return bad(e.name + " appears twice");
        m.entries.push_back(std::move(e));
    }
    if (!r.done()) {
        int32_t len = 0;
        const uint8_t* p = nullptr;
        if (!r.i32(m.lastChunk) || !r.i32(len)) return bad("the chunk count and dataset name are cut off");
        if (len < 0 || len > kMaxNameBytes) return bad("a dataset name of " + std::to_string(len) + " bytes");
        if (!r.bytes(static_cast<size_t>(len), p)) return bad("the dataset name is cut off");
        m.dataset.assign(reinterpret_cast<const char*>(p), static_cast<size_t>(len));
        m.hasTrailer = true;
        if (!r.done()) return bad("bytes follow the dataset name");
    }
    return m;
}

Result<Imatrix> Imatrix::read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorKind::Io, "cannot open " + path.string());
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return fail(ErrorKind::Io, "cannot read " + path.string());
    auto m = parse(bytes);
    if (!m) return Error{path.filename().string() + " is " + m.message(), m.kind()};
    return m;
}

std::vector<uint8_t> Imatrix::serialize() const {
    std::vector<uint8_t> out;
    putI32(out, static_cast<int32_t>(entries.size()));
    for (const ImatrixEntry& e : entries) {
        putI32(out, static_cast<int32_t>(e.name.size()));
        putBytes(out, e.name.data(), e.name.size());
        putI32(out, e.ncall);
        putI32(out, static_cast<int32_t>(e.values.size()));
        putBytes(out, e.values.data(), e.values.size() * 4);
    }
    if (hasTrailer) {
        putI32(out, lastChunk);
        putI32(out, static_cast<int32_t>(dataset.size()));
        putBytes(out, dataset.data(), dataset.size());
    }
    return out;
}

Status Imatrix::write(const std::filesystem::path& path) const {
    const std::vector<uint8_t> bytes = serialize();
    return writeFileAtomically(path, bytes);
}

}  // namespace qd
