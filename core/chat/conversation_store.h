// The chat history: conversations and every message of them, kept in SQLite beside the results database
// (conversations.sqlite in QuantDesk's data folder), so conversations survive a restart.
//
// Messages form a tree: each has a parent (0 for the first message of a conversation). A regenerated
// answer or an edited question is a new sibling of the old one, which stays; the conversation remembers
// the leaf of the branch on screen, and choosing another sibling shows that sibling's own continuation.
// Each write is its own transaction, so an interrupted program keeps everything written before.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/common/json.h"
#include "core/common/result.h"

struct sqlite3;

namespace qd {

struct StoredMessage {
    int64_t id = 0;
    int64_t conversationId = 0;
    int64_t parentId = 0;       // 0: the conversation's first message
    std::string role;           // "system", "user", "assistant"
    std::string content;
    bool stopped = false;       // an answer the person stopped before it ended
    std::string details;        // JSON: model, file type, sampling settings, timings (the GUI decides)
    std::string createdAt;      // ISO 8601, UTC
};

struct StoredConversation {
    int64_t id = 0;
    std::string title;
    std::string modelPath;
    std::string settings;       // JSON: system prompt, sampling, context, template
    int64_t currentLeaf = 0;    // the last message of the branch shown
    std::string createdAt;
    std::string updatedAt;
};

// One answer of a side-by-side round.
struct VoteVariant {
    std::string modelPath;
    std::string fileType;   // "Q4_K_M"
    int64_t messageId = 0;  // the answer in its column's conversation (0: not stored)
};

// A side-by-side round the person judged.
struct StoredVote {
    int64_t id = 0;
    std::string prompt;
    std::vector<VoteVariant> variants;  // in the order of the columns
    int winner = -1;                    // index into variants; -1: a tie
    bool blind = false;                 // the columns' models were hidden while voting
    std::string createdAt;
};

// How often a model file won the rounds it took part in (a tie counts half).
struct WinRate {
    std::string modelPath;
    std::string fileType;
    int rounds = 0;
    int wins = 0;
    int ties = 0;
    double rate() const { return rounds ? (wins + 0.5 * ties) / rounds : 0.0; }
};

class ConversationStore {
public:
    ~ConversationStore();
    ConversationStore(ConversationStore&&) noexcept;
    ConversationStore& operator=(ConversationStore&&) noexcept;

    // Opens (creating the file, its folder and the schema when missing). Someone else's SQLite file, or
    // one with a newer schema, is refused and left untouched.
    static Result<ConversationStore> open(const std::filesystem::path& path);
    // $QUANTDESK_DATA_DIR, else the platform's user data folder, + QuantDesk/conversations.sqlite.
    static std::filesystem::path defaultPath();

    Result<int64_t> createConversation(const std::string& title, const std::string& modelPath = {},
                                       const std::string& settings = {});
    Status rename(int64_t conversation, const std::string& title);
    Status setSettings(int64_t conversation, const std::string& modelPath, const std::string& settings);
    // Removes the conversation and all its messages.
    Status remove(int64_t conversation);
    Result<std::optional<StoredConversation>> conversation(int64_t id);
    // Newest first. `search` (when not empty) keeps the conversations whose title or any message
    // contains it (case-insensitive for ASCII letters).
    Result<std::vector<StoredConversation>> conversations(const std::string& search = {});

    // Adds a message under `parent` (0: a first message) and makes it the conversation's current leaf.
    // The parent must belong to the same conversation.
    Result<int64_t> addMessage(int64_t conversation, int64_t parent, const std::string& role, const std::string& content,
                               const std::string& details = {}, bool stopped = false);
    // The end of a streamed answer: its final text, whether it was stopped, and its figures.
    Status finishMessage(int64_t message, const std::string& content, bool stopped, const std::string& details);

    // The messages sharing `message`'s parent, oldest first (the ‹ 2/3 › of the GUI).
    Result<std::vector<StoredMessage>> siblings(int64_t message);
    // From the first message to the current leaf.
    Result<std::vector<StoredMessage>> branch(int64_t conversation);
    // Shows `message` and its continuation: the current leaf becomes the newest descendant reached by
    // following the newest child from `message` down.
    Status selectBranch(int64_t message);

    // The current branch as Markdown, or as JSON with the conversation's settings and every message's
    // details.
    Result<std::string> exportMarkdown(int64_t conversation);
    Result<Json> exportJson(int64_t conversation);

    // Side-by-side votes. `winner` is an index into `variants` or -1 for a tie.
    Result<int64_t> addVote(const std::string& prompt, const std::vector<VoteVariant>& variants, int winner, bool blind);
    Result<std::vector<StoredVote>> votes();
    // Per model file, most rounds first.
    Result<std::vector<WinRate>> winRates();

private:
    ConversationStore() = default;
    Status exec(const char* sql);
    Status touch(int64_t conversation);
    Result<std::optional<StoredMessage>> message(int64_t id);
    Error error(const char* what) const;

    sqlite3* m_db = nullptr;
};

}  // namespace qd
