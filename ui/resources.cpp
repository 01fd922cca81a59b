#include "ui/resources.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initQuantDeskResources() { Q_INIT_RESOURCE(quantdesk); }

namespace qd::ui {

void initResources() { initQuantDeskResources(); }

QString installTranslations(const QLocale& locale) {
    auto* ours = new QTranslator(QCoreApplication::instance());
    if (!ours->load(locale, QStringLiteral("quantdesk"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete ours;
        return {};
    }
    QCoreApplication::installTranslator(ours);
    auto* qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return ours->language().section(QLatin1Char('_'), 0, 0);
}

}  // namespace qd::ui
