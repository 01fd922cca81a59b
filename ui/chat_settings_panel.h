// The chat page's settings: system prompt, chat template (with a preview of the exact prompt text),
// sampling, context size and threads, and named presets. Edits apply to the next answer.
#pragma once

#include <QWidget>

#include <vector>

#include "core/engine/gpu_devices.h"
#include "ui/chat_engine.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace qd::ui {

class GpuChoiceWidget;
class Settings;

class ChatSettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChatSettingsPanel(Settings& settings, QWidget* parent = nullptr);

    ChatSettings chatSettings() const;
    void setChatSettings(const ChatSettings& s);
    // The largest context the model allows (its training context), for the spin box's range.
    void setModelContext(int maxContext);
    // The Vulkan devices for the GPU choice (MachineInfo's list), or why there are none. Until it
    // arrives the choice saved last is kept as it is.
    void setGpuDevices(const std::vector<qd::GpuDevice>& devices, const QString& error);

    QStringList presetNames() const;
    // Saves the current settings under `name` (replacing one of that name) and selects it.
    void savePreset(const QString& name);
    bool loadPreset(const QString& name);
    void deletePreset(const QString& name);

    QPlainTextEdit* systemPromptEdit() const { return m_system; }
    QComboBox* templateBox() const { return m_template; }
    QDoubleSpinBox* temperatureBox() const { return m_temperature; }
    QSpinBox* maxTokensBox() const { return m_maxTokens; }
    QSpinBox* seedBox() const { return m_seed; }
    QSpinBox* contextBox() const { return m_context; }
    QSpinBox* threadsBox() const { return m_threads; }
    GpuChoiceWidget* gpuChoice() const { return m_gpu; }
    QComboBox* presetBox() const { return m_preset; }
    QPushButton* previewButton() const { return m_preview; }

signals:
    void changed();
    void previewRequested();

private:
    void onPresetChosen(int index);
    void refreshPresets(const QString& select = {});
    void askPresetName();
    void store();

    Settings& m_settings;
    bool m_loading = false;
    QComboBox* m_preset = nullptr;
    QToolButton* m_savePreset = nullptr;
    QToolButton* m_deletePreset = nullptr;
    QPlainTextEdit* m_system = nullptr;
    QComboBox* m_template = nullptr;
    QPushButton* m_preview = nullptr;
    QDoubleSpinBox* m_temperature = nullptr;
    QSpinBox* m_topK = nullptr;
    QDoubleSpinBox* m_topP = nullptr;
    QDoubleSpinBox* m_minP = nullptr;
    QDoubleSpinBox* m_repeatPenalty = nullptr;
    QSpinBox* m_repeatWindow = nullptr;
    QSpinBox* m_maxTokens = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_context = nullptr;
    QSpinBox* m_threads = nullptr;
    GpuChoiceWidget* m_gpu = nullptr;
    QLabel* m_note = nullptr;
};

}  // namespace qd::ui
