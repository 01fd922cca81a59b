// StreamingDecoder: token pieces in, whole UTF-8 characters out.
//
// Byte-fallback tokens (<0xE4> <0xBD> <0xA0>) and byte-level BPE tokens routinely split a character
// across tokens; printing each piece as it comes would show broken glyphs. We keep the unfinished tail
// of the byte stream and release it once the character is complete.
#include "core/tokenizer/tokenizer.h"
#include "core/tokenizer/unicode.h"

namespace qd {

StreamingDecoder::StreamingDecoder(const Tokenizer& tokenizer, bool renderSpecial, bool stripLeadingSpace)
    : m_tokenizer(tokenizer), m_renderSpecial(renderSpecial), m_stripLeadingSpace(stripLeadingSpace) {}

std::string StreamingDecoder::push(int32_t id) {
    std::string piece = m_tokenizer.tokenToPiece(id, m_renderSpecial);
    if (m_first && !piece.empty()) {
        if (m_stripLeadingSpace && piece.front() == ' ') piece.erase(0, 1);
        m_first = false;
    }
    m_pending += piece;
    return takeComplete(false);
}

std::string StreamingDecoder::flush() { return takeComplete(true); }

void StreamingDecoder::reset() {
    m_pending.clear();
    m_first = true;
}

std::string StreamingDecoder::takeComplete(bool final) {
    const size_t ready = final ? m_pending.size() : completeUtf8Prefix(m_pending);
    // Re-encode what is ready so malformed bytes become U+FFFD and the output is valid UTF-8.
    std::string out;
    out.reserve(ready);
    const std::string_view bytes(m_pending.data(), ready);
    for (size_t pos = 0; pos < bytes.size();) {
        const size_t start = pos;
        const uint32_t cp = decodeUtf8At(bytes, pos);
        const size_t len = pos - start;
        // Overlong forms and surrogates decode, but are not valid UTF-8 to hand to a display.
        const bool valid = !(cp == kReplacementChar && len == 1) && !(cp >= 0xD800 && cp <= 0xDFFF) &&
                           cp <= kMaxCodePoint && !(len == 2 && cp < 0x80) && !(len == 3 && cp < 0x800) &&
                           !(len == 4 && cp < 0x10000);
        if (valid) out.append(bytes.substr(start, len));
        else appendUtf8(out, kReplacementChar);
    }
    m_pending.erase(0, ready);
    return out;
}

}  // namespace qd
