// Tokenizer behaviour beyond llama.cpp's vocab vectors: the Shakespeare model's ids as llama.cpp
// produced them (reference.json), decoding, streaming, special tokens, malformed metadata, the
// Unicode tables and the pre-tokenizers without test vectors.
#include <QtTest>

#include <QElapsedTimer>
#include <QRandomGenerator>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/common/json.h"
#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_writer.h"
#include "core/tokenizer/pre_tokenizer.h"
#include "core/tokenizer/tokenizer.h"
#include "core/tokenizer/unicode.h"

namespace {

const std::filesystem::path kShared = QD_SHARED_DIR;

std::string readAll(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<int32_t> jsonIds(const qd::Json& a) {
    std::vector<int32_t> ids;
    for (const qd::Json& v : a.items()) ids.push_back(static_cast<int32_t>(v.toInt()));
    return ids;
}

bool validUtf8(std::string_view s) {
    for (size_t pos = 0; pos < s.size();) {
        const size_t start = pos;
        const uint32_t cp = qd::decodeUtf8At(s, pos);
        if (cp == qd::kReplacementChar && pos - start == 1) return false;
    }
    return true;
}

// Words the pre-tokenizer makes of `text`, as UTF-8 strings.
std::vector<std::string> words(qd::PreTokenizerKind kind, std::string_view text) {
    const std::vector<uint32_t> cps = qd::decodeUtf8(text);
    std::vector<size_t> ends;
    qd::preTokenize(kind, cps, ends);
    std::vector<std::string> out;
    size_t begin = 0;
    for (size_t end : ends) {
        std::string w;
        for (size_t i = begin; i < end; ++i) qd::appendUtf8(w, cps[i]);
        out.push_back(w);
        begin = end;
    }
    return out;
}

struct Loaded {
    std::vector<uint8_t> bytes;  // GgufFile::parse keeps a view of these
    qd::Result<qd::GgufFile> file = qd::fail("not parsed");
};

std::unique_ptr<Loaded> parseHeader(const qd::GgufWriter& w) {
    auto l = std::make_unique<Loaded>();
    l->bytes = w.header();
    l->file = qd::GgufFile::parse(l->bytes);
    return l;
}

// A five-token SentencePiece vocabulary whose scores force a particular merge order.
qd::GgufWriter tinySpm() {
    qd::GgufWriter w;
    w.set("tokenizer.ggml.model", qd::GgufValue::string("llama"));
    const std::vector<std::string> tokens = {"<unk>", "<s>", "</s>", "\xE2\x96\x81", "a", "b", "ab", "\xE2\x96\x81" "a", "<0x63>"};
    w.set("tokenizer.ggml.tokens", qd::GgufValue::stringArray(tokens));
    w.set("tokenizer.ggml.scores",
          qd::GgufValue::arrayOf(qd::GgufValueType::Float32, std::vector<float>{0, 0, 0, -1, -2, -2, -0.5f, -3, 0}));
    w.set("tokenizer.ggml.token_type",
          qd::GgufValue::arrayOf(qd::GgufValueType::Int32, std::vector<int32_t>{2, 3, 3, 1, 1, 1, 1, 1, 6}));
    return w;
}

}  // namespace

class TestTokenizer : public QObject {
    Q_OBJECT

    qd::Result<qd::GgufFile> m_file = qd::fail("not loaded");
    qd::Tokenizer m_tok;
    qd::Json m_ref;

    qd::Tokenizer vocab(const char* name) {
        auto f = qd::GgufFile::open(kShared / "vocab" / (std::string("ggml-vocab-") + name + ".gguf"));
        if (!f) return {};
        auto t = qd::Tokenizer::fromGguf(*f);
        return t ? *t : qd::Tokenizer();
    }

private slots:
    void initTestCase() {
        m_file = qd::GgufFile::open(kShared / "fixtures/llamacpp/shakespeare-F32.gguf");
        QVERIFY2(m_file.ok(), m_file.ok() ? "" : m_file.message().c_str());
        auto tok = qd::Tokenizer::fromGguf(*m_file);
        QVERIFY2(tok.ok(), tok.ok() ? "" : tok.message().c_str());
        m_tok = *tok;
        auto ref = qd::Json::parse(readAll(kShared / "fixtures/llamacpp/reference.json"));
        QVERIFY2(ref.ok(), ref.ok() ? "" : ref.message().c_str());
        m_ref = *ref;
    }

    void shakespeareMetadata() {
        QCOMPARE(m_tok.model(), qd::TokenizerModel::SentencePiece);
        QCOMPARE(m_tok.vocabSize(), size_t(1024));
        QCOMPARE(m_tok.bos(), 1);
        QCOMPARE(m_tok.eos(), 2);
        QCOMPARE(m_tok.unk(), 0);
        QVERIFY(m_tok.addsBos());
        QVERIFY(!m_tok.addsEos());
        QVERIFY(m_tok.addsSpacePrefix());
        QCOMPARE(m_tok.tokenText(13), std::string_view("<0x0A>"));
        QCOMPARE(m_tok.newline(), 13);
        QVERIFY(m_tok.isEndOfGeneration(2));
        QVERIFY(!m_tok.isEndOfGeneration(1));
        QCOMPARE(m_tok.endOfGenerationIds(), std::vector<int32_t>{2});
    }

    // reference.json "tokens": llama.cpp's ids for the held-out text, BOS added, special tokens parsed.
    void heldOutTextMatchesLlamaCpp() {
        const qd::Json& t = m_ref["tokens"];
        QCOMPARE(t["model"].toString(), std::string("shakespeare-F32.gguf"));
        QVERIFY(t["add_bos"].toBool());
        const std::vector<int32_t> expected = jsonIds(t["heldout_text_ids"]);
        QCOMPARE(expected.size(), size_t(32042));
        const std::string text = readAll(kShared / "text/shakespeare-val.txt");
        const auto start = std::chrono::steady_clock::now();
        const std::vector<int32_t> got = m_tok.encode(text, true, true);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        qInfo("encoded %zu bytes into %zu tokens in %.1f ms", text.size(), got.size(), ms);
        QCOMPARE(got.size(), expected.size());
        size_t firstDiff = 0;
        while (firstDiff < got.size() && got[firstDiff] == expected[firstDiff]) ++firstDiff;
        QCOMPARE(firstDiff, got.size());
    }

    void referenceStringsMatchLlamaCpp() {
        const qd::Json& strings = m_ref["tokens"]["strings"];
        QCOMPARE(strings.size(), size_t(7));
        for (const std::string& key : {std::string("Hello world"), std::string(" Hello world"), std::string("ROMEO:\nWhat, then?"),
                                       std::string("  two  spaces\n\n"), std::string("\xC3\x86\xC3\x98\xC3\x85 \xC3\xB1 \xE4\xBD\xA0\xE5\xA5\xBD \xF0\x9F\x99\x82"),
                                       std::string("1234567890"), std::string("<s> literal")}) {
            const qd::Json* ids = strings.find(key);
            QVERIFY2(ids, key.c_str());
            QCOMPARE(m_tok.encode(key, true, true), jsonIds(*ids));
        }
    }

    void specialTokensParsedOnlyWhenAsked() {
        // "<s>" is a control token: one id when parsing specials, plain text otherwise.
        const std::vector<int32_t> parsed = m_tok.encode("<s> literal", false, true);
        QCOMPARE(parsed.front(), 1);
        const std::vector<int32_t> plain = m_tok.encode("<s> literal", false, false);
        QVERIFY(std::find(plain.begin(), plain.end(), 1) == plain.end());
        QCOMPARE(m_tok.decode(plain), std::string("<s> literal"));
        // Control tokens decode to nothing unless rendered.
        QCOMPARE(m_tok.tokenToPiece(1), std::string());
        QCOMPARE(m_tok.tokenToPiece(1, true), std::string("<s>"));
        // The raw text after a special token gets SentencePiece's space prefix, which decoding keeps.
        QCOMPARE(m_tok.decode(parsed, {false, true}), std::string("<s>  literal"));
        // Out of range ids are harmless.
        QCOMPARE(m_tok.tokenToPiece(-5), std::string());
        QCOMPARE(m_tok.tokenToPiece(1 << 20), std::string());
    }

    void pieces() {
        QCOMPARE(m_tok.tokenToPiece(960), std::string(" "));  // "▁"
        QCOMPARE(m_tok.tokenToPiece(13), std::string("\n"));  // <0x0A>
        QCOMPARE(m_tok.tokenToPiece(198), std::string("\xC3"));  // <0xC3>: half of a character
    }

    void roundTripShakespeare() {
        const std::string text = readAll(kShared / "text/shakespeare-val.txt");
        QCOMPARE(m_tok.decode(m_tok.encode(text, false, false)), text);
        // As in llama.cpp's detokenize, the prefix space is only dropped when the ids do not start
        // with BOS (with BOS the caller is assumed to show the space).
        QCOMPARE(m_tok.decode(m_tok.encode(text, true, false), {true, false}), " " + text);
        const std::string mixed = "\xC3\x86\xC3\x98\xC3\x85 \xC3\xB1 \xE4\xBD\xA0\xE5\xA5\xBD \xF0\x9F\x99\x82 tab\there";
        QCOMPARE(m_tok.decode(m_tok.encode(mixed, false, false)), mixed);
    }

    void roundTripOtherVocabularies_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"gpt-2", "llama-spm", "deepseek-llm", "deepseek-coder", "falcon", "starcoder", "refact",
                              "mpt", "gpt-neox", "baichuan", "phi-3"})
            QTest::newRow(n) << QString::fromUtf8(n);
    }
    void roundTripOtherVocabularies() {
        QFETCH(QString, name);
        const qd::Tokenizer tok = vocab(name.toUtf8().constData());
        QVERIFY(tok.vocabSize() > 0);
        // No " ," / " 's" sequences, so BPE's clean-up leaves the text alone.
        const std::string text = "Hello world! 3333 apples\n\n\tcost \xE2\x82\xAC" "5.20; \xD0\xBD\xD0\xB5\xD1\x89\xD0\xBE \xF0\x9F\xA6\x99.cpp";
        QCOMPARE(tok.decode(tok.encode(text, false, false)), text);
    }

    // Random input never produces an id outside the vocabulary or invalid streamed text; SentencePiece
    // with byte fallback and byte-level BPE reproduce any valid UTF-8 exactly. (Not arbitrary bytes:
    // a stray lead byte before a space swallows part of the "▁" the space became, as in llama.cpp.)
    void randomInput() {
        const qd::Tokenizer gpt2 = vocab("gpt-2");
        const qd::Tokenizer deepseek = vocab("deepseek-llm");
        const qd::Tokenizer bert = vocab("bert-bge");
        QVERIFY(gpt2.vocabSize() > 0 && deepseek.vocabSize() > 0 && bert.vocabSize() > 0);
        QRandomGenerator rng(1234);
        for (int round = 0; round < 150; ++round) {
            std::string bytes;
            const int n = int(rng.bounded(1, 120));
            for (int i = 0; i < n; ++i) bytes.push_back(static_cast<char>(rng.bounded(256)));
            std::string text;  // valid UTF-8 from random code points, no spaces (BPE decoding tidies " ,")
            for (int i = 0; i < n / 3 + 1; ++i) {
                uint32_t cp = rng.bounded(2) ? rng.bounded(0x21u, 0x7Fu) : rng.bounded(0x80u, 0x30000u);
                if (cp >= 0xD800 && cp <= 0xDFFF) cp = 'x';
                qd::appendUtf8(text, cp);
            }
            for (const qd::Tokenizer* tok : {static_cast<const qd::Tokenizer*>(&m_tok), &gpt2, &deepseek, &bert}) {
                for (const std::string* input : {&bytes, &text}) {
                    const std::vector<int32_t> ids = tok->encode(*input, true, true);
                    qd::StreamingDecoder dec(*tok, true);
                    for (int32_t id : ids) {
                        QVERIFY(id >= 0 && size_t(id) < tok->vocabSize());
                        QVERIFY(validUtf8(dec.push(id)));
                    }
                    QVERIFY(validUtf8(dec.flush()));
                }
            }
            QCOMPARE(m_tok.decode(m_tok.encode(text, false, false)), text);
            QCOMPARE(gpt2.decode(gpt2.encode(text, false, false)), text);
        }
    }

    void adversarialInputStaysFast() {
        // Long runs of one character class exercise every scanner's worst case; each must stay linear.
        const qd::Tokenizer deepseek = vocab("deepseek-llm");
        QVERIFY(deepseek.vocabSize() > 0);
        const std::string spaces = std::string(20000, ' ') + "x" + std::string(20000, '\t');
        const std::string digits(20000, '7');
        QElapsedTimer timer;
        timer.start();
        for (const std::string* s : {&spaces, &digits}) {
            QVERIFY(!m_tok.encode(*s, false, false).empty());
            QVERIFY(!deepseek.encode(*s, false, false).empty());
        }
        qInfo("adversarial inputs: %lld ms", static_cast<long long>(timer.elapsed()));
    }

    void bpeDecodeCleansSpacesLikeLlamaCpp() {
        const qd::Tokenizer gpt2 = vocab("gpt-2");
        QVERIFY(gpt2.vocabSize() > 0);
        QCOMPARE(gpt2.decode(gpt2.encode("a , b . it 's", false, false)), std::string("a, b. it's"));
    }

    void streamingDecoderHoldsBackSplitCharacters() {
        // ÆØÅ ñ 你好 🙂 becomes byte tokens in this 1024-token vocabulary.
        const std::string text = "\xC3\x86\xC3\x98\xC3\x85 \xC3\xB1 \xE4\xBD\xA0\xE5\xA5\xBD \xF0\x9F\x99\x82";
        const std::vector<int32_t> ids = m_tok.encode(text, false, false);
        qd::StreamingDecoder dec(m_tok, false, true);
        std::string all;
        int heldBack = 0;
        for (int32_t id : ids) {
            const std::string out = dec.push(id);
            QVERIFY(validUtf8(out));
            if (out.empty() && dec.pendingBytes() > 0) ++heldBack;
            all += out;
        }
        QCOMPARE(dec.pendingBytes(), size_t(0));
        all += dec.flush();
        QCOMPARE(all, text);
        QVERIFY(heldBack >= 6);  // every multi-byte character waited for its last byte

        // The emoji arrives one byte token at a time: nothing, nothing, nothing, then all four bytes.
        qd::StreamingDecoder emoji(m_tok);
        const int32_t f0 = m_tok.findToken("<0xF0>"), x9f = m_tok.findToken("<0x9F>"), x99 = m_tok.findToken("<0x99>"),
                      x82 = m_tok.findToken("<0x82>");
        QVERIFY(f0 >= 0 && x9f >= 0 && x99 >= 0 && x82 >= 0);
        QCOMPARE(emoji.push(f0), std::string());
        QCOMPARE(emoji.push(x9f), std::string());
        QCOMPARE(emoji.push(x99), std::string());
        QCOMPARE(emoji.pendingBytes(), size_t(3));
        QCOMPARE(emoji.push(x82), std::string("\xF0\x9F\x99\x82"));

        // A character that never completes becomes U+FFFD instead of broken bytes.
        qd::StreamingDecoder broken(m_tok);
        const int32_t e4 = m_tok.findToken("<0xE4>");
        QVERIFY(e4 >= 0);
        QCOMPARE(broken.push(e4), std::string());
        QCOMPARE(broken.push(m_tok.findToken("a")), std::string("\xEF\xBF\xBD" "a"));
        QCOMPARE(broken.push(e4), std::string());
        QCOMPARE(broken.flush(), std::string("\xEF\xBF\xBD"));
        QCOMPARE(broken.pendingBytes(), size_t(0));
    }

    void streamingDecoderOnByteLevelBpe() {
        // GPT-2 splits 🦙 into two tokens whose bytes only make sense together.
        const qd::Tokenizer gpt2 = vocab("gpt-2");
        QVERIFY(gpt2.vocabSize() > 0);
        const std::string text = " this is \xF0\x9F\xA6\x99.cpp";
        const std::vector<int32_t> ids = gpt2.encode(text, false, false);
        qd::StreamingDecoder dec(gpt2);
        std::string all;
        for (int32_t id : ids) {
            const std::string out = dec.push(id);
            QVERIFY(validUtf8(out));
            all += out;
        }
        all += dec.flush();
        QCOMPARE(all, text);
    }

    // reference.json's greedy continuations are llama-simple's output: every token's piece with special
    // tokens rendered, prompt included. Our streaming decoder reproduces the prompt part exactly.
    void streamingMatchesLlamaSimplePrompt() {
        const qd::Json& greedy = m_ref["greedy"];
        const std::string prompt = greedy["prompt"].toString();
        QCOMPARE(prompt, std::string("ROMEO:"));
        const std::string expected = m_ref["mixes"]["F32"]["greedy_text"].toString();
        qd::StreamingDecoder dec(m_tok, true, false);
        std::string shown;
        for (int32_t id : m_tok.encode(prompt, true, false)) shown += dec.push(id);
        QCOMPARE(shown, std::string("<s> ROMEO:"));
        QVERIFY(expected.rfind(shown, 0) == 0);
    }

    void completeUtf8Prefix() {
        QCOMPARE(qd::completeUtf8Prefix(""), size_t(0));
        QCOMPARE(qd::completeUtf8Prefix("abc"), size_t(3));
        QCOMPARE(qd::completeUtf8Prefix("ab\xC3"), size_t(2));
        QCOMPARE(qd::completeUtf8Prefix("ab\xC3\xA9"), size_t(4));
        QCOMPARE(qd::completeUtf8Prefix("\xE4\xBD"), size_t(0));
        QCOMPARE(qd::completeUtf8Prefix("x\xF0\x9F\x99"), size_t(1));
        QCOMPARE(qd::completeUtf8Prefix("\x80\x80\x80\x80"), size_t(4));  // garbage is not waited on
        QCOMPARE(qd::completeUtf8Prefix("\xC3" "A"), size_t(2));
    }

    void unicodeTables() {
        QCOMPARE(qd::unicodeClass('A'), qd::UnicodeClass::Letter);
        QCOMPARE(qd::unicodeClass(0x0663), qd::UnicodeClass::Number);      // ARABIC-INDIC DIGIT THREE
        QCOMPARE(qd::unicodeClass(0x00BD), qd::UnicodeClass::Number);      // ½
        QCOMPARE(qd::unicodeClass(0x3001), qd::UnicodeClass::Punctuation);  // 、
        QCOMPARE(qd::unicodeClass('~'), qd::UnicodeClass::Symbol);
        QCOMPARE(qd::unicodeClass(0x0301), qd::UnicodeClass::Mark);
        QCOMPARE(qd::unicodeClass(0x200D), qd::UnicodeClass::Control);     // ZERO WIDTH JOINER (Cf)
        QCOMPARE(qd::unicodeClass(0x0378), qd::UnicodeClass::Unassigned);
        QCOMPARE(qd::unicodeClass(0x1F999), qd::UnicodeClass::Symbol);     // 🦙
        QCOMPARE(qd::unicodeClass(0x110000), qd::UnicodeClass::Unassigned);
        QVERIFY(qd::isUnicodeWhitespace(0x3000));
        QVERIFY(qd::isUnicodeWhitespace(0x85));
        QVERIFY(!qd::isUnicodeWhitespace(0x200B));
        QVERIFY(!qd::isUnicodeWhitespace(0x1C));
        QCOMPARE(qd::unicodeToLower(0x03A3), uint32_t(0x03C3));  // Σ -> σ
        QCOMPARE(qd::unicodeToLower(0x0130), uint32_t('i'));
        QCOMPARE(qd::unicodeToLower('a'), uint32_t('a'));
        QCOMPARE(qd::unicodeNfdFirst(0x00E9), uint32_t('e'));     // é
        QCOMPARE(qd::unicodeNfdFirst(0xAC01), uint32_t(0x1100));  // 각 -> ᄀ
        QCOMPARE(qd::unicodeNfdFirst('x'), uint32_t('x'));
        QCOMPARE(qd::byteToBpeChar(' '), uint32_t(0x120));  // Ġ
        QCOMPARE(qd::byteToBpeChar('a'), uint32_t('a'));
        for (int b = 0; b < 256; ++b) QCOMPARE(qd::bpeCharToByte(qd::byteToBpeChar(uint8_t(b))), b);
        QCOMPARE(qd::bpeCharToByte(0x4E00), -1);
    }

    void utf8DecodingIsLenient() {
        QCOMPARE(qd::decodeUtf8("a\xFF" "b"), (std::vector<uint32_t>{'a', qd::kReplacementChar, 'b'}));
        QCOMPARE(qd::decodeUtf8("\xE4\xBD"), (std::vector<uint32_t>{qd::kReplacementChar, qd::kReplacementChar}));
        QCOMPARE(qd::decodeUtf8("\xF0\x9F\x99\x82"), (std::vector<uint32_t>{0x1F642}));
    }

    // Pre-tokenizers that have no vocab test vectors here, checked against what their expressions mean.
    void llama3PreTokenizer() {
        using K = qd::PreTokenizerKind;
        QCOMPARE(words(K::Llama3, "Hello world's 12345 test!!\n\n  ok"),
                 (std::vector<std::string>{"Hello", " world", "'s", " ", "123", "45", " test", "!!\n\n", " ", " ok"}));
        QCOMPARE(words(K::Llama3, "I'LL go  \n x"),
                 (std::vector<std::string>{"I", "'LL", " go", "  \n", " x"}));
        QCOMPARE(words(K::Qwen2, "ab 123"), (std::vector<std::string>{"ab", " ", "1", "2", "3"}));
        QCOMPARE(words(K::Gpt2, "Hello  world 42!?"),
                 (std::vector<std::string>{"Hello", " ", " world", " 42", "!?"}));
        QCOMPARE(words(K::Bloom, "Hi there, friend.\nok"),
                 (std::vector<std::string>{"Hi", " there", ",", " friend", ".\n", "ok"}));
        QVERIFY(qd::preTokenizerForName("llama-bpe").has_value());
        QVERIFY(qd::preTokenizerForName("llama-bpe")->ignoreMerges);
        QCOMPARE(words(K::Tekken, "Hello WORLD fooBar x1 \xE2\x82\xAC" "5 ok/\n"),
                 (std::vector<std::string>{"Hello", " WORLD", " foo", "Bar", " x", "1", " \xE2\x82\xAC", "5", " ok", "/\n"}));
        QCOMPARE(words(K::Tekken, "\xC3\x89" "COLE\xC3\xA9" "cole  \n\tX"),
                 (std::vector<std::string>{"\xC3\x89" "COLE\xC3\xA9" "cole", "  \n", "\tX"}));
        QVERIFY(qd::preTokenizerForName("tekken")->ignoreMerges);
        QVERIFY(!qd::preTokenizerForName("chameleon").has_value());
    }

    void tinyVocabularyMergesByScore() {
        // "ab" (-0.5) beats "▁a" (-3): " ab" must become ▁ + ab, not ▁a + b; "c" falls back to <0x63>.
        auto l = parseHeader(tinySpm());
        QVERIFY2(l->file.ok(), l->file.ok() ? "" : l->file.message().c_str());
        auto tok = qd::Tokenizer::fromGguf(*l->file);
        QVERIFY2(tok.ok(), tok.ok() ? "" : tok.message().c_str());
        QCOMPARE(tok->encode("ab", true, false), (std::vector<int32_t>{1, 3, 6}));
        QCOMPARE(tok->encode("a", false, false), (std::vector<int32_t>{7}));
        QCOMPARE(tok->encode("c", false, false), (std::vector<int32_t>{3, 8}));
        QCOMPARE(tok->encode("d", false, false), (std::vector<int32_t>{3, 0}));  // no byte token: <unk>
        QCOMPARE(tok->decode(tok->encode("abc", false, false)), std::string("abc"));
    }

    void malformedMetadataIsAnError() {
        {
            qd::GgufWriter w;  // no tokenizer at all
            auto l = parseHeader(w);
            QVERIFY(l->file.ok());
            auto tok = qd::Tokenizer::fromGguf(*l->file);
            QVERIFY(!tok.ok());
            QVERIFY(tok.message().find("tokenizer.ggml.model") != std::string::npos);
        }
        {
            qd::GgufWriter w = tinySpm();
            w.set("tokenizer.ggml.model", qd::GgufValue::string("t5"));
            auto l = parseHeader(w);
            auto tok = qd::Tokenizer::fromGguf(*l->file);
            QVERIFY(!tok.ok());
            QVERIFY(tok.message().find("not supported") != std::string::npos);
        }
        {
            qd::GgufWriter w = tinySpm();
            w.set("tokenizer.ggml.scores", qd::GgufValue::arrayOf(qd::GgufValueType::Float32, std::vector<float>{0, 0}));
            auto l = parseHeader(w);
            auto tok = qd::Tokenizer::fromGguf(*l->file);
            QVERIFY(!tok.ok());
            QVERIFY(tok.message().find("scores") != std::string::npos);
        }
        {
            qd::GgufWriter w = tinySpm();
            w.set("tokenizer.ggml.tokens", qd::GgufValue::uint32(7));
            auto l = parseHeader(w);
            auto tok = qd::Tokenizer::fromGguf(*l->file);
            QVERIFY(!tok.ok());
            QVERIFY(tok.message().find("tokenizer.ggml.tokens") != std::string::npos);
        }
        {
            qd::GgufWriter w = tinySpm();
            w.set("tokenizer.ggml.model", qd::GgufValue::string("gpt2"));  // BPE needs merges
            auto l = parseHeader(w);
            auto tok = qd::Tokenizer::fromGguf(*l->file);
            QVERIFY(!tok.ok());
            QVERIFY(tok.message().find("merges") != std::string::npos);
        }
        {
            qd::GgufWriter w = tinySpm();
            w.set("tokenizer.ggml.model", qd::GgufValue::string("gpt2"));
            w.set("tokenizer.ggml.merges", qd::GgufValue::stringArray({"a b"}));
            w.set("tokenizer.ggml.pre", qd::GgufValue::string("chameleon"));
            auto l = parseHeader(w);
            auto tok = qd::Tokenizer::fromGguf(*l->file);
            QVERIFY(!tok.ok());
            QVERIFY(tok.message().find("chameleon") != std::string::npos);
        }
        {
            // Special ids out of range keep their defaults instead of indexing past the vocabulary.
            qd::GgufWriter w = tinySpm();
            w.set("tokenizer.ggml.bos_token_id", qd::GgufValue::uint32(5000));
            w.set("tokenizer.ggml.eos_token_id", qd::GgufValue::int32(-3));
            auto l = parseHeader(w);
            auto tok = qd::Tokenizer::fromGguf(*l->file);
            QVERIFY(tok.ok());
            QCOMPARE(tok->bos(), 1);
            QCOMPARE(tok->eos(), 2);
        }
    }

    void endOfGenerationByName() {
        const qd::Tokenizer phi3 = vocab("phi-3");
        QVERIFY(phi3.vocabSize() > 0);
        const int32_t end = phi3.findToken("<|end|>");
        const int32_t eot = phi3.findToken("<|endoftext|>");
        QVERIFY(end >= 0 && eot >= 0);
        QVERIFY(phi3.isEndOfGeneration(end));
        QVERIFY(phi3.isEndOfGeneration(eot));
        QVERIFY(phi3.isEndOfGeneration(phi3.eos()));
        QVERIFY(!phi3.isEndOfGeneration(phi3.findToken("<|assistant|>")));
        QCOMPARE(phi3.eot(), end);
        // phi-3's special tokens eat the white space after them when parsed.
        const std::vector<int32_t> ids = phi3.encode("<|user|>\nHi<|end|>", false, true);
        QCOMPARE(ids.front(), phi3.findToken("<|user|>"));
        QCOMPARE(ids.back(), end);
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
