#include "core/chat/conversation_store.h"

#include <sqlite3.h>

#include <algorithm>


#include "core/common/sqlite_statement.h"
#include "core/common/system_info.h"

namespace qd {

namespace {

using sql::Statement;

// Version 1 of the schema. Columns are only ever added (never renamed or reused).
const char* kSchema = R"(
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS conversations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  model_path TEXT NOT NULL,
  settings TEXT NOT NULL,
  current_leaf INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  parent_id INTEGER NOT NULL,
  role TEXT NOT NULL,
  content TEXT NOT NULL,
  stopped INTEGER NOT NULL,
  details TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_parent ON messages (conversation_id, parent_id, id);
PRAGMA user_version = 1;
)";

// Added within version 1 (created when missing, so a history from before votes existed gains it).
const char* kVotesSchema = R"(
CREATE TABLE IF NOT EXISTS votes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  prompt TEXT NOT NULL,
  variants TEXT NOT NULL,
  winner INTEGER NOT NULL,
  blind INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
)";

const char* kMessageColumns = "id, conversation_id, parent_id, role, content, stopped, details, created_at";
const char* kConversationColumns = "id, title, model_path, settings, current_leaf, created_at, updated_at";

StoredMessage readMessage(Statement& s) {
    StoredMessage m;
    m.id = s.columnInt(0);
    m.conversationId = s.columnInt(1);
    m.parentId = s.columnInt(2);
    m.role = s.columnText(3);
    m.content = s.columnText(4);
    m.stopped = s.columnInt(5) != 0;
    m.details = s.columnText(6);
    m.createdAt = s.columnText(7);
    return m;
}

StoredConversation readConversation(Statement& s) {
    StoredConversation c;
    c.id = s.columnInt(0);
    c.title = s.columnText(1);
    c.modelPath = s.columnText(2);
    c.settings = s.columnText(3);
    c.currentLeaf = s.columnInt(4);
    c.createdAt = s.columnText(5);
    c.updatedAt = s.columnText(6);
    return c;
}

// A LIKE pattern that matches `text` literally anywhere.
std::string containsPattern(const std::string& text) {
    std::string p = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') p += '\\';
        p += c;
    }
    return p + "%";
}

}  // namespace

ConversationStore::~ConversationStore() {
    if (m_db) sqlite3_close(m_db);
}

ConversationStore::ConversationStore(ConversationStore&& o) noexcept : m_db(o.m_db) { o.m_db = nullptr; }

ConversationStore& ConversationStore::operator=(ConversationStore&& o) noexcept {
    if (this != &o) {
        if (m_db) sqlite3_close(m_db);
        m_db = o.m_db;
        o.m_db = nullptr;
    }
    return *this;
}

std::filesystem::path ConversationStore::defaultPath() { return userDataFile("conversations.sqlite"); }

Error ConversationStore::error(const char* what) const {
    return fail(ErrorKind::Io, std::string("conversation history: ") + what + ": " + sqlite3_errmsg(m_db));
}

Status ConversationStore::exec(const char* sqlText) {
    char* err = nullptr;
    if (sqlite3_exec(m_db, sqlText, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        return fail(ErrorKind::Io, "conversation history: " + msg);
    }
    return {};
}

Result<ConversationStore> ConversationStore::open(const std::filesystem::path& path) {
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    ConversationStore store;
    if (sqlite3_open_v2(path.string().c_str(), &store.m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        std::string msg = store.m_db ? sqlite3_errmsg(store.m_db) : "out of memory";
        return fail(ErrorKind::Io, "cannot open the conversation history " + path.string() + ": " + msg);
    }
    sqlite3_busy_timeout(store.m_db, 5000);
    auto scalar = [&](const char* sqlText) -> std::optional<int64_t> {
        Statement st(store.m_db, sqlText);
        if (!st.ok() || sqlite3_step(st.get()) != SQLITE_ROW) return std::nullopt;
        return st.columnInt(0);
    };
    // The schema is written only into an empty file; anything else must already be ours.
    const std::string notOurs = path.string() + " is not a QuantDesk conversation history";
    const auto version = scalar("PRAGMA user_version");
    const auto objects = scalar("SELECT count(*) FROM sqlite_master");
    if (!version || !objects) return fail(notOurs + " (not a readable SQLite database)");
    if (*version == 0 && *objects == 0) {
        if (auto s = store.exec(kSchema); !s) return s.error();
    } else if (*version != 1) {
        return fail(notOurs + (*version > 1 ? " (written by a newer QuantDesk)" : ""));
    } else {
        const auto tables = scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('conversations', 'messages')");
        if (!tables || *tables != 2) return fail(notOurs);
        if (auto s = store.exec("PRAGMA foreign_keys = ON;"); !s) return s.error();
    }
    if (auto s = store.exec(kVotesSchema); !s) return s.error();
    return store;
}

Status ConversationStore::touch(int64_t conversation) {
    Statement s(m_db, "UPDATE conversations SET updated_at = ? WHERE id = ?");
    if (!s.ok()) return error("update");
    s.text(1, sql::nowIso());
    s.integer(2, conversation);
    if (sqlite3_step(s.get()) != SQLITE_DONE) return error("update");
    return {};
}

Result<int64_t> ConversationStore::createConversation(const std::string& title, const std::string& modelPath,
                                                      const std::string& settings) {
    Statement s(m_db,
                "INSERT INTO conversations (title, model_path, settings, current_leaf, created_at, updated_at) "
                "VALUES (?, ?, ?, 0, ?, ?)");
    if (!s.ok()) return error("insert");
    const std::string now = sql::nowIso();
    s.text(1, title);
    s.text(2, modelPath);
    s.text(3, settings);
    s.text(4, now);
    s.text(5, now);
    if (sqlite3_step(s.get()) != SQLITE_DONE) return error("insert");
    return sqlite3_last_insert_rowid(m_db);
}

Status ConversationStore::rename(int64_t conversation, const std::string& title) {
    Statement s(m_db, "UPDATE conversations SET title = ? WHERE id = ?");
    if (!s.ok()) return error("rename");
    s.text(1, title);
    s.integer(2, conversation);
    if (sqlite3_step(s.get()) != SQLITE_DONE) return error("rename");
    if (sqlite3_changes(m_db) == 0) return fail("no conversation " + std::to_string(conversation));
    return touch(conversation);
}

Status ConversationStore::setSettings(int64_t conversation, const std::string& modelPath, const std::string& settings) {
    Statement s(m_db, "UPDATE conversations SET model_path = ?, settings = ? WHERE id = ?");
    if (!s.ok()) return error("update");
    s.text(1, modelPath);
    s.text(2, settings);
    s.integer(3, conversation);
    if (sqlite3_step(s.get()) != SQLITE_DONE) return error("update");
    if (sqlite3_changes(m_db) == 0) return fail("no conversation " + std::to_string(conversation));
    return touch(conversation);
}

Status ConversationStore::remove(int64_t conversation) {
    Statement s(m_db, "DELETE FROM conversations WHERE id = ?");
    if (!s.ok()) return error("delete");
    s.integer(1, conversation);
    if (sqlite3_step(s.get()) != SQLITE_DONE) return error("delete");
    return {};
}

Result<std::optional<StoredConversation>> ConversationStore::conversation(int64_t id) {
    const std::string q = std::string("SELECT ") + kConversationColumns + " FROM conversations WHERE id = ?";
    Statement s(m_db, q.c_str());
    if (!s.ok()) return error("read");
    s.integer(1, id);
    const int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW) return std::optional<StoredConversation>(readConversation(s));
    if (rc == SQLITE_DONE) return std::optional<StoredConversation>();
    return error("read");
}

Result<std::vector<StoredConversation>> ConversationStore::conversations(const std::string& search) {
    std::string q = std::string("SELECT ") + kConversationColumns + " FROM conversations";
    if (!search.empty())
        q += " WHERE title LIKE ?1 ESCAPE '\\' OR id IN (SELECT conversation_id FROM messages WHERE content LIKE ?1 ESCAPE '\\')";
    q += " ORDER BY updated_at DESC, id DESC";
    Statement s(m_db, q.c_str());
    if (!s.ok()) return error("list");
    if (!search.empty()) s.text(1, containsPattern(search));
    std::vector<StoredConversation> out;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out.push_back(readConversation(s));
    if (rc != SQLITE_DONE) return error("list");
    return out;
}

Result<std::optional<StoredMessage>> ConversationStore::message(int64_t id) {
    const std::string q = std::string("SELECT ") + kMessageColumns + " FROM messages WHERE id = ?";
    Statement s(m_db, q.c_str());
    if (!s.ok()) return error("read");
    s.integer(1, id);
    const int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW) return std::optional<StoredMessage>(readMessage(s));
    if (rc == SQLITE_DONE) return std::optional<StoredMessage>();
    return error("read");
}

Result<int64_t> ConversationStore::addMessage(int64_t conversation, int64_t parent, const std::string& role,
                                              const std::string& content, const std::string& details, bool stopped) {
    if (role != "system" && role != "user" && role != "assistant") return fail("unknown message role '" + role + "'");
    auto c = this->conversation(conversation);
    if (!c) return c.error();
    if (!*c) return fail("no conversation " + std::to_string(conversation));
    if (parent != 0) {
        auto p = message(parent);
        if (!p) return p.error();
        if (!*p || (*p)->conversationId != conversation)
            return fail("message " + std::to_string(parent) + " is not part of conversation " + std::to_string(conversation));
    }
    if (auto s = exec("BEGIN IMMEDIATE"); !s) return s.error();
    Statement s(m_db,
                "INSERT INTO messages (conversation_id, parent_id, role, content, stopped, details, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!s.ok()) {
        Error e = error("insert");  // before the rollback replaces SQLite's message
        static_cast<void>(exec("ROLLBACK"));
        return e;
    }
    s.integer(1, conversation);
    s.integer(2, parent);
    s.text(3, role);
    s.text(4, content);
    s.integer(5, stopped ? 1 : 0);
    s.text(6, details);
    s.text(7, sql::nowIso());
    if (sqlite3_step(s.get()) != SQLITE_DONE) {
        Error e = error("insert");  // before the rollback replaces SQLite's message
        static_cast<void>(exec("ROLLBACK"));
        return e;
    }
    const int64_t id = sqlite3_last_insert_rowid(m_db);
    Statement leaf(m_db, "UPDATE conversations SET current_leaf = ?, updated_at = ? WHERE id = ?");
    leaf.integer(1, id);
    leaf.text(2, sql::nowIso());
    leaf.integer(3, conversation);
    if (!leaf.ok() || sqlite3_step(leaf.get()) != SQLITE_DONE) {
        Error e = error("update");  // before the rollback replaces SQLite's message
        static_cast<void>(exec("ROLLBACK"));
        return e;
    }
    if (auto c2 = exec("COMMIT"); !c2) return c2.error();
    return id;
}

Status ConversationStore::finishMessage(int64_t id, const std::string& content, bool stopped, const std::string& details) {
    Statement s(m_db, "UPDATE messages SET content = ?, stopped = ?, details = ? WHERE id = ?");
    if (!s.ok()) return error("update");
    s.text(1, content);
    s.integer(2, stopped ? 1 : 0);
    s.text(3, details);
    s.integer(4, id);
    if (sqlite3_step(s.get()) != SQLITE_DONE) return error("update");
    if (sqlite3_changes(m_db) == 0) return fail("no message " + std::to_string(id));
    return {};
}

Result<std::vector<StoredMessage>> ConversationStore::siblings(int64_t id) {
    auto m = message(id);
    if (!m) return m.error();
    if (!*m) return fail("no message " + std::to_string(id));
    const std::string q = std::string("SELECT ") + kMessageColumns +
                          " FROM messages WHERE conversation_id = ? AND parent_id = ? ORDER BY id";
    Statement s(m_db, q.c_str());
    if (!s.ok()) return error("read");
    s.integer(1, (*m)->conversationId);
    s.integer(2, (*m)->parentId);
    std::vector<StoredMessage> out;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out.push_back(readMessage(s));
    if (rc != SQLITE_DONE) return error("read");
    return out;
}

Result<std::vector<StoredMessage>> ConversationStore::branch(int64_t conversation) {
    auto c = this->conversation(conversation);
    if (!c) return c.error();
    if (!*c) return fail("no conversation " + std::to_string(conversation));
    std::vector<StoredMessage> reversed;
    // Walks from the leaf to the root; the bound stops a corrupt parent cycle.
    int64_t id = (*c)->currentLeaf;
    for (int guard = 0; id != 0 && guard < 1000000; ++guard) {
        auto m = message(id);
        if (!m) return m.error();
        if (!*m || (*m)->conversationId != conversation) break;
        id = (*m)->parentId;
        reversed.push_back(std::move(**m));
    }
    return std::vector<StoredMessage>(reversed.rbegin(), reversed.rend());
}

Status ConversationStore::selectBranch(int64_t id) {
    auto m = message(id);
    if (!m) return m.error();
    if (!*m) return fail("no message " + std::to_string(id));
    int64_t leaf = id;
    for (int guard = 0; guard < 1000000; ++guard) {
        Statement s(m_db, "SELECT id FROM messages WHERE conversation_id = ? AND parent_id = ? ORDER BY id DESC LIMIT 1");
        if (!s.ok()) return error("read");
        s.integer(1, (*m)->conversationId);
        s.integer(2, leaf);
        const int rc = sqlite3_step(s.get());
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) return error("read");
        leaf = s.columnInt(0);
    }
    Statement u(m_db, "UPDATE conversations SET current_leaf = ? WHERE id = ?");
    if (!u.ok()) return error("update");
    u.integer(1, leaf);
    u.integer(2, (*m)->conversationId);
    if (sqlite3_step(u.get()) != SQLITE_DONE) return error("update");
    return {};
}

Result<std::string> ConversationStore::exportMarkdown(int64_t conversation) {
    auto c = this->conversation(conversation);
    if (!c) return c.error();
    if (!*c) return fail("no conversation " + std::to_string(conversation));
    auto messages = branch(conversation);
    if (!messages) return messages.error();
    std::string out = "# " + (*c)->title + "\n\n";
    if (!(*c)->modelPath.empty()) out += "Model: `" + (*c)->modelPath + "`\n\n";
    for (const auto& m : *messages) {
        const std::string who = m.role == "user" ? "You" : m.role == "assistant" ? "Assistant" : "System";
        out += "**" + who + "**" + (m.stopped ? " (stopped)" : "") + "\n\n" + m.content + "\n\n";
    }
    return out;
}

Result<Json> ConversationStore::exportJson(int64_t conversation) {
    auto c = this->conversation(conversation);
    if (!c) return c.error();
    if (!*c) return fail("no conversation " + std::to_string(conversation));
    auto messages = branch(conversation);
    if (!messages) return messages.error();
    auto parsedOrText = [](const std::string& text) {
        if (text.empty()) return Json::object();
        auto j = Json::parse(text);
        return j ? *j : Json(text);
    };
    Json j = Json::object();
    j.set("title", (*c)->title);
    j.set("model_path", (*c)->modelPath);
    j.set("settings", parsedOrText((*c)->settings));
    j.set("created_at", (*c)->createdAt);
    Json list = Json::array();
    for (const auto& m : *messages) {
        Json e = Json::object();
        e.set("role", m.role);
        e.set("content", m.content);
        if (m.stopped) e.set("stopped", true);
        e.set("details", parsedOrText(m.details));
        e.set("created_at", m.createdAt);
        list.push(std::move(e));
    }
    j.set("messages", std::move(list));
    return j;
}

Result<int64_t> ConversationStore::addVote(const std::string& prompt, const std::vector<VoteVariant>& variants, int winner,
                                           bool blind) {
    if (variants.size() < 2) return fail("a vote needs at least two answers");
    if (winner < -1 || winner >= static_cast<int>(variants.size())) return fail("the winner is not one of the answers");
    Json list = Json::array();
    for (const auto& v : variants) {
        Json e = Json::object();
        e.set("model_path", v.modelPath);
        e.set("file_type", v.fileType);
        e.set("message_id", v.messageId);
        list.push(std::move(e));
    }
    Statement s(m_db, "INSERT INTO votes (prompt, variants, winner, blind, created_at) VALUES (?, ?, ?, ?, ?)");
    if (!s.ok()) return error("vote");
    s.text(1, prompt);
    s.text(2, list.dump());
    s.integer(3, winner);
    s.integer(4, blind ? 1 : 0);
    s.text(5, sql::nowIso());
    if (sqlite3_step(s.get()) != SQLITE_DONE) return error("vote");
    return sqlite3_last_insert_rowid(m_db);
}

Result<std::vector<StoredVote>> ConversationStore::votes() {
    Statement s(m_db, "SELECT id, prompt, variants, winner, blind, created_at FROM votes ORDER BY id");
    if (!s.ok()) return error("votes");
    std::vector<StoredVote> out;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
        StoredVote v;
        v.id = s.columnInt(0);
        v.prompt = s.columnText(1);
        v.winner = static_cast<int>(s.columnInt(3));
        v.blind = s.columnInt(4) != 0;
        v.createdAt = s.columnText(5);
        // A damaged row is skipped rather than failing the whole list.
        auto list = Json::parse(s.columnText(2));
        if (!list || !list->isArray()) continue;
        for (const Json& e : list->items()) {
            VoteVariant variant;
            variant.modelPath = e["model_path"].toString();
            variant.fileType = e["file_type"].toString();
            variant.messageId = e["message_id"].toInt();
            v.variants.push_back(std::move(variant));
        }
        if (v.variants.size() < 2 || v.winner >= static_cast<int>(v.variants.size())) continue;
        out.push_back(std::move(v));
    }
    if (rc != SQLITE_DONE) return error("votes");
    return out;
}

Result<std::vector<WinRate>> ConversationStore::winRates() {
    auto all = votes();
    if (!all) return all.error();
    std::vector<WinRate> rates;
    auto rateFor = [&](const VoteVariant& v) -> WinRate& {
        for (auto& r : rates)
            if (r.modelPath == v.modelPath) return r;
        rates.push_back({v.modelPath, v.fileType, 0, 0, 0});
        return rates.back();
    };
    for (const auto& vote : *all) {
        for (size_t i = 0; i < vote.variants.size(); ++i) {
            WinRate& r = rateFor(vote.variants[i]);
            ++r.rounds;
            if (vote.winner < 0) ++r.ties;
            else if (static_cast<size_t>(vote.winner) == i) ++r.wins;
        }
    }
    std::stable_sort(rates.begin(), rates.end(), [](const WinRate& a, const WinRate& b) { return a.rounds > b.rounds; });
    return rates;
}

}  // namespace qd
