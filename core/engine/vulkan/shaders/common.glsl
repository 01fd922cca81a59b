// Reading GGUF's packed blocks from a buffer of 32-bit words (no 8- or 16-bit storage feature needed).
// `w` is the weights buffer; byte offsets are from its start. 16-bit fields in GGUF blocks are always
// at even offsets, so a half never straddles two words.

uint u8at(uint off) { return (w[off >> 2] >> ((off & 3u) * 8u)) & 0xFFu; }
int i8at(uint off) { return bitfieldExtract(int(w[off >> 2]), int((off & 3u) * 8u), 8); }
uint u16at(uint off) { return (w[off >> 2] >> ((off & 2u) * 8u)) & 0xFFFFu; }
uint u32at(uint off) { return u16at(off) | (u16at(off + 2u) << 16u); }  // at an even offset
float f16at(uint off) { return unpackHalf2x16(u16at(off)).x; }

// The 6-bit scale and minimum of sub-block s (0..7) of a Q4_K or Q5_K super-block, packed in 12 bytes
// at sc: the low 6 bits of bytes 0..3 (scales) and 4..7 (minimums) for s < 4; for s >= 4, low nibbles
// of bytes 8..11 (scales) and high nibbles (minimums), with the top 2 bits from bytes s - 4 and s.
void scaleMinK4(uint sc, uint s, out float scale, out float mn) {
    if (s < 4u) {
        scale = float(u8at(sc + s) & 63u);
        mn = float(u8at(sc + s + 4u) & 63u);
    } else {
        scale = float((u8at(sc + s + 4u) & 15u) | ((u8at(sc + s - 4u) >> 6u) << 4u));
        mn = float((u8at(sc + s + 4u) >> 4u) | ((u8at(sc + s) >> 6u) << 4u));
    }
}

// IQ4_NL's and IQ4_XS's sixteen non-uniform levels.
const float kIq4Levels[16] = float[16](-127.0, -104.0, -83.0, -65.0, -49.0, -35.0, -22.0, -10.0,
                                       1.0, 13.0, 25.0, 38.0, 53.0, 69.0, 89.0, 113.0);
