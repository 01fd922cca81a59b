// Start-up helpers for the resources compiled into quantdesk_ui: icons and translations.
#pragma once

#include <QLocale>
#include <QString>

namespace qd::ui {

// Registers the icons. A static library's resources are not linked in unless something refers to
// them, so main() and the GUI tests call this first.
void initResources();

// Installs QuantDesk's translation for `locale` (and Qt's own, for standard dialogs, when the system
// has it). Returns the language loaded ("de", "fr"), or an empty string when the UI stays English.
QString installTranslations(const QLocale& locale);

}  // namespace qd::ui
