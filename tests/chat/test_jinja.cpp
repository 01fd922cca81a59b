// The chat-template interpreter against Jinja2 itself: each reference case's expected text is what
// Jinja2 renders in Hugging Face's configuration (see jinja_reference_cases.inc), plus error semantics,
// tojson flavours, Python float printing, and the sandbox limits that stop hostile templates.
#include <QtTest>

#include <ctime>
#include <string>

#include "core/chat/chat_template.h"
#include "core/chat/jinja_value.h"

#include "jinja_reference_cases.inc"

namespace {

qd::ChatTemplateOptions fixedClock() {
    qd::ChatTemplateOptions o;
    std::tm t{};
    t.tm_year = 2026 - 1900;
    t.tm_mon = 0;
    t.tm_mday = 2;
    t.tm_hour = 3;
    t.tm_min = 4;
    t.tm_sec = 5;
    o.now = t;
    return o;
}

qd::Result<std::string> render(const std::string& source, const qd::ChatTemplateOptions& options = fixedClock(),
                               const char* context = kContext) {
    auto tpl = qd::ChatTemplate::compile(source);
    if (!tpl) return tpl.error();
    auto ctx = qd::Json::parse(context);
    if (!ctx) return ctx.error();
    return tpl->render(*ctx, options);
}

bool failsWith(const std::string& source, const std::string& fragment,
               const qd::ChatTemplateOptions& options = fixedClock()) {
    auto r = render(source, options);
    if (r.ok()) {
        qWarning("rendered instead of failing: %s", r->substr(0, 200).c_str());
        return false;
    }
    if (r.message().find(fragment) == std::string::npos) {
        qWarning("unexpected error: %s", r.message().c_str());
        return false;
    }
    return true;
}

}  // namespace

class TestJinja : public QObject {
    Q_OBJECT

private slots:
    void matchesJinja2_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        for (const auto& c : kReferenceCases)
            QTest::newRow(c.name) << QString::fromUtf8(c.source) << QString::fromUtf8(c.expected);
    }

    void matchesJinja2() {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        auto out = render(source.toStdString());
        QVERIFY2(out.ok(), out.ok() ? "" : out.message().c_str());
        QCOMPARE(QString::fromStdString(*out), expected);
    }

    void tojsonFlavours() {
        const char* ctx = "{\"x\": {\"b\": \"<a & 'q'> \\\"d\\\"\", \"a\": \"é🙂\", \"c\": [1, null]}}";
        const std::string src = "{{ x|tojson }}|{{ x|tojson(indent=2) }}";
        auto hf = render(src, fixedClock(), ctx);
        QVERIFY(hf.ok());
        QCOMPARE(QString::fromStdString(*hf), QString::fromUtf8(kHfTojson));
        qd::ChatTemplateOptions jinja = fixedClock();
        jinja.tojson = qd::jinja::TojsonStyle::Jinja2;
        auto builtin = render(src, jinja, ctx);
        QVERIFY(builtin.ok());
        QCOMPARE(QString::fromStdString(*builtin), QString::fromUtf8(kJinja2Tojson));
        // transformers' extra keyword arguments.
        auto kw = render("{{ x|tojson(sort_keys=true, separators=(',', ':')) }}", fixedClock(), ctx);
        QVERIFY(kw.ok());
        QCOMPARE(QString::fromStdString(*kw), QString::fromUtf8("{\"a\":\"é🙂\",\"b\":\"<a & 'q'> \\\"d\\\"\",\"c\":[1,null]}"));
    }

    void undefinedSemantics() {
        // Printing, testing and iterating undefined values is fine (see the reference cases); using them is not.
        QVERIFY(failsWith("{{ missing.attr }}", "'missing' is undefined"));
        QVERIFY(failsWith("{{ d.zz.y }}", "'dict object' has no attribute 'zz'"));
        QVERIFY(failsWith("{{ missing['k'] }}", "'missing' is undefined"));
        QVERIFY(failsWith("{{ missing + 1 }}", "'missing' is undefined"));
        QVERIFY(failsWith("{{ missing() }}", "'missing' is undefined"));
        QVERIFY(failsWith("{{ missing|tojson }}", "not JSON serializable"));
        QVERIFY(failsWith("{{ e[0].x }}", "no element 0"));
        QVERIFY(failsWith("{% for x in none %}{% endfor %}", "not iterable"));
        QVERIFY(failsWith("{{ 'a' + 1 }}", "can only concatenate str"));
        QVERIFY(failsWith("{{ n / 0 }}", "division by zero"));
        QVERIFY(failsWith("{{ l|nosuchfilter }}", "no filter named 'nosuchfilter'"));
        QVERIFY(failsWith("{% set d.x = 1 %}", "namespace"));
    }

    void errorsNameTheLine() {
        QVERIFY(failsWith("a\nb\n{{ missing.attr }}", "line 3"));
    }

    void raiseExceptionKeepsMessage() {
        auto r = render("before {{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}");
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.message()),
                 QString("Conversation roles must alternate user/assistant/user/assistant/..."));
        // Raised from inside a macro inside a loop, the message is still untouched.
        auto nested = render("{% macro m(x) %}{{ raise_exception('bad ' ~ x) }}{% endmacro %}"
                             "{% for i in l %}{{ m(i) }}{% endfor %}");
        QVERIFY(!nested.ok());
        QCOMPARE(QString::fromStdString(nested.message()), QString("bad 3"));
        // A message that starts with a NUL byte is kept whole (the fuzzer found what() cut it to nothing),
        // and an empty one still says what happened.
        static const char kNul[] = "{{ raise_exception('\0\0x') }}";
        auto nul = render(std::string(kNul, sizeof(kNul) - 1));
        QVERIFY(!nul.ok());
        QCOMPARE(nul.message(), std::string("\0\0x", 3));
        auto empty = render("{{ raise_exception('') }}");
        QVERIFY(!empty.ok());
        QCOMPARE(QString::fromStdString(empty.message()), QString("the template raised an error without a message"));
    }

    void pythonFloatRepr() {
        using qd::jinja::pythonFloatRepr;
        QCOMPARE(QString::fromStdString(pythonFloatRepr(0.1)), QString("0.1"));
        QCOMPARE(QString::fromStdString(pythonFloatRepr(1e16)), QString("1e+16"));
        QCOMPARE(QString::fromStdString(pythonFloatRepr(1e15)), QString("1000000000000000.0"));
        QCOMPARE(QString::fromStdString(pythonFloatRepr(1.5e-7)), QString("1.5e-07"));
        QCOMPARE(QString::fromStdString(pythonFloatRepr(100.0)), QString("100.0"));
        QCOMPARE(QString::fromStdString(pythonFloatRepr(123456789.123)), QString("123456789.123"));
        QCOMPARE(QString::fromStdString(pythonFloatRepr(-0.0)), QString("-0.0"));
        QCOMPARE(QString::fromStdString(pythonFloatRepr(1e-5)), QString("1e-05"));
        QCOMPARE(QString::fromStdString(pythonFloatRepr(0.0001)), QString("0.0001"));
        QCOMPARE(QString::fromStdString(pythonFloatRepr(1.0 / 3.0)), QString("0.3333333333333333"));
        QCOMPARE(QString::fromStdString(pythonFloatRepr(5e-324)), QString("5e-324"));
        QCOMPARE(QString::fromStdString(pythonFloatRepr(1.7976931348623157e308)), QString("1.7976931348623157e+308"));
    }

    // ---- sandbox limits: each hostile template must stop with an error, not hang or exhaust memory ----

    void hugeRangeIsRefused() {
        QVERIFY(failsWith("{% for i in range(10**9) %}{% endfor %}", "Range too big"));
        QVERIFY(failsWith("{{ range(100001)|length }}", "Range too big"));
        auto ok = render("{{ range(100000)|length }}");
        QVERIFY(ok.ok());
        QCOMPARE(QString::fromStdString(*ok), QString("100000"));
    }

    void nestedLoopsHitTheStepLimit() {
        QVERIFY(failsWith("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
                          "step limit"));
        qd::ChatTemplateOptions small = fixedClock();
        small.limits.maxSteps = 1000;
        QVERIFY(failsWith("{% for i in range(2000) %}{% endfor %}", "step limit", small));
        QVERIFY(render("{% for i in range(500) %}{% endfor %}", small).ok());
    }

    void hugeOutputStops() {
        QVERIFY(failsWith("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}", "output exceeded"));
        QVERIFY(failsWith("{{ 'x' * 10**12 }}", "limit"));
        QVERIFY(failsWith("{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
                          "{% endfor %}",
                          "size limit"));
        QVERIFY(failsWith("{% set ns = namespace(l=[1]) %}{% for i in range(64) %}{% set ns.l = ns.l + ns.l %}"
                          "{% endfor %}",
                          "size limit"));
        qd::ChatTemplateOptions small = fixedClock();
        small.limits.maxOutputBytes = 100;
        QVERIFY(failsWith("{% for i in range(20) %}0123456789{% endfor %}", "output exceeded", small));
    }

    void deepRecursionStops() {
        QVERIFY(failsWith("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "recursion"));
        // Exponential fan-out below the depth limit is caught by the step limit.
        QVERIFY(failsWith("{% macro f(n) %}{% if n < 60 %}{{ f(n + 1) }}{{ f(n + 1) }}{% endif %}{% endmacro %}"
                          "{{ f(0) }}",
                          "step limit"));
    }

    void deepNestingIsAParseError() {
        std::string parens = "{{ " + std::string(100000, '(') + "1" + std::string(100000, ')') + " }}";
        QVERIFY(failsWith(parens, "nested too deeply"));
        std::string lists = "{{ " + std::string(100000, '[') + " }}";
        QVERIFY(!render(lists).ok());
        std::string ifs;
        for (int i = 0; i < 5000; ++i) ifs += "{% if true %}";
        QVERIFY(failsWith(ifs, "nested too deeply"));
        std::string nots = "{{ " + std::string(0, ' ');
        for (int i = 0; i < 50000; ++i) nots += "not ";
        nots += "1 }}";
        QVERIFY(failsWith(nots, "nested too deeply"));
    }

    void longChainsAreBounded() {
        // Chains parse iteratively but evaluate recursively: the tree depth is checked after parsing.
        std::string sum = "{{ 1";
        for (int i = 0; i < 100000; ++i) sum += " + 1";
        QVERIFY(failsWith(sum + " }}", "nested too deeply"));
        std::string filters = "{{ 'x'";
        for (int i = 0; i < 100000; ++i) filters += "|upper";
        QVERIFY(failsWith(filters + " }}", "nested too deeply"));
        std::string attrs = "{{ d";
        for (int i = 0; i < 100000; ++i) attrs += ".a";
        QVERIFY(failsWith(attrs + " }}", "nested too deeply"));
    }

    void selfReferenceIsAnError() {
        QVERIFY(failsWith("{% set ns = namespace() %}{% set ns.me = ns %}{{ ns }}", "nested too deeply"));
        QVERIFY(failsWith("{% set ns = namespace() %}{% set ns.me = [ns] %}{{ ns|tojson }}", "nested too deeply"));
        // A shared sub-list doubling in size each step stops at the size limit instead of printing 2^40 items.
        QVERIFY(failsWith("{% set ns = namespace(l=[]) %}{% for i in range(40) %}{% set ns.l = [ns.l, ns.l] %}"
                          "{% endfor %}{{ ns.l|string|length }}",
                          "too large"));
    }

    void moderateNestingStillWorks() {
        std::string parens = "{{ " + std::string(20, '(') + "1" + std::string(20, ')') + " }}";
        auto r = render(parens);
        QVERIFY(r.ok());
        QCOMPARE(QString::fromStdString(*r), QString("1"));
    }
};

QTEST_GUILESS_MAIN(TestJinja)
#include "test_jinja.moc"
