// libFuzzer target for the GGUF reader: any bytes go to GgufFile::parse, and whatever it accepts is walked
// the way the app uses it (summary and its JSON, every metadata value displayed and as JSON, every
// tensor's data). Built with -fsanitize=fuzzer,address,undefined when QD_FUZZ is ON; see
// tests/fuzz/CMakeLists.txt for the seed corpus and the short CTest run.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/gguf/gguf_file.h"
#include "gguf/gguf_walk.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::span<const uint8_t> bytes(data, size);
    auto file = qd::GgufFile::parse(bytes);
    if (!file) {
        // Every rejection says why.
        if (file.message().empty()) std::abort();
        return 0;
    }
    const qdtest::WalkResult r = qdtest::walkGguf(*file, bytes);
    if (!r.tensorsInBounds) std::abort();
    // Accepted files satisfy the reader's own promises.
    if (file->dataOffset() > size && !file->tensors().empty()) std::abort();
    if (file->alignment() == 0 || (file->alignment() & (file->alignment() - 1)) != 0) std::abort();
    volatile uint64_t sink = r.checksum;
    (void)sink;
    return 0;
}
