#include "core/convert/sentencepiece_model.h"

#include <cstring>

#include "core/model/model_limits.h"

namespace qd {

namespace {

// Reads protocol-buffer wire format from a bounded byte range.
class WireReader {
public:
    explicit WireReader(std::span<const uint8_t> bytes) : m_p(bytes.data()), m_end(bytes.data() + bytes.size()) {}

    bool atEnd() const { return m_p == m_end; }

    bool varint(uint64_t& v) {
        v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_p == m_end) return false;
            const uint8_t b = *m_p++;
            v |= uint64_t(b & 0x7F) << shift;
            if (!(b & 0x80)) return true;
        }
        return false;  // more than 10 bytes
    }
    bool fixed32(uint32_t& v) {
        if (m_end - m_p < 4) return false;
        std::memcpy(&v, m_p, 4);
        m_p += 4;
        return true;
    }
    bool bytes(std::span<const uint8_t>& out) {
        uint64_t n = 0;
        if (!varint(n) || n > uint64_t(m_end - m_p)) return false;
        out = {m_p, static_cast<size_t>(n)};
        m_p += n;
        return true;
    }
    // Skips a field's value of the given wire type.
    bool skip(uint32_t wireType) {
        uint64_t v;
        uint32_t f;
        std::span<const uint8_t> s;
        switch (wireType) {
            case 0: return varint(v);
            case 1:
                if (m_end - m_p < 8) return false;
                m_p += 8;
                return true;
            case 2: return bytes(s);
            case 5: return fixed32(f);
            default: return false;  // groups (3, 4) are not used by sentencepiece
        }
    }
    // Next field header; false at the end or on a malformed tag.
    bool tag(uint32_t& field, uint32_t& wireType) {
        uint64_t t = 0;
        if (!varint(t) || (t >> 3) == 0 || (t >> 3) > UINT32_MAX) return false;
        field = static_cast<uint32_t>(t >> 3);
        wireType = static_cast<uint32_t>(t & 7);
        return true;
    }

private:
    const uint8_t* m_p;
    const uint8_t* m_end;
};

// Parses the fields of one message: `onField` reads the ones it knows and returns false for the
// rest (skipped). Returns false on malformed input.
template <class F>
bool readMessage(std::span<const uint8_t> bytes, F onField) {
    WireReader r(bytes);
    while (!r.atEnd()) {
        uint32_t field = 0, wire = 0;
        if (!r.tag(field, wire)) return false;
        int handled = onField(r, field, wire);  // 1 read, 0 not ours, -1 malformed
        if (handled < 0) return false;
        if (handled == 0 && !r.skip(wire)) return false;
    }
    return true;
}

int32_t asInt32(uint64_t v) { return static_cast<int32_t>(static_cast<int64_t>(v)); }

}  // namespace

Result<SpmModel> parseSentencePieceModel(std::span<const uint8_t> bytes) {
    SpmModel model;
    bool badPiece = false;
    auto readPiece = [&](std::span<const uint8_t> data) {
        // An empty piece is two bytes of protocol buffer but a whole object in memory: the count is capped
        // at the engine's vocabulary limit, so a hostile file cannot multiply its size in RAM.
        if (model.pieces.size() >= limits::kMaxVocabulary) return false;
        SpmPiece p;
        bool ok = readMessage(data, [&](WireReader& r, uint32_t field, uint32_t wire) -> int {
            if (field == 1 && wire == 2) {
                std::span<const uint8_t> s;
                if (!r.bytes(s)) return -1;
                p.piece.assign(reinterpret_cast<const char*>(s.data()), s.size());
                return 1;
            }
            if (field == 2 && wire == 5) {
                uint32_t bits;
                if (!r.fixed32(bits)) return -1;
                std::memcpy(&p.score, &bits, 4);
                return 1;
            }
            if (field == 3 && wire == 0) {
                uint64_t v;
                if (!r.varint(v)) return -1;
                if (v < 1 || v > 6) return -1;
                p.type = static_cast<SpmPieceType>(v);
                return 1;
            }
            return 0;
        });
        if (!ok) badPiece = true;
        model.pieces.push_back(std::move(p));
        return ok;
    };
    auto readTrainer = [&](std::span<const uint8_t> data) {
        return readMessage(data, [&](WireReader& r, uint32_t field, uint32_t wire) -> int {
            if (wire != 0) return 0;
            uint64_t v;
            switch (field) {
                case 3: if (!r.varint(v)) return -1; model.modelType = asInt32(v); return 1;
                case 4: if (!r.varint(v)) return -1; model.vocabSize = asInt32(v); return 1;
                case 35: if (!r.varint(v)) return -1; model.byteFallback = v != 0; return 1;
                case 40: if (!r.varint(v)) return -1; model.unkId = asInt32(v); return 1;
                case 41: if (!r.varint(v)) return -1; model.bosId = asInt32(v); return 1;
                case 42: if (!r.varint(v)) return -1; model.eosId = asInt32(v); return 1;
                case 43: if (!r.varint(v)) return -1; model.padId = asInt32(v); return 1;
                default: return 0;
            }
        });
    };
    auto readNormalizer = [&](std::span<const uint8_t> data) {
        return readMessage(data, [&](WireReader& r, uint32_t field, uint32_t wire) -> int {
            uint64_t v;
            if (field == 1 && wire == 2) {
                std::span<const uint8_t> s;
                if (!r.bytes(s)) return -1;
                model.normalizerName.assign(reinterpret_cast<const char*>(s.data()), s.size());
                return 1;
            }
            if (wire != 0) return 0;
            switch (field) {
                case 3: if (!r.varint(v)) return -1; model.addDummyPrefix = v != 0; return 1;
                case 4: if (!r.varint(v)) return -1; model.removeExtraWhitespaces = v != 0; return 1;
                case 5: if (!r.varint(v)) return -1; model.escapeWhitespaces = v != 0; return 1;
                default: return 0;
            }
        });
    };

    bool ok = readMessage(bytes, [&](WireReader& r, uint32_t field, uint32_t wire) -> int {
        if (wire != 2 || field > 3) return 0;
        std::span<const uint8_t> s;
        if (!r.bytes(s)) return -1;
        bool good = field == 1 ? readPiece(s) : field == 2 ? readTrainer(s) : readNormalizer(s);
        return good ? 1 : -1;
    });
    if (!ok || badPiece)
        return fail("tokenizer.model is not a valid SentencePiece model (malformed protocol buffer near piece " +
                    std::to_string(model.pieces.size()) + ")");
    if (model.pieces.empty()) return fail("tokenizer.model holds no pieces");
    return model;
}

}  // namespace qd
