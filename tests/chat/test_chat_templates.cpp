// Real chat templates (shared/templates) rendered for every conversation in conversations.json must
// match, byte for byte, what Hugging Face's Jinja2 setup renders (NAME.expected.json: "output"), or fail
// with exactly the message the template raised ("error"). Also the built-in fallback templates.
#include <QtTest>

#include <ctime>
#include <fstream>
#include <sstream>

#include "core/chat/builtin_templates.h"
#include "core/chat/chat_template.h"

namespace {

std::string readFile(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

QString templatesDir() { return QStringLiteral(QD_SHARED_DIR) + "/templates"; }

// "2026-01-02T03:04:05" -> std::tm
std::tm parseIsoTime(const std::string& s) {
    std::tm t{};
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &se) == 6) {
        t.tm_year = y - 1900;
        t.tm_mon = mo - 1;
        t.tm_mday = d;
        t.tm_hour = h;
        t.tm_min = mi;
        t.tm_sec = se;
    }
    return t;
}

qd::Json threeMessages(bool endsWithUser) {
    auto m = [](const char* role, const char* content) {
        qd::Json j = qd::Json::object();
        j.set("role", role);
        j.set("content", content);
        return j;
    };
    qd::Json list = qd::Json::array();
    if (endsWithUser) {
        list.push(m("user", "Hi there"));
        list.push(m("assistant", "Hello! How can I help?"));
        list.push(m("user", "Tell me a joke."));
    } else {
        list.push(m("system", "You are helpful."));
        list.push(m("user", "Hi there"));
        list.push(m("assistant", "Hello! How can I help?"));
    }
    return list;
}

}  // namespace

class TestChatTemplates : public QObject {
    Q_OBJECT

private slots:
    void sharedTemplates_data() {
        QTest::addColumn<QString>("templateFile");
        QTest::addColumn<QString>("conversation");
        QDir dir(templatesDir());
        const QStringList files = dir.entryList({"*.jinja"}, QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 12, "shared/templates should hold the real templates");
        auto conv = qd::Json::parse(readFile(dir.filePath("conversations.json")));
        QVERIFY(conv.ok());
        for (const QString& f : files)
            for (const auto& [name, c] : (*conv)["conversations"].members())
                QTest::newRow(qPrintable(f + " / " + QString::fromStdString(name))) << f << QString::fromStdString(name);
    }

    void sharedTemplates() {
        QFETCH(QString, templateFile);
        QFETCH(QString, conversation);
        QDir dir(templatesDir());
        auto conv = qd::Json::parse(readFile(dir.filePath("conversations.json")));
        QVERIFY(conv.ok());
        QString base = templateFile.left(templateFile.size() - 6);
        auto expected = qd::Json::parse(readFile(dir.filePath(base + ".expected.json")));
        QVERIFY(expected.ok());

        auto tpl = qd::ChatTemplate::compile(readFile(dir.filePath(templateFile)));
        QVERIFY2(tpl.ok(), tpl.ok() ? "" : tpl.message().c_str());

        const qd::Json& c = (*conv)["conversations"][conversation.toStdString()];
        const qd::Json& vars = (*conv)["variables"];
        qd::ChatTemplateOptions options;
        options.now = parseIsoTime((*conv)["strftime_now_fixed_at"].toString());
        auto out = qd::renderChat(*tpl, c["messages"], c["add_generation_prompt"].toBool(),
                                  vars["bos_token"].toString(), vars["eos_token"].toString(), qd::Json::object(),
                                  options);
        const qd::Json& want = (*expected)[conversation.toStdString()];
        if (want.contains("error")) {
            QVERIFY2(!out.ok(), "the template should have raised an exception");
            QCOMPARE(QString::fromStdString(out.message()), QString::fromStdString(want["error"].toString()));
        } else {
            QVERIFY2(out.ok(), out.ok() ? "" : out.message().c_str());
            QCOMPARE(QString::fromStdString(*out), QString::fromStdString(want["output"].toString()));
        }
    }

    // The families' formats, written from their definitions: llama.cpp's chatglm4 / chatglm3 formatters
    // (llama-chat.cpp) and LLMZoo's Phoenix conversation (system sentence, "Human: <s>...</s>",
    // "Assistant: <s>...</s>").
    static void builtinFamilyRows() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("endsWithUser");
        QTest::addColumn<QString>("bos");
        QTest::addColumn<QString>("expected");
        QTest::newRow("chatglm4 system-user-assistant") << "chatglm4" << false << "" << QString(
            "[gMASK]<sop><|system|>\nYou are helpful.<|user|>\nHi there<|assistant|>\nHello! How can I help?");
        QTest::newRow("chatglm4 user-assistant-user") << "chatglm4" << true << "" << QString(
            "[gMASK]<sop><|user|>\nHi there<|assistant|>\nHello! How can I help?<|user|>\nTell me a joke.<|assistant|>");
        QTest::newRow("chatglm3 user-assistant-user") << "chatglm3" << true << "" << QString(
            "[gMASK]sop<|user|>\n Hi there<|assistant|>\n Hello! How can I help?<|user|>\n Tell me a joke.<|assistant|>");
        QTest::newRow("phoenix system-user-assistant") << "phoenix" << false << "" << QString(
            "You are helpful.\n\nHuman: <s>Hi there</s>Assistant: <s>Hello! How can I help?</s>");
        QTest::newRow("phoenix user-assistant-user") << "phoenix" << true << "" << QString(
            "A chat between a curious human and an artificial intelligence assistant. The assistant gives helpful, "
            "detailed, and polite answers to the human's questions.\n\nHuman: <s>Hi there</s>Assistant: <s>Hello! How can "
            "I help?</s>Human: <s>Tell me a joke.</s>Assistant: <s>");
    }

    void builtinTemplates_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("endsWithUser");
        QTest::addColumn<QString>("bos");
        QTest::addColumn<QString>("expected");
        // Expected texts written from each format's definition (see builtin_templates.h).
        QTest::newRow("chatml system-user-assistant") << "chatml" << false << "" << QString(
            "<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nHi there<|im_end|>\n"
            "<|im_start|>assistant\nHello! How can I help?<|im_end|>\n");
        QTest::newRow("chatml user-assistant-user") << "chatml" << true << "" << QString(
            "<|im_start|>user\nHi there<|im_end|>\n<|im_start|>assistant\nHello! How can I help?<|im_end|>\n"
            "<|im_start|>user\nTell me a joke.<|im_end|>\n<|im_start|>assistant\n");
        QTest::newRow("llama2 system-user-assistant") << "llama2" << false << "<s>" << QString(
            "<s>[INST] <<SYS>>\nYou are helpful.\n<</SYS>>\n\nHi there [/INST] Hello! How can I help? </s>");
        QTest::newRow("llama2 user-assistant-user") << "llama2" << true << "<s>" << QString(
            "<s>[INST] Hi there [/INST] Hello! How can I help? </s><s>[INST] Tell me a joke. [/INST]");
        QTest::newRow("llama3 system-user-assistant") << "llama3" << false << "<|begin_of_text|>" << QString(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are helpful.<|eot_id|>"
            "<|start_header_id|>user<|end_header_id|>\n\nHi there<|eot_id|>"
            "<|start_header_id|>assistant<|end_header_id|>\n\nHello! How can I help?<|eot_id|>");
        QTest::newRow("llama3 user-assistant-user") << "llama3" << true << "<|begin_of_text|>" << QString(
            "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi there<|eot_id|>"
            "<|start_header_id|>assistant<|end_header_id|>\n\nHello! How can I help?<|eot_id|>"
            "<|start_header_id|>user<|end_header_id|>\n\nTell me a joke.<|eot_id|>"
            "<|start_header_id|>assistant<|end_header_id|>\n\n");
        QTest::newRow("mistral system-user-assistant") << "mistral" << false << "<s>" << QString(
            "<s>[INST] You are helpful.\n\nHi there [/INST]Hello! How can I help?</s>");
        QTest::newRow("mistral user-assistant-user") << "mistral" << true << "<s>" << QString(
            "<s>[INST] Hi there [/INST]Hello! How can I help?</s>[INST] Tell me a joke. [/INST]");
        QTest::newRow("zephyr system-user-assistant") << "zephyr" << false << "<s>" << QString(
            "<|system|>\nYou are helpful.</s>\n<|user|>\nHi there</s>\n<|assistant|>\nHello! How can I help?</s>\n");
        QTest::newRow("zephyr user-assistant-user") << "zephyr" << true << "<s>" << QString(
            "<|user|>\nHi there</s>\n<|assistant|>\nHello! How can I help?</s>\n<|user|>\nTell me a joke.</s>\n"
            "<|assistant|>\n");
        QTest::newRow("alpaca system-user-assistant") << "alpaca" << false << "<s>" << QString(
            "You are helpful.\n\n### Instruction:\nHi there\n\n### Response:\nHello! How can I help?</s>\n\n");
        QTest::newRow("alpaca user-assistant-user") << "alpaca" << true << "<s>" << QString(
            "Below is an instruction that describes a task. Write a response that appropriately completes the "
            "request.\n\n### Instruction:\nHi there\n\n### Response:\nHello! How can I help?</s>\n\n"
            "### Instruction:\nTell me a joke.\n\n### Response:\n");
    }

    void familyTemplates_data() { builtinFamilyRows(); }
    void familyTemplates() { builtinTemplates(); }

    void builtinTemplates() {
        QFETCH(QString, name);
        QFETCH(bool, endsWithUser);
        QFETCH(QString, bos);
        QFETCH(QString, expected);
        const qd::BuiltinChatTemplate* builtin = qd::findBuiltinChatTemplate(name.toStdString());
        QVERIFY(builtin);
        auto tpl = qd::ChatTemplate::compile(builtin->source);
        QVERIFY2(tpl.ok(), tpl.ok() ? "" : tpl.message().c_str());
        auto out = qd::renderChat(*tpl, threeMessages(endsWithUser), endsWithUser, bos.toStdString(), "</s>");
        QVERIFY2(out.ok(), out.ok() ? "" : out.message().c_str());
        QCOMPARE(QString::fromStdString(*out), expected);
    }

    void builtinLookup() {
        QCOMPARE(qd::builtinChatTemplates().size(), size_t(9));
        QVERIFY(qd::findBuiltinChatTemplate("Llama-3") == qd::findBuiltinChatTemplate("llama3"));
        QVERIFY(qd::findBuiltinChatTemplate("ChatML") != nullptr);
        QVERIFY(qd::findBuiltinChatTemplate("vicuna") == nullptr);
        // Every built-in copes with a tool-call message whose content is null.
        qd::Json messages = threeMessages(true);
        qd::Json call = qd::Json::object();
        call.set("role", "assistant");
        call.set("content", nullptr);
        messages.push(call);
        for (const auto& b : qd::builtinChatTemplates()) {
            auto tpl = qd::ChatTemplate::compile(b.source);
            QVERIFY(tpl.ok());
            auto out = qd::renderChat(*tpl, messages, true, "<s>", "</s>");
            QVERIFY2(out.ok(), out.ok() ? "" : out.message().c_str());
        }
    }

    void extraVariablesReachTheTemplate() {
        auto tpl = qd::ChatTemplate::compile(
            "{{ bos_token }}{% if tools %}{{ tools|length }} tools {% endif %}{{ date_string }}|"
            "{{ messages|length }}{{ add_generation_prompt }}{{ eos_token }}");
        QVERIFY(tpl.ok());
        qd::Json extra = qd::Json::object();
        qd::Json tools = qd::Json::array();
        tools.push(qd::Json::object());
        extra.set("tools", tools);
        extra.set("date_string", "1 Jan 2025");
        auto out = qd::renderChat(*tpl, threeMessages(false), false, "<B>", "<E>", extra);
        QVERIFY(out.ok());
        QCOMPARE(QString::fromStdString(*out), QString("<B>1 tools 1 Jan 2025|3False<E>"));
    }

    void raisedMessageIsTheError() {
        auto tpl = qd::ChatTemplate::compile(
            "{% if messages[0].role == 'system' %}{{ raise_exception('No system role, please.') }}{% endif %}ok");
        QVERIFY(tpl.ok());
        auto out = qd::renderChat(*tpl, threeMessages(false), true, "", "");
        QVERIFY(!out.ok());
        QCOMPARE(QString::fromStdString(out.message()), QString("No system role, please."));
        auto fine = qd::renderChat(*tpl, threeMessages(true), true, "", "");
        QVERIFY(fine.ok());
        QCOMPARE(QString::fromStdString(*fine), QString("ok"));
    }

    void compileErrorsAreResults() {
        const char* broken[] = {"{% if x %}unclosed", "{% for x in %}{% endfor %}", "{{ 1 + }}", "{% endif %}",
                                "{% unknown %}", "{{ 'unterminated }}", "{# open comment", "{{ x ) }}",
                                "a{% break %}", "{% for x in l %}{% else %}{% continue %}{% endfor %}",
                                "{% for x in l %}{% macro m() %}{% break %}{% endmacro %}{% endfor %}"};
        for (const char* src : broken) {
            auto tpl = qd::ChatTemplate::compile(src);
            QVERIFY2(!tpl.ok(), src);
            QVERIFY(tpl.message().find("line 1") != std::string::npos);
        }
        auto multi = qd::ChatTemplate::compile("a\nb\n{% if %}");
        QVERIFY(!multi.ok());
        QVERIFY2(multi.message().find("line 3") != std::string::npos, multi.message().c_str());
    }
};

QTEST_GUILESS_MAIN(TestChatTemplates)
#include "test_chat_templates.moc"
