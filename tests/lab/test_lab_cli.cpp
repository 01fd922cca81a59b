// quantdesk-cli lab on the shakespeare model, a small space and budget: the report names a recommendation
// that is the lowest KL divergence evaluated within the size budget, lists every point with its exact bits
// per weight, shows each strategy's trace, and ends with a command that reproduces it exactly.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

class TestLabCli : public QObject {
    Q_OBJECT

    static QString run(const QStringList& args, int* code) {
        QProcess p;
        p.start(QStringLiteral(QD_CLI_PATH), args);
        p.waitForFinished(600000);
        *code = p.exitCode();
        return QString::fromUtf8(p.readAllStandardOutput()) + QString::fromUtf8(p.readAllStandardError());
    }

private slots:
    void smallRun() {
        QTemporaryDir dir;
        const QString report = dir.filePath(QStringLiteral("report"));
        const QStringList args = {QStringLiteral("lab"), QStringLiteral(QD_SHARED_DIR "/fixtures/llamacpp/shakespeare-F32.gguf"),
                                  QStringLiteral("-f"), QStringLiteral(QD_SHARED_DIR "/text/shakespeare-val.txt"), QStringLiteral("--report"),
                                  report, QStringLiteral("-c"), QStringLiteral("128"), QStringLiteral("--chunks"), QStringLiteral("3"),
                                  QStringLiteral("--families"), QStringLiteral("t0,t1"), QStringLiteral("--qk"), QStringLiteral("32,128,row"),
                                  QStringLiteral("--bits"), QStringLiteral("3,4"), QStringLiteral("--max-bpw"), QStringLiteral("4.6"),
                                  QStringLiteral("--budget"), QStringLiteral("4"), QStringLiteral("-t"), QStringLiteral("2"),
                                  QStringLiteral("--no-speed")};  // timings differ run to run; the rest must not
        int code = 0;
        const QString out = run(args, &code);
        QVERIFY2(code == 0, qPrintable(out));
        QFile f(report + QStringLiteral("/report.md"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString md = QString::fromUtf8(f.readAll());
        // 2 families x 3 block sizes x 2 widths.
        QCOMPARE(md.count(QRegularExpression(QStringLiteral("^\\| type-[01] \\d-bit QK (32|128|row) F16 \\| [0-9.]+ \\| [0-9.e-]+ \\| [0-9.e-]+ \\| [0-9.e-]+ \\| \\d+ \\|$"),
                                             QRegularExpression::MultilineOption)),
                 12);
        QVERIFY(md.contains(QStringLiteral("| type-0 4-bit QK 32 F16 | 4.5000 |")));  // Q4_0's size
        QVERIFY(md.contains(QStringLiteral("| type-1 4-bit QK 32 F16")) && md.contains(QStringLiteral("5.0000")));  // Q4_1's, over budget
        // The recommendation is the lowest KL divergence among the evaluated points within 4.6 bpw.
        const QRegularExpression rec(QStringLiteral("\\*\\*Recommendation: (.+?)\\*\\* — ([0-9.]+) bits per weight, KL divergence ([0-9.]+)"));
        const auto m = rec.match(md);
        QVERIFY2(m.hasMatch(), qPrintable(md));
        QVERIFY(m.captured(2).toDouble() <= 4.6);
        const double best = m.captured(3).toDouble();
        const QRegularExpression row(QStringLiteral("^\\| (type-[01] \\d-bit QK \\w+ F16)( \\(outside the question\\))? \\| ([0-9.]+) \\| [0-9.e-]+ \\| ([0-9.]+) ±"),
                                     QRegularExpression::MultilineOption);
        int evaluated = 0;
        for (auto it = row.globalMatch(md); it.hasNext();) {
            const auto r = it.next();
            ++evaluated;
            if (r.captured(2).isEmpty()) QVERIFY2(r.captured(4).toDouble() >= best, qPrintable(r.captured(1)));
        }
        QVERIFY(evaluated >= 4);  // at least one strategy's budget
        QVERIFY(md.contains(QStringLiteral("| Bayesian optimisation | random search | weight-error front |")));
        // The HTML page: the size-quality, search and QK-error charts as SVG (no speed chart: speeds were not
        // measured), the best QK per family, the recommendation, the reproducing command.
        QFile h(report + QStringLiteral("/report.html"));
        QVERIFY(h.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(h.readAll());
        QCOMPARE(html.count(QStringLiteral("<svg ")), 3);
        QVERIFY(html.contains(QStringLiteral("Best block size per family")));
        QVERIFY(html.contains(QStringLiteral("Recommendation: ") + m.captured(1)));
        QVERIFY(html.contains(QStringLiteral("quantdesk-cli lab ")));
        QVERIFY(out.contains(QStringLiteral("recommended: ") + m.captured(1)));
        // The printed command reproduces the report (the same seed and settings give the same text).
        const QString line = out.section(QStringLiteral("reproduce: "), 1).section(QLatin1Char('\n'), 0, 0).trimmed();
        QStringList again = QProcess::splitCommand(line);
        QCOMPARE(again.takeFirst(), QStringLiteral("quantdesk-cli"));
        const QString first = md;
        const QString out2 = run(again, &code);
        QVERIFY2(code == 0, qPrintable(out2));
        QFile f2(report + QStringLiteral("/report.md"));
        QVERIFY(f2.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f2.readAll()), first);
    }

    // With speed: a column per instruction set this CPU runs, scalar first.
    void speedColumns() {
        QTemporaryDir dir;
        int code = 0;
        const QString out = run({QStringLiteral("lab"), QStringLiteral(QD_SHARED_DIR "/fixtures/llamacpp/shakespeare-F32.gguf"), QStringLiteral("-f"),
                                 QStringLiteral(QD_SHARED_DIR "/text/shakespeare-val.txt"), QStringLiteral("--report"), dir.path(),
                                 QStringLiteral("-c"), QStringLiteral("64"), QStringLiteral("--chunks"), QStringLiteral("1"), QStringLiteral("--families"),
                                 QStringLiteral("t0"), QStringLiteral("--qk"), QStringLiteral("32"), QStringLiteral("--bits"), QStringLiteral("4"),
                                 QStringLiteral("--budget"), QStringLiteral("1"), QStringLiteral("--strategies"), QStringLiteral("front")},
                                &code);
        QVERIFY2(code == 0, qPrintable(out));
        QFile f(dir.filePath(QStringLiteral("report.md")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString md = QString::fromUtf8(f.readAll());
        QVERIFY2(md.contains(QStringLiteral("| scalar GB/s (spread) |")), qPrintable(md));
        QVERIFY(QRegularExpression(QStringLiteral("\\| type-0 4-bit QK 32 F16 \\| 4\\.5000 \\|.*\\| [0-9.]+ \\([0-9]+ %\\) \\|")).match(md).hasMatch());
        QFile html(dir.filePath(QStringLiteral("report.html")));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(html.readAll());
        QCOMPARE(page.count(QStringLiteral("<svg ")), 4);  // with the QK-speed chart
        QVERIFY(page.contains(QStringLiteral("scalar GB/s (spread)</th>")));  // the per-instruction-set table

        // A speed no format reaches: nothing is feasible, nothing evaluated, and the report says so.
        QTemporaryDir fast;
        const QString none = run({QStringLiteral("lab"), QStringLiteral(QD_SHARED_DIR "/fixtures/llamacpp/shakespeare-F32.gguf"), QStringLiteral("-f"),
                                  QStringLiteral(QD_SHARED_DIR "/text/shakespeare-val.txt"), QStringLiteral("--report"), fast.path(),
                                  QStringLiteral("-c"), QStringLiteral("64"), QStringLiteral("--chunks"), QStringLiteral("1"), QStringLiteral("--families"),
                                  QStringLiteral("t0"), QStringLiteral("--qk"), QStringLiteral("32"), QStringLiteral("--bits"), QStringLiteral("4"),
                                  QStringLiteral("--budget"), QStringLiteral("1"), QStringLiteral("--min-gbs"), QStringLiteral("1000")},
                                 &code);
        QVERIFY2(code == 0, qPrintable(none));
        QVERIFY2(none.contains(QStringLiteral("no recommendation")), qPrintable(none));
        QVERIFY2(none.contains(QStringLiteral("--min-gbs 1000")), qPrintable(none));  // in the reproducing command
        QFile g(fast.filePath(QStringLiteral("report.md")));
        QVERIFY(g.open(QIODevice::ReadOnly));
        const QString md2 = QString::fromUtf8(g.readAll());
        QVERIFY(md2.contains(QStringLiteral("a dot product of at least 1000.00 GB/s; 0 quality evaluations")));
    }

    void refusesBadInput() {
        QTemporaryDir dir;
        int code = 0;
        QString out = run({QStringLiteral("lab"), dir.filePath(QStringLiteral("missing.gguf")), QStringLiteral("-f"),
                           QStringLiteral(QD_SHARED_DIR "/text/shakespeare-val.txt"), QStringLiteral("--report"), dir.path()},
                          &code);
        QVERIFY(code != 0);
        QVERIFY2(out.contains(QStringLiteral("missing.gguf")), qPrintable(out));
        // A speed limit needs the speeds.
        out = run({QStringLiteral("lab"), QStringLiteral(QD_SHARED_DIR "/fixtures/llamacpp/shakespeare-F32.gguf"), QStringLiteral("-f"),
                   QStringLiteral(QD_SHARED_DIR "/text/shakespeare-val.txt"), QStringLiteral("--report"), dir.path(), QStringLiteral("--min-gbs"),
                   QStringLiteral("1"), QStringLiteral("--no-speed")},
                  &code);
        QVERIFY(code != 0);
        QVERIFY2(out.contains(QStringLiteral("speed")), qPrintable(out));
        out = run({QStringLiteral("lab"), QStringLiteral(QD_SHARED_DIR "/fixtures/llamacpp/shakespeare-F32.gguf"), QStringLiteral("-f"),
                   QStringLiteral(QD_SHARED_DIR "/text/shakespeare-val.txt"), QStringLiteral("--report"), dir.path(), QStringLiteral("--qk"),
                   QStringLiteral("7000000")},
                  &code);
        QVERIFY(code != 0);
        QVERIFY2(out.contains(QStringLiteral("--qk")), qPrintable(out));
    }
};

QTEST_APPLESS_MAIN(TestLabCli)
#include "test_lab_cli.moc"
