// Reading GGUF's packed blocks from a buffer of 32-bit words (no 8- or 16-bit storage feature needed).
// `w` is the weights buffer; byte offsets are from its start. 16-bit fields in GGUF blocks are always
// at even offsets, so a half never straddles two words.

uint u8at(uint off) { return (w[off >> 2] >> ((off & 3u) * 8u)) & 0xFFu; }
int i8at(uint off) { return bitfieldExtract(int(w[off >> 2]), int((off & 3u) * 8u), 8); }
uint u16at(uint off) { return (w[off >> 2] >> ((off & 2u) * 8u)) & 0xFFFFu; }
float f16at(uint off) { return unpackHalf2x16(u16at(off)).x; }
