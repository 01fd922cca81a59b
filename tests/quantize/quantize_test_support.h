// Helpers shared by the quantizer tests: the F32 fixture, manifest.json (read once), file hashing, and
// the llama-quantize fixtures with their mixes. Fixture paths come from gguf/gguf_test_support.h.
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <string>

#include "gguf/gguf_test_support.h"

namespace qdtest {

inline std::string f32Fixture() { return (fixturesDir() + QStringLiteral("/shakespeare-F32.gguf")).toStdString(); }

inline QJsonObject manifest() {
    static const QJsonObject m = loadManifest();
    return m;
}

inline QByteArray fileSha256(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

// The fixtures llama-quantize wrote from shakespeare-F32.gguf, with the mix that made each
// (the pure files: that mix with --pure).
struct MixFixture {
    const char* file;  // manifest key; pure files live under pure/
    const char* mix;
    bool pure;
};

inline const MixFixture kMixFixtures[] = {
    {"shakespeare-F16.gguf", "F16", false},      {"shakespeare-BF16.gguf", "BF16", false},
    {"shakespeare-Q8_0.gguf", "Q8_0", false},    {"shakespeare-Q5_1.gguf", "Q5_1", false},
    {"shakespeare-Q5_0.gguf", "Q5_0", false},    {"shakespeare-Q4_1.gguf", "Q4_1", false},
    {"shakespeare-Q4_0.gguf", "Q4_0", false},    {"shakespeare-Q6_K.gguf", "Q6_K", false},
    {"shakespeare-Q5_K_M.gguf", "Q5_K_M", false}, {"shakespeare-Q5_K_S.gguf", "Q5_K_S", false},
    {"shakespeare-Q4_K_M.gguf", "Q4_K_M", false}, {"shakespeare-Q4_K_S.gguf", "Q4_K_S", false},
    {"shakespeare-Q3_K_L.gguf", "Q3_K_L", false}, {"shakespeare-Q3_K_M.gguf", "Q3_K_M", false},
    {"shakespeare-Q3_K_S.gguf", "Q3_K_S", false}, {"shakespeare-Q2_K.gguf", "Q2_K", false},
    {"shakespeare-IQ4_NL.gguf", "IQ4_NL", false}, {"shakespeare-IQ4_XS.gguf", "IQ4_XS", false},
    {"shakespeare-pure-IQ4_NL.gguf", "IQ4_NL", true}, {"shakespeare-pure-Q2_K.gguf", "Q2_K", true},
    {"shakespeare-pure-Q3_K.gguf", "Q3_K_M", true},   {"shakespeare-pure-Q4_0.gguf", "Q4_0", true},
    {"shakespeare-pure-Q4_1.gguf", "Q4_1", true},     {"shakespeare-pure-Q4_K.gguf", "Q4_K_M", true},
    {"shakespeare-pure-Q5_0.gguf", "Q5_0", true},     {"shakespeare-pure-Q5_1.gguf", "Q5_1", true},
    {"shakespeare-pure-Q5_K.gguf", "Q5_K_M", true},   {"shakespeare-pure-Q6_K.gguf", "Q6_K", true},
    {"shakespeare-pure-Q8_0.gguf", "Q8_0", true},
};

inline QString fixturePath(const MixFixture& f) {
    return fixturesDir() + (f.pure ? QStringLiteral("/pure/") : QStringLiteral("/")) + QString::fromLatin1(f.file);
}

}  // namespace qdtest
