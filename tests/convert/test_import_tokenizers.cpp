// The tokenizers the families' published checkpoints ship, through the importer: the pre-tokenizer each
// tokenizer.json describes must get the tokenizer.ggml.pre name llama.cpp gives it, and the imported
// vocabulary must then encode text as the original tokenizer does.
//
// - Falcon: ../shared/vocab/ggml-vocab-falcon.gguf is llama.cpp's conversion of tiiuae/falcon-7b's
//   tokenizer. A tokenizer.json is rebuilt from it (vocabulary, merges, added tokens) with Falcon's
//   published pre_tokenizer section; importing it must give llama.cpp's tokenizer metadata back, value
//   for value, and encode llama.cpp's Falcon test inputs to the ids in ggml-vocab-falcon.gguf.out.
// - BLOOM (bloomz, Phoenix): the trained shakespeare-bloom tokenizer.json with BLOOM's published
//   pre_tokenizer put in, and a few merges first that cross GPT-2's piece boundaries (so a split that is
//   wrong anywhere shows in the ids); the expected ids (data/bloom-split.out) are what Hugging Face's
//   `tokenizers` library gives with that same file for llama.cpp's test inputs and data/bloom-split.inp
//   (make_bloom_split_vectors.py says how they were made).
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/common/json.h"
#include "core/convert/hf_vocab.h"
#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_writer.h"
#include "core/tokenizer/tokenizer.h"
#include "test_files.h"
#include "vocab_vectors.h"

using namespace qd;

namespace {

const std::string kShared = QD_SHARED_DIR;

// BLOOM's and Falcon's pre_tokenizer sections as bigscience/bloom's and tiiuae/falcon-7b's
// tokenizer.json files have them.
const char* const kBloomPreTokenizer = R"({"type": "Sequence", "pretokenizers": [
  {"type": "Split", "pattern": {"Regex": " ?[^(\\s|[.,!?…。，、।۔،])]+"}, "behavior": "Isolated", "invert": false},
  {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false}]})";
const char* const kFalconPreTokenizer = R"({"type": "Sequence", "pretokenizers": [
  {"type": "Punctuation", "behavior": "Contiguous"},
  {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
  {"type": "Digits", "individual_digits": false},
  {"type": "Split", "pattern": {"Regex": "[0-9][0-9][0-9]"}, "behavior": "Isolated", "invert": false}]})";

Json parsed(std::string_view text) {
    auto j = Json::parse(text);
    if (!j) qFatal("bad JSON in the test: %s", j.message().c_str());
    return *j;
}

void writeFile(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

const GgufValue* findKey(const std::vector<GgufKeyValue>& kvs, std::string_view key) {
    for (const GgufKeyValue& kv : kvs)
        if (kv.key == key) return &kv.value;
    return nullptr;
}

std::string preName(const HfVocab& vocab) {
    const GgufValue* v = findKey(vocab.metadata, "tokenizer.ggml.pre");
    return v && v->toString() ? *v->toString() : std::string();
}

// A vocabulary-only GGUF of the imported metadata, opened as the tokenizer the engine would use.
Result<Tokenizer> tokenizerOf(const HfVocab& vocab, const std::filesystem::path& dir, const std::string& arch) {
    GgufWriter w;
    w.set("general.architecture", GgufValue::string(arch));
    for (const GgufKeyValue& kv : vocab.metadata) w.set(kv.key, kv.value);
    const auto path = dir / "vocab.gguf";
    if (auto st = w.write(path, [](size_t, const GgufTensorInfo&, TensorSink&) { return Status{}; }); !st)
        return st.error();
    auto file = GgufFile::open(path);
    if (!file) return file.error();
    return Tokenizer::fromGguf(*file);
}

// How many of `inputs` encode differently from `expected` (each difference printed).
int mismatches(const Tokenizer& tok, const std::vector<std::string>& inputs,
               const std::vector<std::vector<int32_t>>& expected, const char* what) {
    int failures = 0;
    for (size_t i = 0; i < inputs.size() && i < expected.size(); ++i) {
        const std::vector<int32_t> got = tok.encode(inputs[i], false, false);
        if (got != expected[i]) {
            ++failures;
            qWarning("%s #%zu '%s'\n  expected %s\n  got      %s", what, i, inputs[i].c_str(),
                     vocabvectors::idsText(expected[i]).c_str(), vocabvectors::idsText(got).c_str());
        }
    }
    return failures;
}

std::vector<std::string> testInputs() {
    return vocabvectors::splitInputs(testfiles::readText(QString::fromStdString(kShared + "/vocab/ggml-vocab-falcon.gguf.inp")));
}

const QString kData = QStringLiteral(QD_SOURCE_DIR "/tests/convert/data/");

// shakespeare-bloom's tokenizer.json with BLOOM's split and the extra merges ranked first, each merge's
// result a new token after the last id (as make_bloom_split_vectors.py builds it).
Json bloomSplitTokenizer(const std::string& folder) {
    Json tok = parsed(testfiles::readText(QString::fromStdString(folder + "/tokenizer.json")));
    tok.set("pre_tokenizer", parsed(kBloomPreTokenizer));
    Json model = tok["model"];
    Json vocab = model["vocab"];
    Json merges = Json::array();
    const QStringList extra = QString::fromStdString(testfiles::readText(kData + "bloom-split-merges.txt"))
                                  .split('\n', Qt::SkipEmptyParts);
    int64_t next = int64_t(vocab.size());
    for (const QString& m : extra) {
        vocab.set(QString(m).remove(' ').toStdString(), Json(next++));
        merges.push(Json(m.toStdString()));
    }
    for (const Json& m : model["merges"].items()) merges.push(m);
    model.set("vocab", std::move(vocab));
    model.set("merges", std::move(merges));
    tok.set("model", std::move(model));
    return tok;
}

}  // namespace

class TestImportTokenizers : public QObject {
    Q_OBJECT
private slots:
    void falconTokenizerJsonImportsAsLlamaCppConvertedIt() {
        auto vocabFile = GgufFile::open(kShared + "/vocab/ggml-vocab-falcon.gguf");
        QVERIFY2(vocabFile.ok(), vocabFile.ok() ? "" : vocabFile.message().c_str());
        const GgufValue* tokens = vocabFile->find("tokenizer.ggml.tokens");
        const GgufValue* types = vocabFile->find("tokenizer.ggml.token_type");
        const GgufValue* merges = vocabFile->find("tokenizer.ggml.merges");
        QVERIFY(tokens && types && merges);
        const auto& tokenList = tokens->arrayStrings();
        QCOMPARE(tokenList.size(), size_t(65024));

        // tokenizer.json as the Hugging Face library writes it: added tokens for the non-normal entries.
        std::string json = "{\"version\": \"1.0\", \"added_tokens\": [";
        bool first = true;
        for (size_t i = 0; i < tokenList.size(); ++i) {
            const int64_t type = types->arrayInt(i);
            if (type == int64_t(GgufTokenType::Normal)) continue;
            json += std::string(first ? "" : ", ") + "{\"id\": " + std::to_string(i) + ", \"content\": " +
                    Json::quote(tokenList[i]) + ", \"special\": " +
                    (type == int64_t(GgufTokenType::Control) ? "true" : "false") + "}";
            first = false;
        }
        json += std::string("], \"normalizer\": null, \"pre_tokenizer\": ") + kFalconPreTokenizer +
                ", \"decoder\": {\"type\": \"ByteLevel\", \"add_prefix_space\": true, \"trim_offsets\": true, "
                "\"use_regex\": true}, \"model\": {\"type\": \"BPE\", \"vocab\": {";
        for (size_t i = 0; i < tokenList.size(); ++i)
            json += (i ? ", " : "") + Json::quote(tokenList[i]) + ": " + std::to_string(i);
        json += "}, \"merges\": [";
        for (size_t i = 0; i < merges->arrayStrings().size(); ++i)
            json += (i ? ", " : "") + Json::quote(merges->arrayStrings()[i]);
        json += "]}}";

        QTemporaryDir tmp;
        const std::filesystem::path dir = tmp.path().toStdString();
        writeFile(dir / "tokenizer.json", json);
        // falcon-7b's config.json names BOS and EOS (both <|endoftext|>, 11).
        const Json config = parsed(R"({"vocab_size": 65024, "bos_token_id": 11, "eos_token_id": 11})");
        auto vocab = importHfVocab(dir, config);
        QVERIFY2(vocab.ok(), vocab.ok() ? "" : vocab.message().c_str());
        QCOMPARE(preName(*vocab), std::string("falcon"));

        // Every tokenizer key llama.cpp's converter wrote, with the same value.
        int keys = 0;
        for (const GgufKeyValue& kv : vocabFile->metadata()) {
            if (kv.key.rfind("tokenizer.", 0) != 0) continue;
            const GgufValue* ours = findKey(vocab->metadata, kv.key);
            QVERIFY2(ours, kv.key.c_str());
            QVERIFY2(*ours == kv.value, (kv.key + ": ours " + ours->display() + ", llama.cpp " + kv.value.display()).c_str());
            ++keys;
        }
        QCOMPARE(keys, 7);

        auto tok = tokenizerOf(*vocab, dir, "falcon");
        QVERIFY2(tok.ok(), tok.ok() ? "" : tok.message().c_str());
        const auto inputs = testInputs();
        const auto expected = vocabvectors::readExpected(
            testfiles::readText(QString::fromStdString(kShared + "/vocab/ggml-vocab-falcon.gguf.out")));
        QCOMPARE(inputs.size(), expected.size());
        QVERIFY(inputs.size() >= 40);
        QCOMPARE(mismatches(*tok, inputs, expected, "falcon"), 0);
    }

    void bloomTokenizerJsonEncodesAsHuggingFaceDoes() {
        const std::string folder = kShared + "/models/shakespeare-bloom";
        const Json tokenizer = bloomSplitTokenizer(folder);
        const int64_t tokens = int64_t(tokenizer["model"]["vocab"].size());
        QCOMPARE(tokens, int64_t(1024 + 19));
        QTemporaryDir tmp;
        const std::filesystem::path dir = tmp.path().toStdString();
        writeFile(dir / "tokenizer.json", tokenizer.dump());
        writeFile(dir / "tokenizer_config.json", testfiles::readText(QString::fromStdString(folder + "/tokenizer_config.json")));
        Json config = parsed(testfiles::readText(QString::fromStdString(folder + "/config.json")));
        config.set("vocab_size", Json(tokens));
        auto vocab = importHfVocab(dir, config);
        QVERIFY2(vocab.ok(), vocab.ok() ? "" : vocab.message().c_str());
        QCOMPARE(preName(*vocab), std::string("bloom"));

        auto tok = tokenizerOf(*vocab, dir, "bloom");
        QVERIFY2(tok.ok(), tok.ok() ? "" : tok.message().c_str());
        auto inputs = testInputs();
        const size_t llamaCppInputs = inputs.size();
        for (std::string& s : vocabvectors::splitInputs(testfiles::readText(kData + "bloom-split.inp")))
            inputs.push_back(std::move(s));
        QVERIFY(inputs.size() > llamaCppInputs + 5);
        const auto expected = vocabvectors::readExpected(testfiles::readText(kData + "bloom-split.out"));
        QCOMPARE(inputs.size(), expected.size());
        QCOMPARE(mismatches(*tok, inputs, expected, "bloom"), 0);

        // The split matters on these inputs: the same vocabulary read as GPT-2-split encodes some of them
        // differently, so the comparison above tests where the pieces end, not only the merges.
        tmp.remove();
        QTemporaryDir tmp2;
        Json gpt2Tokenizer = tokenizer;
        gpt2Tokenizer.set("pre_tokenizer", parsed(R"({"type": "ByteLevel", "add_prefix_space": false, "use_regex": true})"));
        writeFile(std::filesystem::path(tmp2.path().toStdString()) / "tokenizer.json", gpt2Tokenizer.dump());
        auto gpt2Vocab = importHfVocab(tmp2.path().toStdString(), config);
        QVERIFY2(gpt2Vocab.ok(), gpt2Vocab.ok() ? "" : gpt2Vocab.message().c_str());
        QCOMPARE(preName(*gpt2Vocab), std::string("gpt-2"));
        auto gpt2 = tokenizerOf(*gpt2Vocab, tmp2.path().toStdString(), "bloom");
        QVERIFY(gpt2.ok());
        int differing = 0;
        for (size_t i = 0; i < inputs.size(); ++i)
            if (gpt2->encode(inputs[i], false, false) != expected[i]) ++differing;
        QVERIFY2(differing >= 5, qPrintable(QString("only %1 inputs differ under GPT-2's split").arg(differing)));
    }

    // Near misses are refused by name rather than guessed: each changes one detail that changes the
    // pieces (digits one by one; a BLOOM-like split without the CJK stops; a prefix space).
    void nearMissesAreRefused_data() {
        QTest::addColumn<QString>("pre");
        QTest::newRow("falcon, single digits") << QString::fromUtf8(kFalconPreTokenizer).replace(
            "\"individual_digits\": false", "\"individual_digits\": true");
        QTest::newRow("falcon, no digit triples") << QString::fromUtf8(kFalconPreTokenizer).replace("[0-9][0-9][0-9]", "[0-9][0-9]");
        QTest::newRow("bloom, fewer stops") << QString::fromUtf8(kBloomPreTokenizer).replace("…。，、", "");
        QTest::newRow("bloom, prefix space") << QString::fromUtf8(kBloomPreTokenizer).replace(
            "\"add_prefix_space\": false", "\"add_prefix_space\": true");
    }

    void nearMissesAreRefused() {
        QFETCH(QString, pre);
        Json tok = Json::object();
        tok.set("pre_tokenizer", parsed(pre.toStdString()));
        auto name = identifyPreTokenizer(tok);
        QVERIFY2(!name.ok(), name.ok() ? name->c_str() : "");
        QVERIFY(QString::fromStdString(name.message()).contains("not one the importer recognises"));
    }
};

QTEST_GUILESS_MAIN(TestImportTokenizers)
#include "test_import_tokenizers.moc"
