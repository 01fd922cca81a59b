// The fast engine on architectures the shakespeare model does not cover: Qwen2 (NEOX rotary layout,
// attention biases) and tied embeddings, imported from checkpoints this test writes, against the
// reference forward pass.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>

#include "checkpoint_writer.h"
#include "reference_logits.h"
#include "core/convert/import_model.h"
#include "core/engine/model.h"
#include "core/model/reference_model.h"

using namespace qd;

namespace {

// The test writer's weights are multiples of 1/64 in [-4, 4); scaled down to a trained model's range
// so attention does not saturate and the rotary embedding actually matters.
void scaleWeights(std::vector<testutil::StTensorSpec>& tensors, float factor) {
    for (auto& t : tensors) {
        std::vector<float> v(static_cast<size_t>(t.data.size()) / 4);
        std::memcpy(v.data(), t.data.constData(), t.data.size());
        for (float& x : v) x *= factor;
        t.data = testutil::floatsToBytes(v);
    }
}

double maxLogitDifference(const std::string& gguf, GemmMode mode) {
    auto file = GgufFile::open(gguf);
    if (!file) return 1e9;
    auto ref = ReferenceModel::load(*file, 32);
    EngineOptions opt;
    opt.contextLength = 32;
    opt.threads = 2;
    opt.gemm = mode;
    auto fast = Model::load(gguf, opt);
    if (!ref || !fast) return 1e9;
    const std::vector<int32_t> ids = {5, 17, 200, 33, 100, 7, 250, 42, 9, 120, 64, 3};
    std::vector<float> logits;
    if (!(*fast)->eval(ids, 0, logits, true)) return 1e9;
    const auto d = testref::compareWithReference(*ref, ids, logits, (*fast)->config().vocabSize);
    return d.ok ? d.maxDiff : 1e9;
}

}  // namespace

class TestArchitectures : public QObject {
    Q_OBJECT

private slots:
    void fastPathMatchesReference_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<bool>("tied");
        QTest::newRow("qwen2") << "Qwen2ForCausalLM" << false;
        QTest::newRow("qwen2 tied") << "Qwen2ForCausalLM" << true;
        QTest::newRow("llama tied") << "LlamaForCausalLM" << true;
        QTest::newRow("mistral") << "MistralForCausalLM" << false;
    }
    void fastPathMatchesReference() {
        QFETCH(QString, architecture);
        QFETCH(bool, tied);
        QTemporaryDir dir;
        testutil::TinyModel m;
        m.architecture = architecture;
        m.tied = tied;
        m.biases = architecture.startsWith("Qwen2");
        m.embd = 128;
        m.heads = 4;
        m.kvHeads = 2;
        m.ffn = 192;
        m.vocab = 300;
        const QString folder = dir.filePath("hf");
        QVERIFY(QDir().mkpath(folder));
        auto tensors = testutil::tinyTensors(m);
        scaleWeights(tensors, 1.0f / 32.0f);
        QVERIFY(testutil::writeSafetensors(folder + "/model.safetensors", tensors));
        QVERIFY(testutil::writeJson(folder + "/config.json", testutil::tinyConfig(m)));
        testutil::writeByteLevelTokenizer(folder, m.vocab);

        const std::string out = dir.filePath("model.gguf").toStdString();
        ImportOptions io;
        io.type = ImportType::F32;
        auto imported = importModel(folder.toStdString(), out, io);
        QVERIFY2(imported.ok(), imported.ok() ? "" : imported.message().c_str());
        auto file = GgufFile::open(out);
        QVERIFY(file.ok());
        QCOMPARE(file->findTensor("output.weight") == nullptr, tied);
        auto config = loadModelConfig(*file);
        QVERIFY(config.ok());
        QCOMPARE(config->arch->find(TensorRole::AttnQ)->bias == Need::Required, m.biases);
        QCOMPARE(config->ropeLayout == RopeLayout::Neox, m.biases);

        // F32 weights: only the F16 KV cache separates the two paths.
        const double dot = maxLogitDifference(out, GemmMode::DotKernels);
        const double blas = maxLogitDifference(out, GemmMode::Blas);
        QVERIFY2(dot < 2e-2, qPrintable(QString("dot kernels: %1").arg(dot)));
        QVERIFY2(blas < 2e-2, qPrintable(QString("OpenBLAS: %1").arg(blas)));
    }
};

QTEST_GUILESS_MAIN(TestArchitectures)
#include "test_architectures.moc"
