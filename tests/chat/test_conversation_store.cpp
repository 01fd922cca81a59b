// The chat history in SQLite: branches kept when an answer is regenerated or a question edited,
// choosing a sibling shows its own continuation, everything survives reopening, search, rename,
// delete, exports, and foreign or newer files refused untouched.
#include <QtTest>

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/chat/conversation_store.h"
#include "core/eval/results_db.h"

using namespace qd;

namespace {

std::vector<std::string> contents(const std::vector<StoredMessage>& ms) {
    std::vector<std::string> out;
    for (const auto& m : ms) out.push_back(m.content);
    return out;
}

QByteArray sha256(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

}  // namespace

class TestConversationStore : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)).toStdString(); }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void branchesAreKeptAndSurviveReopening() {
        const std::string file = path("history.sqlite");
        int64_t conv = 0, question = 0, first = 0, second = 0, followUp = 0;
        {
            auto store = ConversationStore::open(file);
            QVERIFY2(store.ok(), store.ok() ? "" : store.message().c_str());
            auto c = store->createConversation("Sonnets", "/models/shakespeare-Q4_K_M.gguf", R"({"temperature":0})");
            QVERIFY(c.ok());
            conv = *c;
            question = *store->addMessage(conv, 0, "user", "Write a line about the sea.");
            first = *store->addMessage(conv, question, "assistant", "The sea is grey.", R"({"tokens":5})");
            followUp = *store->addMessage(conv, first, "user", "Shorter.");
            QVERIFY(store->addMessage(conv, followUp, "assistant", "Grey sea.").ok());
            // Regenerate the first answer: a sibling; the old answer and what followed it stay.
            auto regen = store->addMessage(conv, question, "assistant", "O restless main", {}, false);
            QVERIFY(regen.ok());
            second = *regen;
            QVERIFY(store->finishMessage(second, "O restless main, that", true, R"({"tokens":4})").ok());
            QCOMPARE(contents(*store->branch(conv)),
                     (std::vector<std::string>{"Write a line about the sea.", "O restless main, that"}));
            auto sib = store->siblings(second);
            QVERIFY(sib.ok());
            QCOMPARE(sib->size(), size_t(2));
            QCOMPARE((*sib)[0].id, first);
            QCOMPARE((*sib)[1].id, second);
            QVERIFY((*sib)[1].stopped);
        }
        // Reopened: the same tree; flipping back to the first answer brings its continuation back.
        auto store = ConversationStore::open(file);
        QVERIFY(store.ok());
        QCOMPARE(store->branch(conv)->size(), size_t(2));
        QVERIFY(store->selectBranch(first).ok());
        QCOMPARE(contents(*store->branch(conv)), (std::vector<std::string>{"Write a line about the sea.", "The sea is grey.",
                                                                            "Shorter.", "Grey sea."}));
        QVERIFY(store->selectBranch(second).ok());
        QCOMPARE(store->branch(conv)->back().id, second);
        // An edited question is a sibling of the question.
        auto edited = store->addMessage(conv, 0, "user", "Write a line about the moon.");
        QVERIFY(edited.ok());
        QCOMPARE(store->siblings(*edited)->size(), size_t(2));
        QCOMPARE(contents(*store->branch(conv)), std::vector<std::string>{"Write a line about the moon."});
    }

    void parentsMustBelongToTheConversation() {
        auto store = ConversationStore::open(path("parents.sqlite"));
        QVERIFY(store.ok());
        const int64_t a = *store->createConversation("a");
        const int64_t b = *store->createConversation("b");
        const int64_t m = *store->addMessage(a, 0, "user", "hi");
        auto wrong = store->addMessage(b, m, "assistant", "hello");
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.message().find("not part of conversation") != std::string::npos, wrong.message().c_str());
        QVERIFY(!store->addMessage(a, m, "robot", "beep").ok());
        QVERIFY(!store->addMessage(999, 0, "user", "x").ok());
        QVERIFY(!store->rename(999, "x").ok());
    }

    void listSearchRenameDelete() {
        auto store = ConversationStore::open(path("list.sqlite"));
        QVERIFY(store.ok());
        const int64_t a = *store->createConversation("Cooking");
        QVERIFY(store->addMessage(a, 0, "user", "How long do I boil an EGG?").ok());
        const int64_t b = *store->createConversation("Poetry");
        QVERIFY(store->addMessage(b, 0, "user", "A haiku about 100% rain_drops").ok());
        QCOMPARE(store->conversations()->size(), size_t(2));
        QCOMPARE(store->conversations("egg")->size(), size_t(1));          // case-insensitive, in a message
        QCOMPARE(store->conversations("egg")->front().id, a);
        QCOMPARE(store->conversations("poet")->front().id, b);             // in a title
        QCOMPARE(store->conversations("100%")->size(), size_t(1));         // LIKE characters taken literally
        QCOMPARE(store->conversations("0%")->front().id, b);
        QCOMPARE(store->conversations("n_d")->size(), size_t(1));          // "rain_drops"
        QCOMPARE(store->conversations("a_h")->size(), size_t(0));          // "_" is no wildcard ("A h" would match)
        QCOMPARE(store->conversations("zebra")->size(), size_t(0));
        QVERIFY(store->rename(a, "Eggs").ok());
        QCOMPARE((*store->conversation(a))->title, std::string("Eggs"));
        QVERIFY(store->remove(b).ok());
        QCOMPARE(store->conversations()->size(), size_t(1));
        QVERIFY(!store->conversation(b)->has_value());
        QCOMPARE(store->conversations("haiku")->size(), size_t(0));       // its messages went with it
    }

    void exportsTheShownBranch() {
        auto store = ConversationStore::open(path("export.sqlite"));
        QVERIFY(store.ok());
        const int64_t c = *store->createConversation("Code", "/m/smollm2.gguf", R"({"system":"Be brief.","seed":7})");
        const int64_t q = *store->addMessage(c, 0, "user", "Print hello in C.");
        QVERIFY(store->addMessage(c, q, "assistant", "Old answer").ok());
        QVERIFY(store->addMessage(c, q, "assistant", "```c\nputs(\"hello\");\n```", R"({"tokens_per_second":98.5})", true).ok());
        auto md = store->exportMarkdown(c);
        QVERIFY(md.ok());
        QVERIFY(md->find("# Code") == 0);
        QVERIFY(md->find("```c\nputs(\"hello\");\n```") != std::string::npos);
        QVERIFY(md->find("(stopped)") != std::string::npos);
        QVERIFY(md->find("Old answer") == std::string::npos);  // the branch on screen only
        auto json = store->exportJson(c);
        QVERIFY(json.ok());
        // Read back with an independent JSON parser.
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(json->dump())).object();
        QCOMPARE(o.value(QStringLiteral("title")).toString(), QStringLiteral("Code"));
        QCOMPARE(o.value(QStringLiteral("settings")).toObject().value(QStringLiteral("seed")).toInt(), 7);
        const QJsonArray messages = o.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[1].toObject().value(QStringLiteral("stopped")).toBool(), true);
        QCOMPARE(messages[1].toObject().value(QStringLiteral("details")).toObject().value(QStringLiteral("tokens_per_second")).toDouble(),
                 98.5);
    }

    // Side-by-side votes: stored with their columns, survive reopening, and tally into win rates per
    // file (a tie counts half); malformed votes are refused.
    void votesAndWinRates() {
        const std::string file = path("votes.sqlite");
        {
            auto store = ConversationStore::open(file);
            QVERIFY2(store, store ? "" : store.message().c_str());
            const VoteVariant q3{"/m/x-Q3_K_M.gguf", "Q3_K_M", 11}, q6{"/m/x-Q6_K.gguf", "Q6_K", 12}, q8{"/m/x-Q8_0.gguf", "Q8_0", 0};
            QVERIFY(store->addVote("a", {q3, q6}, 1, true));
            QVERIFY(store->addVote("b", {q6, q3}, 0, false));
            QVERIFY(store->addVote("c", {q3, q6}, -1, true));
            QVERIFY(store->addVote("d", {q3, q6, q8}, 0, false));
            QVERIFY(!store->addVote("e", {q3}, 0, false));
            QVERIFY(!store->addVote("f", {q3, q6}, 2, false));
            QVERIFY(!store->addVote("g", {q3, q6}, -2, false));
        }
        auto store = ConversationStore::open(file);
        QVERIFY(store);
        auto votes = store->votes();
        QVERIFY(votes);
        QCOMPARE(votes->size(), size_t(4));
        QCOMPARE(votes->at(0).prompt, std::string("a"));
        QCOMPARE(votes->at(0).winner, 1);
        QVERIFY(votes->at(0).blind);
        QCOMPARE(votes->at(0).variants.at(1).modelPath, std::string("/m/x-Q6_K.gguf"));
        QCOMPARE(votes->at(0).variants.at(0).messageId, int64_t(11));
        QCOMPARE(votes->at(2).winner, -1);
        auto rates = store->winRates();
        QVERIFY(rates);
        QCOMPARE(rates->size(), size_t(3));
        // Q3_K_M: rounds a (lost), b (lost), c (tie), d (won) -> 1.5 / 4; Q6_K: a won, b won, c tie, d lost -> 2.5 / 4.
        QCOMPARE(rates->at(0).rounds, 4);
        const WinRate& q3 = rates->at(0).modelPath == "/m/x-Q3_K_M.gguf" ? rates->at(0) : rates->at(1);
        const WinRate& q6 = rates->at(0).modelPath == "/m/x-Q6_K.gguf" ? rates->at(0) : rates->at(1);
        QCOMPARE(q3.wins, 1);
        QCOMPARE(q3.ties, 1);
        QCOMPARE(q3.rate(), 0.375);
        QCOMPARE(q6.wins, 2);
        QCOMPARE(q6.rate(), 0.625);
        QCOMPARE(rates->at(2).fileType, std::string("Q8_0"));
        QCOMPARE(rates->at(2).rounds, 1);
        QCOMPARE(rates->at(2).rate(), 0.0);
    }

    void foreignFilesAreRefusedUntouched() {
        // A QuantDesk results database is a valid SQLite file with a schema that is not ours.
        const QString results = QString::fromStdString(path("results.sqlite"));
        {
            auto db = ResultsDatabase::open(results.toStdString());
            QVERIFY(db.ok());
        }
        const QByteArray resultsBefore = sha256(results);
        auto refused = ConversationStore::open(results.toStdString());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message().find("not a QuantDesk conversation history") != std::string::npos, refused.message().c_str());
        QCOMPARE(sha256(results), resultsBefore);
        // Not SQLite at all.
        const QString text = QString::fromStdString(path("notes.sqlite"));
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a database at all, just text that happens to end in .sqlite\n");
        f.close();
        const QByteArray before = sha256(text);
        auto notDb = ConversationStore::open(text.toStdString());
        QVERIFY(!notDb.ok());
        QVERIFY2(notDb.message().find("not a QuantDesk conversation history") != std::string::npos, notDb.message().c_str());
        QCOMPARE(sha256(text), before);
    }
};

QTEST_GUILESS_MAIN(TestConversationStore)
#include "test_conversation_store.moc"
