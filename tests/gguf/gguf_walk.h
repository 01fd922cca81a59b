// Touches everything a parsed GgufFile exposes, the way the UI and the CLI do: the summary (and its JSON),
// every metadata value's display and JSON form, and every tensor's data. Shared by the corrupt-file tests
// and the fuzz target (plain C++, no Qt), so a file the reader accepts cannot crash what comes after.
#pragma once

#include <cstdint>
#include <string>

#include "core/gguf/gguf_file.h"
#include "core/gguf/metadata_text.h"
#include "core/gguf/model_summary.h"

namespace qdtest {

struct WalkResult {
    bool tensorsInBounds = true;  // every tensorData() span lies inside the parsed bytes
    uint64_t checksum = 0;        // depends on every byte touched, so nothing is optimised away
};

inline WalkResult walkGguf(const qd::GgufFile& file, std::span<const uint8_t> bytes) {
    WalkResult r;
    auto mix = [&](uint64_t v) { r.checksum = (r.checksum ^ v) * 0x100000001b3ull; };

    const qd::ModelSummary s = qd::summarize(file);
    mix(s.parameterCount);
    mix(s.kvCacheBytes(s.contextLength));
    mix(s.memoryForContext(1u << 20));
    mix(s.toJson().dump().size());
    mix(qd::formatBytes(s.fileSize).size());
    mix(s.unsupported.size());

    for (const auto& kv : file.metadata()) {
        mix(kv.key.size());
        mix(kv.value.display().size());
        mix(kv.value.display(3, 10).size());
        mix(qd::ggufValueToJson(kv.value).dump().size());
        mix(kv.value.toUInt().value_or(1));
        mix(static_cast<uint64_t>(kv.value.toDouble().value_or(0.0) != 0.0));
        if (kv.value.isArray()) {
            const uint64_t n = kv.value.arraySize();
            for (uint64_t i = 0; i < n && i < 16; ++i) {
                mix(static_cast<uint64_t>(kv.value.arrayInt(i)));
                mix(static_cast<uint64_t>(kv.value.arrayNumber(i) != 0.0));
            }
        }
    }

    const uint8_t* begin = bytes.data();
    const uint8_t* end = bytes.data() + bytes.size();
    for (const auto& t : file.tensors()) {
        mix(t.shapeString().size());
        mix(t.rowCount());
        const auto data = file.tensorData(t);
        if (data.size() != t.nBytes || (!data.empty() && (data.data() < begin || data.data() + data.size() > end)))
            r.tensorsInBounds = false;
        else if (!data.empty())
            mix(data.front() + 3u * data.back() + 7u * data[data.size() / 2]);
    }
    return r;
}

}  // namespace qdtest
