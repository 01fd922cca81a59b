// The application's persistent settings: one typed wrapper around QSettings.
//
// Every key, its storage name and its default live in one table (settings.cpp), so what QuantDesk
// stores is visible in one place. A Settings object is created by main() and passed by reference to
// the objects that need it; there is no global instance, which lets tests give each window its own
// temporary file.
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

namespace qd::ui {

class Settings {
public:
    enum class Key {
        LibraryLocations,    // QStringList: folders (searched recursively) and single .gguf files
        WindowGeometry,      // QByteArray from QWidget::saveGeometry
        WindowState,         // QByteArray from QMainWindow::saveState
        CurrentPage,         // int: index of the page shown in the navigation
        ModelsTableSplitter, // QByteArray: table / details
        ModelsDetailsSplitter, // QByteArray: summary | metadata and tensors
        ModelsHeader,        // QByteArray: column widths and sort order of the models table
        MaxConcurrentJobs,   // int: jobs the runner runs at once (each uses every core)
        WizardOutputFolder,  // QString: the quantization wizard's last output folder
        WizardNameTemplate,  // QString: output file names, "{name}-{mix}.gguf"
        WizardMixes,         // QStringList: the methods ticked last time
        WizardContext,       // int: the context the RAM column assumes
        WizardEvaluate,      // bool: evaluate after quantizing
        WizardEvalContext,   // int: evaluation context
        WizardEvalChunks,    // int: at most this many chunks of the text (0: all)
        DisabledModelStores, // QStringList: ids of other tools' model stores the person switched off
        ChatSettings,        // QByteArray: JSON of the chat settings last used (ChatSettings::toJson)
        ChatPresets,         // QByteArray: JSON object, preset name -> chat settings
        ChatModel,           // QString: the model file chatted with last
        ChatSplitter,        // QByteArray: history | conversation | settings
        ArenaVariants,       // QStringList: the files side by side last time
        ArenaConcurrent,     // bool: side by side answers at the same time (threads split) or in turn
        ArenaBlind,          // bool: hide which column is which until the vote
        CompareAxis,         // int: 0 file size, 1 bits per weight
        CompareMetric,       // int: CompareMetric (compare_chart.h)
        CompareContext,      // int: the context the memory line and the recommendation assume
        CompareMinSpeed,     // double: the generation speed the recommendation asks for (0: any)
        CompareSplitter,     // QByteArray: charts | table
        LabSettings,         // QByteArray: JSON of the Lab page's last run settings (LabPage)
    };

    // The user's settings in the platform's usual place (registry, plist or ~/.config/QuantDesk).
    Settings();
    // Settings kept in an INI file at `path` (tests, portable installs).
    explicit Settings(const QString& iniPath);
    ~Settings();

    Settings(const Settings&) = delete;
    Settings& operator=(const Settings&) = delete;

    QStringList libraryLocations() const;
    void setLibraryLocations(const QStringList& locations);

    QByteArray bytes(Key key) const;
    void setBytes(Key key, const QByteArray& value);

    int currentPage() const;
    void setCurrentPage(int page);

    // The stored value, or the key's default from the table.
    QVariant value(Key key) const;
    void setValue(Key key, const QVariant& value);
    // Drops the stored value so the default applies again.
    void reset(Key key);
    static QVariant defaultValue(Key key);
    static QString storageName(Key key);

    // Writes pending changes to permanent storage now (QSettings also does it on its own).
    void sync();
    QString fileName() const;

private:
    std::unique_ptr<QSettings> m_store;
};

}  // namespace qd::ui
