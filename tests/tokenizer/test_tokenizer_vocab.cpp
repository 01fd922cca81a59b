// llama.cpp's tokenizer test vectors: for every ../shared/vocab/X.gguf with X.gguf.inp / X.gguf.out,
// each input (the .inp file's stretches between lines "__ggml_vocab_test__") must encode to the ids on
// the matching .out line. Like llama.cpp's test-tokenizer-0: no BOS/EOS added, special tokens not
// parsed, and the newline before each separator line belongs to the separator.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/gguf/gguf_file.h"
#include "core/tokenizer/tokenizer.h"
#include "vocab_vectors.h"

namespace {

std::string readAll(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

using vocabvectors::idsText;
using vocabvectors::readExpected;
using vocabvectors::splitInputs;

class TestTokenizerVocab : public QObject {
    Q_OBJECT
private slots:
    void vectors_data() {
        QTest::addColumn<QString>("name");
        const char* names[] = {"bert-bge", "deepseek-coder", "deepseek-llm", "falcon", "gpt-2",
                               "llama-spm", "mpt", "phi-3", "refact", "starcoder"};
        for (const char* n : names) QTest::newRow(n) << QString::fromUtf8(n);
    }

    void vectors() {
        QFETCH(QString, name);
        const std::filesystem::path dir = std::filesystem::path(QD_SHARED_DIR) / "vocab";
        const std::filesystem::path gguf = dir / ("ggml-vocab-" + name.toStdString() + ".gguf");
        auto file = qd::GgufFile::open(gguf);
        QVERIFY2(file.ok(), file.ok() ? "" : file.message().c_str());
        auto tok = qd::Tokenizer::fromGguf(*file);
        QVERIFY2(tok.ok(), tok.ok() ? "" : tok.message().c_str());

        const auto inputs = splitInputs(readAll(gguf.string() + ".inp"));
        const auto expected = readExpected(readAll(gguf.string() + ".out"));
        QCOMPARE(inputs.size(), expected.size());
        QVERIFY(inputs.size() >= 40);

        int failures = 0;
        for (size_t i = 0; i < inputs.size(); ++i) {
            const std::vector<int32_t> got = tok->encode(inputs[i], false, false);
            if (got != expected[i]) {
                ++failures;
                qWarning("%s #%zu '%s'\n  expected %s\n  got      %s", qPrintable(name), i, inputs[i].c_str(),
                         idsText(expected[i]).c_str(), idsText(got).c_str());
            }
        }
        qInfo("%s: %zu/%zu inputs match", qPrintable(name), inputs.size() - failures, inputs.size());
        QCOMPARE(failures, 0);
    }
};

QTEST_GUILESS_MAIN(TestTokenizerVocab)
#include "test_tokenizer_vocab.moc"
