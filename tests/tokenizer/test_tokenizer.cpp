#include <QtTest>
class TestTokenizer : public QObject {
    Q_OBJECT
private slots:
    void placeholderBuild() {}
};
QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
