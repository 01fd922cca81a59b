#include "ui/chat_settings_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/chat/builtin_templates.h"
#include "core/common/thread_pool.h"
#include "ui/machine_info.h"
#include "ui/settings.h"

namespace qd::ui {

namespace {

QJsonObject presets(const Settings& s) { return QJsonDocument::fromJson(s.bytes(Settings::Key::ChatPresets)).object(); }

}  // namespace

ChatSettingsPanel::ChatSettingsPanel(Settings& settings, QWidget* parent) : QWidget(parent), m_settings(settings) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(6, 0, 0, 0);

    auto* presetRow = new QHBoxLayout;
    m_preset = new QComboBox(this);
    m_preset->setToolTip(tr("Named settings: choose one to apply it"));
    m_savePreset = new QToolButton(this);
    m_savePreset->setText(tr("Save…"));
    m_savePreset->setToolTip(tr("Save these settings as a preset"));
    m_deletePreset = new QToolButton(this);
    m_deletePreset->setText(tr("Delete"));
    m_deletePreset->setToolTip(tr("Delete the chosen preset"));
    presetRow->addWidget(new QLabel(tr("Preset:"), this));
    presetRow->addWidget(m_preset, 1);
    presetRow->addWidget(m_savePreset);
    presetRow->addWidget(m_deletePreset);
    v->addLayout(presetRow);

    auto* promptBox = new QGroupBox(tr("Prompt"), this);
    auto* pf = new QFormLayout(promptBox);
    m_system = new QPlainTextEdit(promptBox);
    m_system->setPlaceholderText(tr("System prompt (optional): how the model should behave"));
    m_system->setMaximumHeight(90);
    m_system->setTabChangesFocus(true);
    pf->addRow(m_system);
    m_template = new QComboBox(promptBox);
    m_template->addItem(tr("The model's own template"), QString());
    for (const auto& t : qd::builtinChatTemplates())
        m_template->addItem(QString::fromUtf8(t.displayName.data(), qsizetype(t.displayName.size())),
                            QString::fromUtf8(t.name.data(), qsizetype(t.name.size())));
    m_template->setToolTip(tr("How the conversation is written for the model. Models know the format they were trained on; "
                              "a built-in one helps when a model's own template is missing or broken."));
    m_preview = new QPushButton(tr("Preview prompt…"), promptBox);
    m_preview->setToolTip(tr("Show the exact text the model will be given for this conversation"));
    auto* tplRow = new QHBoxLayout;
    tplRow->addWidget(m_template, 1);
    tplRow->addWidget(m_preview);
    pf->addRow(tr("Template:"), tplRow);
    v->addWidget(promptBox);

    auto* samplingBox = new QGroupBox(tr("Sampling"), this);
    auto* sf = new QFormLayout(samplingBox);
    auto dbl = [&](double lo, double hi, double step, int decimals, const QString& tip) {
        auto* b = new QDoubleSpinBox(samplingBox);
        b->setRange(lo, hi);
        b->setSingleStep(step);
        b->setDecimals(decimals);
        b->setToolTip(tip);
        return b;
    };
    auto integer = [&](int lo, int hi, const QString& tip) {
        auto* b = new QSpinBox(samplingBox);
        b->setRange(lo, hi);
        b->setToolTip(tip);
        return b;
    };
    m_temperature = dbl(0, 2, 0.05, 2, tr("0 always picks the most likely token (greedy); higher is more varied"));
    m_topK = integer(0, 1000, tr("Only the K most likely tokens are candidates (0: off)"));
    m_topP = dbl(0.01, 1, 0.01, 2, tr("Only the most likely tokens that together have this probability (1: off)"));
    m_minP = dbl(0, 1, 0.01, 2, tr("Drops tokens less likely than this share of the most likely one (0: off)"));
    m_repeatPenalty = dbl(1, 2, 0.01, 2, tr("Makes recently used tokens less likely (1: off)"));
    m_repeatWindow = integer(0, 4096, tr("How many recent tokens the repeat penalty looks at"));
    m_maxTokens = integer(1, 32768, tr("The longest answer, in tokens"));
    m_seed = integer(-1, 2147483647, tr("The same seed, settings and conversation give the same answer"));
    m_seed->setSpecialValueText(tr("New for each answer"));
    sf->addRow(tr("Temperature:"), m_temperature);
    sf->addRow(tr("Top-k:"), m_topK);
    sf->addRow(tr("Top-p:"), m_topP);
    sf->addRow(tr("Min-p:"), m_minP);
    sf->addRow(tr("Repeat penalty:"), m_repeatPenalty);
    sf->addRow(tr("Repeat window:"), m_repeatWindow);
    sf->addRow(tr("Max tokens:"), m_maxTokens);
    sf->addRow(tr("Seed:"), m_seed);
    v->addWidget(samplingBox);

    auto* engineBox = new QGroupBox(tr("Engine"), this);
    auto* ef = new QFormLayout(engineBox);
    m_context = new QSpinBox(engineBox);
    m_context->setRange(128, 131072);
    m_context->setSingleStep(512);
    m_context->setToolTip(tr("Tokens the model sees at once: system prompt, history and the answer. More needs more memory. "
                             "Changing it reloads the model."));
    m_threads = new QSpinBox(engineBox);
    m_threads->setRange(0, std::max(1, QThread::idealThreadCount()) * 2);
    m_threads->setSpecialValueText(tr("All cores (%1)").arg(qd::ThreadPool::hardwareThreads()));
    m_threads->setToolTip(tr("CPU threads for the model. Changing it reloads the model."));
    ef->addRow(tr("Context:"), m_context);
    ef->addRow(tr("Threads:"), m_threads);
    m_gpu = new GpuChoiceWidget(engineBox);
    m_gpu->deviceBox()->setToolTip(tr("A Vulkan GPU that holds some or all of the model's layers (Help ▸ This Machine lists them). "
                                      "Changing it reloads the model."));
    ef->addRow(tr("GPU:"), m_gpu);
    v->addWidget(engineBox);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setStyleSheet(QStringLiteral("color: palette(mid)"));
    v->addWidget(m_note);
    v->addStretch(1);

    for (auto* b : {m_temperature, m_topP, m_minP, m_repeatPenalty})
        connect(b, &QDoubleSpinBox::valueChanged, this, &ChatSettingsPanel::store);
    for (auto* b : {m_topK, m_repeatWindow, m_maxTokens, m_seed, m_context, m_threads})
        connect(b, &QSpinBox::valueChanged, this, &ChatSettingsPanel::store);
    connect(m_gpu, &GpuChoiceWidget::changed, this, &ChatSettingsPanel::store);
    connect(m_system, &QPlainTextEdit::textChanged, this, &ChatSettingsPanel::store);
    connect(m_template, &QComboBox::currentIndexChanged, this, &ChatSettingsPanel::store);
    connect(m_preview, &QPushButton::clicked, this, &ChatSettingsPanel::previewRequested);
    connect(m_preset, &QComboBox::activated, this, &ChatSettingsPanel::onPresetChosen);
    connect(m_savePreset, &QToolButton::clicked, this, &ChatSettingsPanel::askPresetName);
    connect(m_deletePreset, &QToolButton::clicked, this, [this] {
        const QString name = m_preset->currentData().toString();
        if (name.isEmpty()) return;
        if (QMessageBox::question(this, tr("Delete preset"), tr("Delete the preset \"%1\"?").arg(name)) == QMessageBox::Yes)
            deletePreset(name);
    });

    const QJsonObject last = QJsonDocument::fromJson(m_settings.bytes(Settings::Key::ChatSettings)).object();
    setChatSettings(last.isEmpty() ? ChatSettings() : ChatSettings::fromJson(last));
    refreshPresets();
}

ChatSettings ChatSettingsPanel::chatSettings() const {
    ChatSettings s;
    s.systemPrompt = m_system->toPlainText();
    s.templateName = m_template->currentData().toString();
    s.sampler.temperature = float(m_temperature->value());
    s.sampler.topK = m_topK->value();
    s.sampler.topP = float(m_topP->value());
    s.sampler.minP = float(m_minP->value());
    s.sampler.repeatPenalty = float(m_repeatPenalty->value());
    s.sampler.penaltyWindow = m_repeatWindow->value();
    s.maxTokens = m_maxTokens->value();
    s.seed = m_seed->value();
    s.load.context = m_context->value();
    s.load.threads = m_threads->value();
    s.load.gpuLayers = m_gpu->layers();
    s.load.gpuDevice = m_gpu->device();
    s.load.gpuAllowCpuDevice = m_gpu->cpuDevice();
    return s;
}

void ChatSettingsPanel::setChatSettings(const ChatSettings& s) {
    m_loading = true;
    if (m_system->toPlainText() != s.systemPrompt) m_system->setPlainText(s.systemPrompt);
    const int t = m_template->findData(s.templateName);
    m_template->setCurrentIndex(t < 0 ? 0 : t);
    m_temperature->setValue(s.sampler.temperature);
    m_topK->setValue(s.sampler.topK);
    m_topP->setValue(s.sampler.topP);
    m_minP->setValue(s.sampler.minP);
    m_repeatPenalty->setValue(s.sampler.repeatPenalty);
    m_repeatWindow->setValue(s.sampler.penaltyWindow);
    m_maxTokens->setValue(s.maxTokens);
    m_seed->setValue(s.seed);
    m_context->setValue(s.load.context);
    m_threads->setValue(s.load.threads);
    m_gpu->setChoice(s.load.gpuLayers, s.load.gpuDevice, s.load.gpuAllowCpuDevice);
    m_loading = false;
    store();
}

void ChatSettingsPanel::setGpuDevices(const std::vector<qd::GpuDevice>& devices, const QString& error) {
    m_gpu->setDevices(devices, error);  // emits changed() when the saved choice cannot stay
}

void ChatSettingsPanel::setModelContext(int maxContext) {
    if (maxContext <= 0) {
        m_note->clear();
        return;
    }
    m_note->setText(tr("This model was trained for a context of up to %1 tokens.").arg(QLocale().toString(maxContext)));
}

void ChatSettingsPanel::store() {
    if (m_loading) return;
    m_settings.setBytes(Settings::Key::ChatSettings, QJsonDocument(chatSettings().toJson()).toJson(QJsonDocument::Compact));
    // The preset box shows a preset only while the settings are exactly it.
    const QJsonObject all = presets(m_settings);
    int match = 0;
    for (int i = 1; i < m_preset->count(); ++i)
        if (ChatSettings::fromJson(all.value(m_preset->itemData(i).toString()).toObject()) == chatSettings()) match = i;
    m_preset->setCurrentIndex(match);
    m_deletePreset->setEnabled(match > 0);
    emit changed();
}

QStringList ChatSettingsPanel::presetNames() const { return presets(m_settings).keys(); }

void ChatSettingsPanel::refreshPresets(const QString& select) {
    m_preset->clear();
    m_preset->addItem(tr("(custom)"), QString());
    for (const QString& name : presetNames()) m_preset->addItem(name, name);
    const int i = m_preset->findData(select);
    m_preset->setCurrentIndex(i < 0 ? 0 : i);
    store();
}

void ChatSettingsPanel::savePreset(const QString& name) {
    if (name.trimmed().isEmpty()) return;
    QJsonObject all = presets(m_settings);
    all[name.trimmed()] = chatSettings().toJson();
    m_settings.setBytes(Settings::Key::ChatPresets, QJsonDocument(all).toJson(QJsonDocument::Compact));
    refreshPresets(name.trimmed());
}

bool ChatSettingsPanel::loadPreset(const QString& name) {
    const QJsonObject all = presets(m_settings);
    if (!all.contains(name)) return false;
    setChatSettings(ChatSettings::fromJson(all.value(name).toObject()));
    return true;
}

void ChatSettingsPanel::deletePreset(const QString& name) {
    QJsonObject all = presets(m_settings);
    all.remove(name);
    m_settings.setBytes(Settings::Key::ChatPresets, QJsonDocument(all).toJson(QJsonDocument::Compact));
    refreshPresets();
}

void ChatSettingsPanel::onPresetChosen(int index) {
    const QString name = m_preset->itemData(index).toString();
    if (!name.isEmpty()) loadPreset(name);
}

void ChatSettingsPanel::askPresetName() {
    bool ok = false;
    const QString current = m_preset->currentData().toString();
    const QString name = QInputDialog::getText(this, tr("Save preset"), tr("Name of the preset:"), QLineEdit::Normal, current, &ok);
    if (!ok || name.trimmed().isEmpty()) return;
    if (presetNames().contains(name.trimmed()) && name.trimmed() != current &&
        QMessageBox::question(this, tr("Save preset"), tr("Replace the preset \"%1\"?").arg(name.trimmed())) != QMessageBox::Yes)
        return;
    savePreset(name);
}

}  // namespace qd::ui
