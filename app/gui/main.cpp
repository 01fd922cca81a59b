// quantdesk: the desktop application's entry point. Parses the command line, loads settings and
// translations, and shows the main window; everything else lives in ui/.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>
#include <memory>

#include "ui/job_runner.h"
#include "ui/library.h"
#include "ui/machine_info.h"
#include "core/chat/conversation_store.h"
#include "ui/chat_engine.h"
#include "ui/chat_page.h"
#include "ui/evaluations_model.h"
#include "ui/main_window.h"
#include "ui/model_details_panel.h"
#include "ui/models_page.h"
#include "ui/resources.h"
#include "ui/settings.h"

namespace {

// --screenshot: waits until the scan and the details panel are done, saves the window, quits.
// Used to make the pictures in the documentation and the AppStream metadata.
void scheduleScreenshot(qd::ui::MainWindow& window, const QString& file) {
    auto* timer = new QTimer(&window);
    auto* clock = new QElapsedTimer;
    clock->start();
    QObject::connect(timer, &QTimer::timeout, &window, [&window, file, clock, timer] {
        qd::ui::ModelsPage* page = window.modelsPage();
        const bool settled = !page->isScanning() && !page->details()->isLoading() && clock->elapsed() > 800;
        if (!settled && clock->elapsed() < 30000) return;
        timer->stop();
        delete clock;
        const bool saved = window.grab().save(file);
        std::fprintf(stderr, saved ? "saved %s\n" : "could not save %s\n", qPrintable(file));
        QCoreApplication::exit(saved ? 0 : 1);
    });
    timer->start(100);
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("QuantDesk"));
    QApplication::setOrganizationName(QStringLiteral("QuantDesk"));
    QApplication::setOrganizationDomain(QStringLiteral("quantdesk.io"));
    QApplication::setApplicationVersion(QStringLiteral(QD_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.quantdesk.QuantDesk"));
    qd::ui::initResources();
    qd::ui::installTranslations(QLocale());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Browse, quantize, chat with and compare local language models."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("path"),
                                 QCoreApplication::translate("main", "A GGUF file or a folder of them to add to the library and show."),
                                 QStringLiteral("[FILE_OR_FOLDER]"));
    QCommandLineOption settingsOption(
        QStringLiteral("settings"),
        QCoreApplication::translate("main", "Keep the settings in this INI file instead of the user's settings."),
        QStringLiteral("FILE"));
    parser.addOption(settingsOption);
    QCommandLineOption screenshotOption(QStringLiteral("screenshot"), QStringLiteral("Save a picture of the window once loaded, then quit."),
                                        QStringLiteral("FILE"));
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshotOption);
    parser.process(app);

    std::unique_ptr<qd::ui::Settings> settings = parser.isSet(settingsOption)
                                                     ? std::make_unique<qd::ui::Settings>(parser.value(settingsOption))
                                                     : std::make_unique<qd::ui::Settings>();

    // Application objects shared by the pages; they outlive the window.
    qd::ui::JobRunner jobs;
    jobs.setMaxConcurrent(settings->value(qd::ui::Settings::Key::MaxConcurrentJobs).toInt());
    qd::ui::Library library(*settings);
    qd::ui::ChatController chat(jobs);
    qd::ui::MachineInfo machine(jobs);  // the CPU and the Vulkan devices, for the chat settings and Help ▸ This Machine
    // The chat history; when the file cannot be used the chat still works, kept in memory, and says so.
    QString historyProblem;
    auto history = qd::ConversationStore::open(qd::ConversationStore::defaultPath());
    if (!history) {
        historyProblem = QString::fromStdString(history.message());
        history = qd::ConversationStore::open(":memory:");
    }
    if (!history) {
        std::fprintf(stderr, "quantdesk: %s\n", history.message().c_str());
        return 1;
    }
    qd::ui::EvaluationsModel evaluations(QString(), &*history);
    qd::ui::MainWindow window(*settings, library, jobs, &chat, &*history, &evaluations, &machine);
    if (!historyProblem.isEmpty())
        window.chatPage()->notice()->show(QCoreApplication::translate("main", "Conversations are not saved this time: %1").arg(historyProblem));
    window.show();

    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) window.openDemoIfLibraryEmpty();
    if (!paths.isEmpty() && !window.openPath(QDir::current().absoluteFilePath(paths.first()))) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate("main", "quantdesk: no such file or folder: %1").arg(paths.first())));
    }
    if (parser.isSet(screenshotOption)) scheduleScreenshot(window, parser.value(screenshotOption));
    return app.exec();
}
