#include "ui/demo_model.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace qd::ui {

namespace {

QString findDemoFile(const QString& name) {
    const QString appDir = QCoreApplication::applicationDirPath();
    const QStringList candidates = {
        appDir + QStringLiteral("/../share/quantdesk/demo/") + name,  // installed (bin/ beside share/)
        QStringLiteral(QD_SOURCE_RESOURCES "/demo/") + name,          // run from the build tree
    };
    for (const QString& c : candidates)
        if (QFileInfo(c).isFile()) return QDir::cleanPath(QFileInfo(c).absoluteFilePath());
    return {};
}

}  // namespace

QString demoModelPath() { return findDemoFile(QStringLiteral("shakespeare-Q8_0.gguf")); }
QString demoTextPath() { return findDemoFile(QStringLiteral("shakespeare-val.txt")); }
QString demoCalibrationPath() { return findDemoFile(QStringLiteral("shakespeare-calib.txt")); }

}  // namespace qd::ui
