// The reference quantizers against files llama.cpp wrote (fixtures/llamacpp, made without an imatrix):
//  - pure files: every quantized tensor re-made from shakespeare-F32.gguf with quantizeRows must equal
//    llama-quantize's bytes; the 1-D norms those files keep in F32 must be the F32 source, unchanged;
//  - dequant-reference.gguf: our dequantizeRow of a pure file's tensor equals llama.cpp's own
//    dequantization of it;
//  - every mix (Q4_K_M, IQ4_XS, ...): each tensor re-made in the type the mix gave it equals
//    llama.cpp's bytes, and dequantizes to finite values within a per-type error of the F32 source;
//  - F16 / BF16 files: conversions from F32 are bit-identical.
#include <QDir>
#include <QTest>

#include <map>
#include <optional>
#include <string>

#include "core/gguf/ggml_type.h"
#include "core/gguf/gguf_file.h"
#include "core/quant/quantize.h"
#include "quant/quant_test_support.h"

using namespace qdtest;
using qd::GgmlType;

namespace {

// Largest relative RMS error (RMSE / RMS of the F32 tensor) accepted for a sane dequantization of this
// model's weights. About twice the worst figure measured on the fixtures for each type, so a broken
// codec (wrong nibble order, wrong scale) fails by orders of magnitude while real quantization passes.
double relativeRmseBound(GgmlType type) {
    switch (type) {
        case GgmlType::F32: return 0.0;
        case GgmlType::F16: return 5e-4;
        case GgmlType::BF16: return 4e-3;
        case GgmlType::Q8_0: return 0.01;
        case GgmlType::Q6_K: return 0.03;
        case GgmlType::Q5_0: case GgmlType::Q5_1: case GgmlType::Q5_K: return 0.08;
        case GgmlType::Q4_0: case GgmlType::Q4_1: case GgmlType::Q4_K:
        case GgmlType::IQ4_NL: case GgmlType::IQ4_XS: return 0.15;
        case GgmlType::Q3_K: return 0.3;
        case GgmlType::Q2_K: return 0.6;
        default: return 0.0;
    }
}

struct ByteComparison {
    uint64_t blocks = 0;
    uint64_t differingBlocks = 0;
};

ByteComparison compareBlocks(GgmlType type, std::span<const uint8_t> ours, std::span<const uint8_t> theirs) {
    ByteComparison c;
    const size_t blockBytes = qd::ggmlTypeTraits(type).blockBytes;
    c.blocks = ours.size() / blockBytes;
    for (size_t b = 0; b < c.blocks; ++b)
        if (std::memcmp(ours.data() + b * blockBytes, theirs.data() + b * blockBytes, blockBytes) != 0)
            ++c.differingBlocks;
    return c;
}

}  // namespace

class TestQuantFixtures : public QObject {
    Q_OBJECT

private:
    std::optional<qd::GgufFile> m_f32;
    // Our quantization of an F32 tensor, by "TYPE/tensor name": pure files and mixes share results.
    std::map<std::string, std::vector<uint8_t>> m_quantized;
    // Worst relative RMSE seen per type over the mixes (printed at the end, for the bounds table).
    std::map<std::string, double> m_worstRelativeRmse;

    const std::vector<uint8_t>* quantizeSource(GgmlType type, const std::string& name, QString* error) {
        const std::string key = std::string(qd::ggmlTypeName(type)) + "/" + name;
        if (auto it = m_quantized.find(key); it != m_quantized.end()) return &it->second;
        const qd::GgufTensorInfo* src = m_f32->findTensor(name);
        if (!src) {
            *error = QString::fromStdString("no F32 source tensor " + name);
            return nullptr;
        }
        const auto rowBytes = qd::ggmlRowBytes(type, src->rowLength());
        if (!rowBytes) {
            *error = QString::fromStdString(name + ": row length does not fit the type");
            return nullptr;
        }
        std::vector<uint8_t> out(*rowBytes * src->rowCount());
        const auto st = qd::quantizeRows(type, floatsOf(*m_f32, *src).data(), out.data(),
                                         int64_t(src->rowCount()), int64_t(src->rowLength()));
        if (!st) {
            *error = QString::fromStdString(name + ": " + st.message());
            return nullptr;
        }
        return &m_quantized.emplace(key, std::move(out)).first->second;
    }

    std::vector<float> dequantize(const qd::GgufFile& file, const qd::GgufTensorInfo& t, QString* error) {
        std::vector<float> out(t.nElements);
        const auto st = qd::dequantizeRow(t.type, file.tensorData(t).data(), out.data(), int64_t(t.nElements));
        if (!st) *error = QString::fromStdString(t.name + ": " + st.message());
        return out;
    }

    // Re-makes every tensor of `file` from the F32 source in the type the file gave it and counts the
    // blocks whose bytes differ. `pureType`, when set, must be the type of every non-F32 tensor.
    void compareFileWithOurs(const QString& path, std::optional<GgmlType> pureType) {
        auto file = qd::GgufFile::open(path.toStdString());
        QVERIFY2(file.ok(), file.ok() ? "" : file.message().c_str());
        uint64_t blocks = 0, differing = 0;
        int quantizedTensors = 0;
        for (const auto& t : file->tensors()) {
            const qd::GgufTensorInfo* src = m_f32->findTensor(t.name);
            QVERIFY2(src, qPrintable("no F32 source for " + QString::fromStdString(t.name)));
            QCOMPARE(t.dims, src->dims);
            if (pureType && t.type != *pureType) {
                // llama-quantize keeps 1-D tensors (the norms) in F32, copied unchanged.
                QCOMPARE(int(t.type), int(GgmlType::F32));
                QCOMPARE(t.dims.size(), size_t(1));
            }
            QVERIFY2(qd::canQuantize(t.type), qd::ggmlTypeName(t.type).data());
            QString error;
            const auto* ours = quantizeSource(t.type, t.name, &error);
            QVERIFY2(ours, qPrintable(error));
            const auto theirs = file->tensorData(t);
            QCOMPARE(ours->size(), theirs.size());
            const auto cmp = compareBlocks(t.type, *ours, theirs);
            if (cmp.differingBlocks) {
                qWarning("%s %s: %llu of %llu blocks differ", qPrintable(QFileInfo(path).fileName()), t.name.c_str(),
                         (unsigned long long)cmp.differingBlocks, (unsigned long long)cmp.blocks);
            }
            if (t.type != GgmlType::F32) ++quantizedTensors;
            blocks += cmp.blocks;
            differing += cmp.differingBlocks;
        }
        QVERIFY(quantizedTensors > 0);
        QCOMPARE(differing, uint64_t(0));
        QVERIFY(blocks > 0);
    }

private slots:
    void cleanupTestCase() {
        for (const auto& [type, rel] : m_worstRelativeRmse)
            qInfo("%s: worst relative RMSE vs F32 over the mixes %.5f (bound %.5f)", type.c_str(), rel,
                  relativeRmseBound(*qd::ggmlTypeFromName(type)));
    }

    void initTestCase() {
        auto f = qd::GgufFile::open((fixturesDir() + "/shakespeare-F32.gguf").toStdString());
        QVERIFY2(f.ok(), f.ok() ? "" : f.message().c_str());
        m_f32.emplace(std::move(f.value()));
    }

    // Every pure file: all quantized tensors byte-identical to llama-quantize --pure.
    void pureFilesAreByteIdentical_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("typeName");
        QDir dir(fixturesDir() + "/pure");
        const QStringList names = dir.entryList({"shakespeare-pure-*.gguf"}, QDir::Files, QDir::Name);
        QVERIFY(names.size() >= 11);
        for (const QString& n : names) {
            const QString type = n.mid(int(strlen("shakespeare-pure-"))).chopped(int(strlen(".gguf")));
            QTest::newRow(qPrintable(type)) << dir.absoluteFilePath(n) << type;
        }
    }

    void pureFilesAreByteIdentical() {
        QFETCH(QString, path);
        QFETCH(QString, typeName);
        const auto type = qd::ggmlTypeFromName(typeName.toStdString());
        QVERIFY(type.has_value());
        compareFileWithOurs(path, type);
    }

    // dequant-reference.gguf holds llama.cpp's dequantization of a few tensors of each pure file.
    void dequantizationMatchesLlamaCpp() {
        auto ref = qd::GgufFile::open((fixturesDir() + "/dequant-reference.gguf").toStdString());
        QVERIFY2(ref.ok(), ref.ok() ? "" : ref.message().c_str());
        std::map<QString, qd::GgufFile> pures;
        int compared = 0;
        for (const auto& r : ref->tensors()) {
            const QString full = QString::fromStdString(r.name);
            const QString typeName = full.section('/', 0, 0);
            const std::string tensorName = full.section('/', 1).toStdString();
            if (!pures.count(typeName)) {
                auto f = qd::GgufFile::open(
                    (fixturesDir() + "/pure/shakespeare-pure-" + typeName + ".gguf").toStdString());
                QVERIFY2(f.ok(), f.ok() ? "" : f.message().c_str());
                pures.emplace(typeName, std::move(f.value()));
            }
            const qd::GgufFile& pure = pures.at(typeName);
            const qd::GgufTensorInfo* t = pure.findTensor(tensorName);
            QVERIFY2(t, qPrintable(full));
            QCOMPARE(QString::fromLatin1(qd::ggmlTypeName(t->type).data()), typeName);
            QCOMPARE(t->nElements, r.nElements);
            QString error;
            const auto ours = dequantize(pure, *t, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            const auto theirs = floatsOf(*ref, r);
            uint64_t inexact = 0;
            for (size_t i = 0; i < ours.size(); ++i) {
                if (ours[i] == theirs[i]) continue;
                ++inexact;
                const double tol = 1e-6 * std::max(std::fabs(double(theirs[i])), 1e-30);
                QVERIFY2(std::fabs(double(ours[i]) - double(theirs[i])) <= tol,
                         qPrintable(QString("%1[%2]: %3 vs llama.cpp %4").arg(full).arg(i).arg(ours[i]).arg(theirs[i])));
            }
            // Our build (baseline x86-64, no FMA contraction) computes every product exactly as ggml's does.
            QCOMPARE(inexact, uint64_t(0));
            ++compared;
        }
        QVERIFY(compared >= 22);  // at least two tensors for each of the 11 pure types
    }

    // Every mix: bytes of every tensor, and a sane dequantization.
    void mixesAreByteIdenticalAndSane_data() {
        QTest::addColumn<QString>("path");
        QDir dir(fixturesDir());
        const QStringList names = dir.entryList({"shakespeare-*.gguf"}, QDir::Files, QDir::Name);
        int mixes = 0;
        for (const QString& n : names) {
            if (n == "shakespeare-F32.gguf") continue;
            QTest::newRow(qPrintable(n)) << dir.absoluteFilePath(n);
            ++mixes;
        }
        QVERIFY(mixes >= 18);
    }

    void mixesAreByteIdenticalAndSane() {
        QFETCH(QString, path);
        compareFileWithOurs(path, std::nullopt);

        auto file = qd::GgufFile::open(path.toStdString());
        QVERIFY(file.ok());
        for (const auto& t : file->tensors()) {
            QString error;
            const auto values = dequantize(*file, t, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY2(allFinite(values), t.name.c_str());
            const auto src = floatsOf(*m_f32, *m_f32->findTensor(t.name));
            const double rel = rmsDiff(values, src) / rms(src);
            double& worst = m_worstRelativeRmse[std::string(qd::ggmlTypeName(t.type))];
            worst = std::max(worst, rel);
            QVERIFY2(rel <= relativeRmseBound(t.type),
                     qPrintable(QString("%1 (%2): relative RMSE %3 above %4")
                                    .arg(QString::fromStdString(t.name), qd::ggmlTypeName(t.type).data())
                                    .arg(rel)
                                    .arg(relativeRmseBound(t.type))));
        }
    }
};

QTEST_GUILESS_MAIN(TestQuantFixtures)
#include "test_quant_fixtures.moc"
