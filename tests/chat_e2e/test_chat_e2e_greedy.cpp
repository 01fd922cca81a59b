// Greedy chat continuations of SmolLM2-135M-Instruct (Q4_1) must equal llama.cpp's, token for token.
//
// The expected texts are llama-simple's stdout (llama.cpp build c392e50, x86-64 with AVX2, CPU only)
// for the prompt our engine renders through the model's own ChatML template. llama-simple tokenizes
// with add_special = true and parse_special = true (so "<|im_start|>" becomes one control token, and
// BOS is added only if the vocabulary asks — SmolLM2's does not), decodes greedily, prints the prompt
// token by token and then the generated pieces (control tokens rendered), and stops before an
// end-of-generation token. Produced with:
//
//   prompt=$(cat prompt.txt; echo x); prompt=${prompt%x}     # keep the trailing newline
//   llama-simple -m SmolLM2-135M-Instruct.Q4_1.gguf -n 48 "$prompt"
//
// where prompt.txt is the rendered template text the test prints with QD_E2E_PRINT=1; llama-simple was
// examples/simple/simple.cpp of that build compiled against its libllama.so (GGML_NATIVE on an AVX2 CPU,
// no BLAS, llamafile sgemm on). A case is marked as ending at an end-of-generation token when
// llama-simple reported fewer than 48 decoded tokens.
#include <QtTest/QtTest>

#include "smollm2_fixture.h"
#include "core/quant/dot.h"

using namespace qd;
using namespace qd::e2e;

namespace {

struct GoldenCase {
    const char* name;
    const char* user;
    int maxTokens;
    const char* expected;  // llama-simple's stdout, without its final newline
    bool endsAtEndOfGeneration;
};

// clang-format off
const GoldenCase kCases[] = {
#include "golden_llama_simple.inc"
};
// clang-format on

}  // namespace

class TestChatE2eGreedy : public QObject {
    Q_OBJECT

    SmolLM2 m_lm;

private slots:
    void initTestCase() {
        // The goldens come from llama.cpp's AVX2 build: our AVX2 kernels carry its arithmetic (on an
        // AVX-512 CPU both engines would pick other kernels). Set before the kernel table is first built.
        if (!qEnvironmentVariableIsSet("QUANTDESK_ISA")) qputenv("QUANTDESK_ISA", "avx2");
        if (kernels().level != IsaLevel::Avx2) QSKIP("this CPU cannot run the AVX2 kernels the goldens were made with");
        // llama.cpp's CPU backend (built without BLAS) quantizes the activations of every product, for
        // prompts too: DotKernels is our matching path.
        const std::string error = m_lm.load(1024, GemmMode::DotKernels);
        QVERIFY2(error.empty(), error.c_str());
    }

    void ownTemplateIsChatMl() {
        QCOMPARE(QString::fromStdString(m_lm.templateNote), QStringLiteral("the model's own template"));
        QCOMPARE(QString::fromStdString(m_lm.tokenizer.preTokenizerName()), QStringLiteral("smollm"));
        auto text = renderChat(*m_lm.chatTemplate, messagesJson({{"user", "Hi"}}), true, m_lm.bosText(), m_lm.eosText());
        QVERIFY2(text, text ? "" : text.message().c_str());
        // The template adds SmolLM's default system prompt when the conversation has none.
        QCOMPARE(QString::fromStdString(*text),
                 QStringLiteral("<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face"
                                "<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"));
    }

    void greedyMatchesLlamaSimple_data() {
        QTest::addColumn<int>("index");
        for (int i = 0; i < static_cast<int>(std::size(kCases)); ++i) QTest::newRow(kCases[i].name) << i;
    }

    void greedyMatchesLlamaSimple() {
        QFETCH(int, index);
        const GoldenCase& c = kCases[index];
        auto prompt = renderChat(*m_lm.chatTemplate, messagesJson({{"user", c.user}}), true, m_lm.bosText(), m_lm.eosText());
        QVERIFY(prompt);
        if (qEnvironmentVariableIsSet("QD_E2E_PRINT")) std::fprintf(stderr, "--- prompt ---\n%s--- end ---\n", prompt->c_str());

        const std::vector<int32_t> tokens = m_lm.tokenizer.encode(*prompt, true, true);
        // The prompt as llama-simple prints it: every token's piece, control tokens rendered.
        std::string printed;
        for (int32_t t : tokens) printed += m_lm.tokenizer.tokenToPiece(t, true);
        QCOMPARE(QString::fromStdString(printed), QString::fromStdString(*prompt));

        Generator generator(*m_lm.model, m_lm.tokenizer);
        GenerationSettings settings;
        settings.sampler.temperature = 0.0f;
        settings.maxTokens = c.maxTokens;
        settings.renderSpecial = true;  // llama-simple renders control tokens too
        auto stats = generator.generate(tokens, settings, {});
        QVERIFY2(stats, stats ? "" : stats.message().c_str());
        if (qEnvironmentVariableIsSet("QD_E2E_PRINT")) std::fprintf(stderr, "--- ours ---\n%s\n--- end ---\n", stats->text.c_str());

        const std::string ours = printed + stats->text;
        const std::string theirs = c.expected;
        if (ours != theirs) {
            size_t at = 0;
            while (at < ours.size() && at < theirs.size() && ours[at] == theirs[at]) ++at;
            qWarning("continuations part at byte %zu of the prompt+answer:\n  ours:      %s\n  llama.cpp: %s", at,
                     ours.substr(printed.size()).c_str(), theirs.substr(std::min(printed.size(), theirs.size())).c_str());
        }
        // Our arithmetic is llama.cpp's on x86 with AVX2 (core/quant/dot.h: the same kernels' summation
        // order, its vectorized expf in softmax and SiLU, its fused multiply-adds in RoPE), so the
        // continuations must agree token for token, even at near-ties (first token of "capital":
        // "L" 24.912134 vs "The" 24.564032 in both engines).
        QCOMPARE(QString::fromStdString(ours), QString::fromStdString(theirs));
        QCOMPARE(stats->stopReason, c.endsAtEndOfGeneration ? StopReason::EndOfGeneration : StopReason::TokenLimit);
    }
};

QTEST_GUILESS_MAIN(TestChatE2eGreedy)
#include "test_chat_e2e_greedy.moc"
