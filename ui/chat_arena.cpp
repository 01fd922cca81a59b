#include "ui/chat_arena.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <random>

#include "ui/chat_page.h"
#include "ui/chat_view.h"
#include "ui/format.h"
#include "ui/library.h"
#include "ui/settings.h"

namespace qd::ui {

namespace {

QString letter(int i) { return QString(QChar(char16_t(u'A' + i))); }

}  // namespace

ArenaView::ArenaView(Settings& settings, Library& library, ChatController& chat, qd::ConversationStore& history, QWidget* parent)
    : QWidget(parent), m_settings(settings), m_library(library), m_chat(chat), m_store(history) {
    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    // The variants to compare: every runnable file of the library, ticked or not.
    auto* left = new QVBoxLayout;
    auto* listLabel = new QLabel(tr("Variants to compare:"), this);
    m_list = new QListWidget(this);
    m_list->setToolTip(tr("The files that answer side by side: two or more variants of one model, or any files"));
    m_list->setMinimumWidth(220);
    m_list->setMaximumWidth(300);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setSpacing(2);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    left->addWidget(listLabel);
    left->addWidget(m_list, 1);
    outer->addLayout(left);
    auto* v = new QVBoxLayout;
    outer->addLayout(v, 1);
    auto* bar = new QHBoxLayout;
    m_mode = new QComboBox(this);
    m_mode->addItem(tr("At the same time (threads split)"));
    m_mode->addItem(tr("One after another (all threads each)"));
    m_mode->setToolTip(tr("At the same time: every column streams at once, each with its share of the cores. One after "
                          "another: each answer gets every core, so its speed figures are comparable with the others'."));
    m_blind = new QCheckBox(tr("Blind"), this);
    m_blind->setToolTip(tr("Shuffle the columns and hide which file wrote which answer until you vote"));
    m_status = new QLabel(this);
    bar->addWidget(m_mode);
    bar->addWidget(m_blind);
    bar->addWidget(m_status, 1);
    v->addLayout(bar);

    m_split = new QSplitter(Qt::Horizontal, this);
    v->addWidget(m_split, 1);
    m_hint = new QLabel(tr("Tick two or more variants on the left: say Q3_K_M and Q6_K of one model. One message then "
                           "goes to each, with the same settings and seed."),
                        m_split);
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignCenter);
    m_split->addWidget(m_hint);
    m_notice = new NoticeBar(this);
    v->addWidget(m_notice);

    m_voteBar = new QWidget(this);
    m_voteLayout = new QHBoxLayout(m_voteBar);
    m_voteLayout->setContentsMargins(0, 0, 0, 0);
    v->addWidget(m_voteBar);
    m_voteBar->hide();

    auto* inputRow = new QHBoxLayout;
    m_input = new QPlainTextEdit(this);
    m_input->setPlaceholderText(tr("One message for every column (Enter sends, Shift+Enter starts a new line)"));
    m_input->setMaximumHeight(90);
    m_input->installEventFilter(this);
    m_send = new QPushButton(tr("Send to all"), this);
    m_stop = new QPushButton(tr("Stop"), this);
    auto* newRound = new QPushButton(tr("New round"), this);
    newRound->setToolTip(tr("Forget the columns' conversations and start over"));
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_stop);
    buttons->addWidget(newRound);
    inputRow->addWidget(m_input, 1);
    inputRow->addLayout(buttons);
    v->addLayout(inputRow);

    m_mode->setCurrentIndex(m_settings.value(Settings::Key::ArenaConcurrent).toBool() ? 0 : 1);
    m_blind->setChecked(m_settings.value(Settings::Key::ArenaBlind).toBool());
    connect(m_mode, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_settings.setValue(Settings::Key::ArenaConcurrent, i == 0); });
    connect(m_blind, &QCheckBox::toggled, this, [this](bool on) {
        m_settings.setValue(Settings::Key::ArenaBlind, on);
        if (!isBusy() && !m_canVote) updateHeaders(!on);
    });
    connect(m_list, &QListWidget::itemChanged, this, [this] { chooseVariants(); });
    connect(m_send, &QPushButton::clicked, this, [this] { send(); });
    connect(m_stop, &QPushButton::clicked, this, &ArenaView::stop);
    connect(newRound, &QPushButton::clicked, this, &ArenaView::newRound);
    connect(m_input, &QPlainTextEdit::textChanged, this, &ArenaView::updateButtons);
    connect(&m_chat, &ChatController::loaded, this, [this](const QString&) { startWhenLoaded(); });
    connect(&m_chat, &ChatController::loadFailed, this, [this](const QString& path, const QString& message, const QString&) {
        if (!m_paths.contains(path) || m_pendingPrompt.isEmpty()) return;
        m_pendingPrompt.clear();
        m_status->clear();
        m_notice->show(message);
        updateButtons();
    });

    setVariants(m_settings.value(Settings::Key::ArenaVariants).toStringList());
}

ArenaView::~ArenaView() {
    // Answers still streaming: keep what each wrote, marked stopped, and stop them.
    for (auto& c : m_columns)
        if (c.stream) {
            disconnect(c.stream.get(), nullptr, this, nullptr);
            m_chat.stop(*c.stream);
            const QString partial = c.view->streamedText();
            if (!partial.isEmpty()) storeAnswer(m_variants[c.variant], partial, QJsonObject(), true);
        }
}

void ArenaView::refreshModels() {
    const QSignalBlocker block(m_list);
    m_list->clear();
    const auto choices = chatModelChoices(*m_library.model());
    for (const auto& c : choices) {
        if (!c.reason.isEmpty()) continue;
        const QFileInfo fi(c.path);
        auto* item = new QListWidgetItem(QStringLiteral("%1\n%2 · %3").arg(fi.fileName(), c.fileType, formatSize(quint64(fi.size()))), m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(m_paths.contains(c.path) ? Qt::Checked : Qt::Unchecked);
        item->setData(Qt::UserRole, c.path);
        item->setToolTip(c.path);
    }
    if (m_list->count() == 0) {
        auto* item = new QListWidgetItem(tr("No runnable models in the library"), m_list);
        item->setFlags(Qt::NoItemFlags);
    }
}

void ArenaView::chooseVariants() {
    // Ticked order is kept: a newly ticked file joins at the right.
    QStringList paths;
    for (const QString& p : m_paths)
        for (int i = 0; i < m_list->count(); ++i)
            if (m_list->item(i)->data(Qt::UserRole).toString() == p && m_list->item(i)->checkState() == Qt::Checked) paths << p;
    for (int i = 0; i < m_list->count(); ++i) {
        const QString p = m_list->item(i)->data(Qt::UserRole).toString();
        if (!p.isEmpty() && m_list->item(i)->checkState() == Qt::Checked && !paths.contains(p)) paths << p;
    }
    setVariants(paths);
}

void ArenaView::setVariants(const QStringList& paths) {
    if (isBusy()) return;
    m_paths = paths;
    m_paths.removeDuplicates();
    m_settings.setValue(Settings::Key::ArenaVariants, m_paths);
    m_variants.clear();
    for (const QString& p : m_paths) m_variants.push_back(Variant{p, nullptr, {}, 0, 0, {}, false});
    {
        const QSignalBlocker block(m_list);
        for (int i = 0; i < m_list->count(); ++i) {
            const QString p = m_list->item(i)->data(Qt::UserRole).toString();
            if (!p.isEmpty()) m_list->item(i)->setCheckState(m_paths.contains(p) ? Qt::Checked : Qt::Unchecked);
        }
    }
    m_canVote = false;
    m_prompt.clear();
    rebuildColumns();
    updateHeaders(!blind());
    updateButtons();
}

void ArenaView::setConcurrent(bool on) { m_mode->setCurrentIndex(on ? 0 : 1); }
bool ArenaView::concurrent() const { return m_mode->currentIndex() == 0; }
void ArenaView::setBlind(bool on) { m_blind->setChecked(on); }
bool ArenaView::blind() const { return m_blind->isChecked(); }

void ArenaView::newRound() {
    if (isBusy()) return;
    setVariants(m_paths);
}

bool ArenaView::isBusy() const {
    if (!m_pendingPrompt.isEmpty()) return true;
    return std::any_of(m_columns.begin(), m_columns.end(), [](const Column& c) { return !c.done; });
}

ChatView* ArenaView::columnView(int column) const { return column >= 0 && column < columnCount() ? m_columns[size_t(column)].view : nullptr; }

QString ArenaView::columnHeader(int column) const {
    return column >= 0 && column < columnCount() ? m_columns[size_t(column)].header->text() : QString();
}

QString ArenaView::columnModel(int column) const {
    return column >= 0 && column < columnCount() ? m_variants[m_columns[size_t(column)].variant].path : QString();
}

QString ArenaView::columnText(int column) const {
    return column >= 0 && column < columnCount() ? m_variants[m_columns[size_t(column)].variant].lastAnswer : QString();
}

QString ArenaView::variantLabel(const Variant& v) const {
    const QString name = QFileInfo(v.path).fileName();
    return v.model ? tr("%1 (%2)").arg(name, v.model->fileType) : name;
}

void ArenaView::rebuildColumns() {
    for (auto& c : m_columns) delete c.frame;
    m_columns.clear();
    for (size_t i = 0; i < m_variants.size(); ++i) {
        Column c;
        c.frame = new QWidget(m_split);
        auto* v = new QVBoxLayout(c.frame);
        v->setContentsMargins(2, 0, 2, 0);
        c.header = new QLabel(c.frame);
        c.header->setStyleSheet(QStringLiteral("font-weight:bold; padding:3px"));
        c.header->setTextInteractionFlags(Qt::TextSelectableByMouse);
        c.view = new ChatView(c.frame);
        c.view->setActionsEnabled(false);
        v->addWidget(c.header);
        v->addWidget(c.view, 1);
        c.variant = i;
        m_split->addWidget(c.frame);
        m_columns.push_back(c);
    }
    m_hint->setVisible(m_variants.size() < 2);
}

void ArenaView::updateHeaders(bool reveal) {
    m_revealed = reveal;
    for (int i = 0; i < columnCount(); ++i) {
        const Variant& v = m_variants[m_columns[size_t(i)].variant];
        m_columns[size_t(i)].header->setText(reveal ? tr("%1 — %2").arg(letter(i), variantLabel(v)) : tr("Answer %1").arg(letter(i)));
        m_columns[size_t(i)].header->setToolTip(reveal ? v.path : tr("Hidden until you vote"));
    }
}

void ArenaView::updateButtons() {
    const bool busy = isBusy();
    m_send->setEnabled(!busy && m_variants.size() >= 2 && !m_input->toPlainText().trimmed().isEmpty());
    m_stop->setEnabled(busy);
    m_list->setEnabled(!busy);
    m_mode->setEnabled(!busy);
    m_voteBar->setVisible(m_canVote);
}

int ArenaView::threadsPerModel() const {
    const int all = m_chatSettings.load.threads > 0 ? m_chatSettings.load.threads : qd::ThreadPool::hardwareThreads();
    return concurrent() ? std::max(1, all / int(std::max<size_t>(1, m_variants.size()))) : all;
}

LoadOptions ArenaView::roundLoadOptions() const {
    LoadOptions o = m_roundSettings.load;
    o.threads = threadsPerModel();
    return o;
}

void ArenaView::send(const QString& given) {
    if (isBusy() || m_variants.size() < 2) return;
    const QString text = given.isEmpty() ? m_input->toPlainText().trimmed() : given;
    if (text.isEmpty()) return;
    m_input->clear();
    m_notice->hide();
    m_canVote = false;
    m_pendingPrompt = text;
    m_roundSettings = m_chatSettings;
    // One seed for every column, so the only difference is the file.
    if (m_roundSettings.seed < 0) m_roundSettings.seed = int(std::random_device{}() & 0x7fffffff);
    const LoadOptions options = roundLoadOptions();
    int loading = 0;
    for (auto& v : m_variants) {
        auto m = m_chat.model(v.path);
        if (m && m->options == options) continue;
        if (!m_chat.isLoading(v.path)) m_chat.load(v.path, options);
        ++loading;
    }
    m_status->setText(loading ? tr("Loading %n variant(s)…", nullptr, loading) : QString());
    updateButtons();
    startWhenLoaded();
}

void ArenaView::startWhenLoaded() {
    if (m_pendingPrompt.isEmpty()) return;
    const LoadOptions options = roundLoadOptions();
    for (auto& v : m_variants) {
        auto m = m_chat.model(v.path);
        if (!m || m->options != options) return;
        v.model = m;
    }
    m_status->clear();
    m_prompt = m_pendingPrompt;
    m_pendingPrompt.clear();
    // Blind: a fresh order every round, so position gives nothing away.
    std::vector<size_t> order(m_variants.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (blind()) std::shuffle(order.begin(), order.end(), std::mt19937(std::random_device{}()));
    for (size_t c = 0; c < m_columns.size(); ++c) m_columns[c].variant = order[c];
    updateHeaders(!blind());
    for (int c = 0; c < columnCount(); ++c) {
        Column& col = m_columns[size_t(c)];
        const Variant& v = m_variants[col.variant];
        QList<ChatViewMessage> shown;
        for (const auto& m : v.history) {
            ChatViewMessage vm;
            vm.role = QString::fromStdString(m.role);
            vm.author = vm.role == QLatin1String("user") ? tr("You") : (blind() ? tr("Answer %1").arg(letter(c)) : v.model->name);
            vm.content = QString::fromStdString(m.content);
            shown.append(vm);
        }
        ChatViewMessage question;
        question.role = QStringLiteral("user");
        question.author = tr("You");
        question.content = m_prompt;
        shown.append(question);
        col.view->setMessages(shown);
        col.done = false;
        col.answered = false;
        col.stream.reset();
    }
    if (concurrent()) {
        for (int c = 0; c < columnCount(); ++c) startColumn(c);
    } else {
        startColumn(0);
    }
    updateButtons();
}

void ArenaView::startColumn(int c) {
    Column& col = m_columns[size_t(c)];
    Variant& v = m_variants[col.variant];
    AnswerRequest request;
    request.model = v.model;
    request.history = v.history;
    request.user = m_prompt.toStdString();
    request.settings = m_roundSettings;
    request.title = tr("Side by side: answer with %1").arg(QFileInfo(v.path).fileName());
    col.stream = m_chat.answer(std::move(request));
    col.view->beginAnswer(blind() ? tr("Answer %1").arg(letter(c)) : v.model->name);
    connect(col.stream.get(), &AnswerStream::piece, this, [this, c](const QString& text, int) {
        m_columns[size_t(c)].view->appendAnswer(text);
    });
    connect(col.stream.get(), &AnswerStream::finished, this, [this, c](const AnswerResult& r) { onColumnFinished(c, r); });
}

void ArenaView::onColumnFinished(int c, const AnswerResult& result) {
    Column& col = m_columns[size_t(c)];
    Variant& v = m_variants[col.variant];
    col.done = true;
    col.answered = result.ok && !result.stopped;
    col.stream.reset();
    ChatViewMessage answer;
    answer.role = QStringLiteral("assistant");
    answer.author = blind() && !m_revealed ? tr("Answer %1").arg(letter(c)) : v.model->name;
    answer.content = result.ok ? result.text : col.view->streamedText();
    answer.stopped = result.stopped || !result.ok;
    if (result.ok) answer.figures = answerFigures(result.details);
    else answer.error = result.error;
    // Blind: the figures name the file and its speed gives it away; they appear with the vote.
    col.revealed = answer;
    col.revealed.author = v.model->name;
    if (blind() && !m_revealed) answer.figures.clear();
    col.view->endAnswer(answer);
    v.failed = !result.ok;

    // Its own conversation in the history.
    QJsonObject details = result.details;
    if (!result.ok) details["error"] = result.error;
    storeAnswer(v, answer.content, details, answer.stopped);
    v.history.push_back({"user", m_prompt.toStdString()});
    v.history.push_back({"assistant", answer.content.toStdString()});
    v.lastAnswer = answer.content;

    if (!concurrent() && c + 1 < columnCount()) {
        if (!result.stopped) {
            startColumn(c + 1);
            return;
        }
        for (int rest = c + 1; rest < columnCount(); ++rest) m_columns[size_t(rest)].done = true;  // stopped: not started
    }
    if (isBusy()) return;
    // Everyone is done (or the person stopped): the vote when all answered.
    for (auto& other : m_columns)
        if (!other.done) return;
    const bool allAnswered = std::all_of(m_columns.begin(), m_columns.end(), [](const Column& x) { return x.answered; });
    qDeleteAll(m_voteButtons);
    m_voteButtons.clear();
    while (QLayoutItem* item = m_voteLayout->takeAt(0)) delete item;
    if (allAnswered) {
        m_voteLayout->addWidget(new QLabel(tr("Which answer is better?"), m_voteBar));
        for (int i = 0; i < columnCount(); ++i) {
            auto* b = new QPushButton(tr("%1 is better").arg(letter(i)), m_voteBar);
            connect(b, &QPushButton::clicked, this, [this, i] { vote(i); });
            m_voteLayout->addWidget(b);
            m_voteButtons << b;
        }
        auto* tie = new QPushButton(tr("Tie"), m_voteBar);
        connect(tie, &QPushButton::clicked, this, [this] { vote(-1); });
        m_voteLayout->addWidget(tie);
        m_voteButtons << tie;
        m_voteLayout->addStretch(1);
        m_canVote = true;
    }
    updateButtons();
    emit roundFinished();
}

void ArenaView::storeAnswer(Variant& v, const QString& answer, const QJsonObject& details, bool stopped) {
    if (!v.conversation) {
        QJsonObject o = m_roundSettings.toJson();
        o["side_by_side"] = true;
        QString title = m_prompt.simplified();
        if (title.size() > 40) title = title.left(37) + QStringLiteral("…");
        auto id = m_store.createConversation(tr("Side by side: %1").arg(title).toStdString(), v.path.toStdString(),
                                             QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString());
        if (!id) {
            m_notice->show(tr("The answer could not be stored: %1").arg(QString::fromStdString(id.message())));
            return;
        }
        v.conversation = *id;
    }
    auto q = m_store.addMessage(v.conversation, v.lastMessage, "user", m_prompt.toStdString());
    if (!q) {
        m_notice->show(tr("The answer could not be stored: %1").arg(QString::fromStdString(q.message())));
        return;
    }
    auto a = m_store.addMessage(v.conversation, *q, "assistant", answer.toStdString(),
                                QJsonDocument(details).toJson(QJsonDocument::Compact).toStdString(), stopped);
    v.lastMessage = a ? *a : *q;
}

bool ArenaView::vote(int column) {
    if (!m_canVote || column < -1 || column >= columnCount()) return false;
    std::vector<qd::VoteVariant> variants;
    for (const auto& c : m_columns) {
        const Variant& v = m_variants[c.variant];
        variants.push_back({v.path.toStdString(), v.model ? v.model->fileType.toStdString() : std::string(), v.lastMessage});
    }
    auto id = m_store.addVote(m_prompt.toStdString(), variants, column, blind());
    if (!id) {
        m_notice->show(tr("The vote could not be stored: %1").arg(QString::fromStdString(id.message())));
        return false;
    }
    m_canVote = false;
    if (!m_revealed) {
        for (auto& c : m_columns) {
            QList<ChatViewMessage> shown = c.view->messages();
            if (!shown.isEmpty()) shown.last() = c.revealed;
            c.view->setMessages(shown);
        }
    }
    updateHeaders(true);
    m_status->setText(column < 0 ? tr("Voted: a tie.") : tr("Voted: %1 was better — %2.").arg(letter(column), variantLabel(m_variants[m_columns[size_t(column)].variant])));
    updateButtons();
    emit voted(column);
    return true;
}

void ArenaView::stop() {
    m_pendingPrompt.clear();
    for (auto& c : m_columns)
        if (c.stream) m_chat.stop(*c.stream);
    // One after another: the columns not started yet do not start.
    updateButtons();
}

bool ArenaView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_input) {
        switch (chatInputKey(event)) {
            case ChatInputKey::Send: send(); return true;
            case ChatInputKey::Escape: stop(); return true;
            case ChatInputKey::None: break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace qd::ui
