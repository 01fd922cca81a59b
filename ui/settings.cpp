#include "ui/settings.h"

#include <QMetaType>

#include <array>

namespace qd::ui {

namespace {

struct Entry {
    Settings::Key key;
    const char* name;                   // the key in QSettings
    QMetaType::Type type;               // what value() returns
    QVariant (*makeDefault)();          // a function, since QVariant is not a literal type
};

// The single table of everything QuantDesk stores. Renaming a `name` loses the users' stored value:
// add a new row instead and drop the old one.
const std::array<Entry, 29> kEntries = {{
    {Settings::Key::LibraryLocations, "library/locations", QMetaType::QStringList, [] { return QVariant(QStringList{}); }},
    {Settings::Key::WindowGeometry, "window/geometry", QMetaType::QByteArray, [] { return QVariant(QByteArray{}); }},
    {Settings::Key::WindowState, "window/state", QMetaType::QByteArray, [] { return QVariant(QByteArray{}); }},
    {Settings::Key::CurrentPage, "window/page", QMetaType::Int, [] { return QVariant(0); }},
    {Settings::Key::ModelsTableSplitter, "models/tableSplitter", QMetaType::QByteArray, [] { return QVariant(QByteArray{}); }},
    {Settings::Key::ModelsDetailsSplitter, "models/detailsSplitter", QMetaType::QByteArray, [] { return QVariant(QByteArray{}); }},
    {Settings::Key::ModelsHeader, "models/tableHeader", QMetaType::QByteArray, [] { return QVariant(QByteArray{}); }},
    {Settings::Key::MaxConcurrentJobs, "jobs/maxConcurrent", QMetaType::Int, [] { return QVariant(1); }},
    {Settings::Key::WizardOutputFolder, "quantize/outputFolder", QMetaType::QString, [] { return QVariant(QString()); }},
    {Settings::Key::WizardNameTemplate, "quantize/nameTemplate", QMetaType::QString,
     [] { return QVariant(QStringLiteral("{name}-{mix}.gguf")); }},
    {Settings::Key::WizardMixes, "quantize/methods", QMetaType::QStringList,
     [] { return QVariant(QStringList{QStringLiteral("Q4_K_M"), QStringLiteral("Q5_K_M")}); }},
    {Settings::Key::WizardContext, "quantize/ramContext", QMetaType::Int, [] { return QVariant(4096); }},
    {Settings::Key::WizardEvaluate, "quantize/evaluate", QMetaType::Bool, [] { return QVariant(true); }},
    {Settings::Key::WizardEvalContext, "quantize/evaluationContext", QMetaType::Int, [] { return QVariant(512); }},
    {Settings::Key::WizardEvalChunks, "quantize/evaluationChunks", QMetaType::Int, [] { return QVariant(16); }},
    {Settings::Key::DisabledModelStores, "library/disabledStores", QMetaType::QStringList, [] { return QVariant(QStringList{}); }},
    {Settings::Key::ChatSettings, "chat/settings", QMetaType::QByteArray, [] { return QVariant(QByteArray()); }},
    {Settings::Key::ChatPresets, "chat/presets", QMetaType::QByteArray, [] { return QVariant(QByteArray()); }},
    {Settings::Key::ChatModel, "chat/model", QMetaType::QString, [] { return QVariant(QString()); }},
    {Settings::Key::ChatSplitter, "chat/splitter", QMetaType::QByteArray, [] { return QVariant(QByteArray()); }},
    {Settings::Key::ArenaVariants, "chat/arenaVariants", QMetaType::QStringList, [] { return QVariant(QStringList{}); }},
    {Settings::Key::ArenaConcurrent, "chat/arenaConcurrent", QMetaType::Bool, [] { return QVariant(true); }},
    {Settings::Key::ArenaBlind, "chat/arenaBlind", QMetaType::Bool, [] { return QVariant(false); }},
    {Settings::Key::CompareAxis, "compare/axis", QMetaType::Int, [] { return QVariant(0); }},
    {Settings::Key::CompareMetric, "compare/metric", QMetaType::Int, [] { return QVariant(0); }},
    {Settings::Key::CompareContext, "compare/context", QMetaType::Int, [] { return QVariant(4096); }},
    {Settings::Key::CompareMinSpeed, "compare/minSpeed", QMetaType::Double, [] { return QVariant(0.0); }},
    {Settings::Key::CompareSplitter, "compare/splitter", QMetaType::QByteArray, [] { return QVariant(QByteArray()); }},
    {Settings::Key::LabSettings, "lab/settings", QMetaType::QByteArray, [] { return QVariant(QByteArray()); }},
}};

const Entry& entry(Settings::Key key) {
    for (const Entry& e : kEntries)
        if (e.key == key) return e;
    Q_UNREACHABLE();  // every Key has a row; a missing one is our bug
}

}  // namespace

Settings::Settings() : m_store(std::make_unique<QSettings>()) {}

Settings::Settings(const QString& iniPath) : m_store(std::make_unique<QSettings>(iniPath, QSettings::IniFormat)) {}

Settings::~Settings() = default;

QVariant Settings::defaultValue(Key key) { return entry(key).makeDefault(); }

QString Settings::storageName(Key key) { return QString::fromLatin1(entry(key).name); }

QVariant Settings::value(Key key) const {
    const Entry& e = entry(key);
    QVariant v = m_store->value(QLatin1String(e.name));
    // A value of the wrong kind (hand-edited file, older version) falls back to the default.
    if (!v.isValid() || !v.canConvert(QMetaType(e.type))) return e.makeDefault();
    v.convert(QMetaType(e.type));
    return v;
}

void Settings::setValue(Key key, const QVariant& value) { m_store->setValue(QLatin1String(entry(key).name), value); }

void Settings::reset(Key key) { m_store->remove(QLatin1String(entry(key).name)); }

QStringList Settings::libraryLocations() const { return value(Key::LibraryLocations).toStringList(); }

void Settings::setLibraryLocations(const QStringList& locations) { setValue(Key::LibraryLocations, locations); }

QByteArray Settings::bytes(Key key) const { return value(key).toByteArray(); }

void Settings::setBytes(Key key, const QByteArray& value) { setValue(key, value); }

int Settings::currentPage() const { return value(Key::CurrentPage).toInt(); }

void Settings::setCurrentPage(int page) { setValue(Key::CurrentPage, page); }

void Settings::sync() { m_store->sync(); }

QString Settings::fileName() const { return m_store->fileName(); }

}  // namespace qd::ui
