#include "core/tokenizer/unicode.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <memory>

#include "core/tokenizer/unicode_tables.h"

namespace qd {
namespace {

constexpr uint8_t kWhitespaceBit = 0x08;  // above the 3 class bits
constexpr uint32_t kBlockBits = 8;
constexpr uint32_t kBlockSize = 1u << kBlockBits;
constexpr uint32_t kBlockCount = (kMaxCodePoint + 1) >> kBlockBits;  // 4352

// Per code point: class in bits 0..2, White_Space in bit 3. blockOf[cp >> 8] picks a 256-byte block.
struct PropertyTable {
    std::vector<uint16_t> blockOf;
    std::vector<uint8_t> blocks;
};

bool whitespaceProperty(uint32_t cp) {
    if (cp >= 0x09 && cp <= 0x0D) return true;
    if (cp >= 0x2000 && cp <= 0x200A) return true;
    switch (cp) {
        case 0x20: case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
        case 0x205F: case 0x3000:
            return true;
        default:
            return false;
    }
}

std::unique_ptr<PropertyTable> buildPropertyTable() {
    using namespace unicode_tables;
    std::vector<uint8_t> flat(kMaxCodePoint + 1, 0);
    for (size_t i = 0; i < kClassRunCount; ++i) {
        const uint32_t begin = kClassRuns[i].start;
        const uint32_t end = i + 1 < kClassRunCount ? kClassRuns[i + 1].start : kMaxCodePoint + 1;
        std::fill(flat.begin() + begin, flat.begin() + end, kClassRuns[i].cls);
    }
    for (uint32_t cp = 0; cp < 0x3001; ++cp) {
        if (whitespaceProperty(cp)) flat[cp] |= kWhitespaceBit;
    }
    auto table = std::make_unique<PropertyTable>();
    table->blockOf.resize(kBlockCount);
    // Keyed by the block's bytes as a string (a map of byte vectors trips a GCC 12 -Wstringop-overread
    // false positive inside std::lexicographical_compare_three_way at -O3).
    std::map<std::string, uint16_t> seen;
    for (uint32_t b = 0; b < kBlockCount; ++b) {
        std::string block(flat.begin() + b * kBlockSize, flat.begin() + (b + 1) * kBlockSize);
        auto [it, inserted] = seen.emplace(std::move(block), static_cast<uint16_t>(seen.size()));
        if (inserted) table->blocks.insert(table->blocks.end(), it->first.begin(), it->first.end());
        table->blockOf[b] = it->second;
    }
    return table;
}

const PropertyTable& propertyTable() {
    static const std::unique_ptr<PropertyTable> table = buildPropertyTable();
    return *table;
}

uint8_t properties(uint32_t cp) {
    if (cp > kMaxCodePoint) return 0;
    const PropertyTable& t = propertyTable();
    return t.blocks[(size_t(t.blockOf[cp >> kBlockBits]) << kBlockBits) | (cp & (kBlockSize - 1))];
}

struct ByteMaps {
    std::array<uint32_t, 256> toChar{};
    std::array<int16_t, 324> toByte{};  // every mapped character is below U+0144
};

ByteMaps buildByteMaps() {
    ByteMaps m;
    m.toByte.fill(-1);
    auto printable = [](int b) { return (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE); };
    uint32_t next = 0x100;
    for (int b = 0; b < 256; ++b) {
        m.toChar[b] = printable(b) ? uint32_t(b) : next++;
        m.toByte[m.toChar[b]] = int16_t(b);
    }
    return m;
}

const ByteMaps& byteMaps() {
    static const ByteMaps maps = buildByteMaps();
    return maps;
}

}  // namespace

UnicodeClass unicodeClass(uint32_t cp) { return static_cast<UnicodeClass>(properties(cp) & 0x07); }

bool isUnicodeWhitespace(uint32_t cp) { return (properties(cp) & kWhitespaceBit) != 0; }

uint32_t unicodeToLower(uint32_t cp) {
    using namespace unicode_tables;
    const CodePointPair* end = kLowercase + kLowercaseCount;
    const CodePointPair* it =
        std::lower_bound(kLowercase, end, cp, [](const CodePointPair& p, uint32_t v) { return p.from < v; });
    return (it != end && it->from == cp) ? it->to : cp;
}

uint32_t unicodeNfdFirst(uint32_t cp) {
    using namespace unicode_tables;
    const NfdRange* end = kNfdFirst + kNfdFirstCount;
    // First range whose `first` is greater than cp; the candidate is the one before it.
    const NfdRange* it = std::upper_bound(kNfdFirst, end, cp, [](uint32_t v, const NfdRange& r) { return v < r.first; });
    if (it == kNfdFirst) return cp;
    --it;
    return (cp <= it->last) ? it->target : cp;
}

uint32_t decodeUtf8At(std::string_view text, size_t& pos) {
    const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
    const uint8_t b0 = byte(pos);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    size_t len = 0;
    uint32_t cp = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07;
    } else {  // continuation byte or 0xF8..0xFF
        ++pos;
        return kReplacementChar;
    }
    if (pos + len > text.size()) {
        ++pos;
        return kReplacementChar;
    }
    for (size_t i = 1; i < len; ++i) {
        const uint8_t b = byte(pos + i);
        if ((b & 0xC0) != 0x80) {
            ++pos;
            return kReplacementChar;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    pos += len;
    return cp;
}

std::vector<uint32_t> decodeUtf8(std::string_view text) {
    std::vector<uint32_t> cps;
    cps.reserve(text.size());
    for (size_t pos = 0; pos < text.size();) cps.push_back(decodeUtf8At(text, pos));
    return cps;
}

void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp <= kMaxCodePoint) {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        appendUtf8(out, kReplacementChar);
    }
}

size_t completeUtf8Prefix(std::string_view bytes) {
    // Only the last (up to) three bytes can belong to an unfinished character.
    const size_t n = bytes.size();
    const size_t lookBack = std::min<size_t>(n, 3);
    for (size_t back = 1; back <= lookBack; ++back) {
        const uint8_t b = static_cast<uint8_t>(bytes[n - back]);
        if ((b & 0xC0) == 0x80) continue;  // continuation: keep looking for the lead
        size_t need = 0;
        if ((b & 0xE0) == 0xC0) need = 2;
        else if ((b & 0xF0) == 0xE0) need = 3;
        else if ((b & 0xF8) == 0xF0) need = 4;
        else return n;  // ASCII or an invalid lead: nothing is pending
        // The lead at n-back has back-1 continuation bytes after it.
        return back < need ? n - back : n;
    }
    return n;  // only continuation bytes at the end: malformed, nothing to wait for
}

uint32_t byteToBpeChar(uint8_t byte) { return byteMaps().toChar[byte]; }

int bpeCharToByte(uint32_t cp) {
    const ByteMaps& m = byteMaps();
    return cp < m.toByte.size() ? m.toByte[cp] : -1;
}

}  // namespace qd
