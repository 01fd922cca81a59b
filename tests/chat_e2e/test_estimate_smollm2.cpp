// The size prediction on a real model whose widths (576, 1536) are not multiples of 256, so most
// K-quant rows fall back to other types: for every mix QuantDesk writes, the predicted bytes equal the
// size of the file the quantizer then writes.
#include <QtTest>

#include "core/gguf/gguf_file.h"
#include "core/quant/quantizer.h"
#include "smollm2_fixture.h"

using namespace qd;

class TestEstimateSmolLM2 : public QObject {
    Q_OBJECT

private slots:
    void everyMixPredictsTheWrittenSize() {
        const std::string path = e2e::smollm2Path();
        QVERIFY2(std::filesystem::exists(path), path.c_str());
        auto source = GgufFile::open(path);
        QVERIFY(source.ok());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        int withFallbacks = 0;
        for (const auto& mix : supportedMixes()) {
            QuantizeOptions o;
            o.mix.mix = mix;
            o.allowRequantize = true;  // the file is Q4_1
            o.threads = 2;
            auto e = estimateQuantize(*source, o);
            QVERIFY2(e.ok(), e.ok() ? "" : e.message().c_str());
            if (e->plan.fallbackCount > 0) ++withFallbacks;
            const QString out = dir.filePath(QString::fromLatin1(mix.name.data(), int(mix.name.size())) + ".gguf");
            auto r = quantizeModel(path, out.toStdString(), o);
            QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
            QVERIFY2(QFileInfo(out).size() == qint64(e->fileBytes),
                     qPrintable(QStringLiteral("%1: predicted %2, wrote %3")
                                    .arg(out).arg(e->fileBytes).arg(QFileInfo(out).size())));
            QFile::remove(out);
        }
        QVERIFY(withFallbacks >= 10);  // every K-quant mix and the legacy ones with the odd output row
    }
};

QTEST_GUILESS_MAIN(TestEstimateSmolLM2)
#include "test_estimate_smollm2.moc"
