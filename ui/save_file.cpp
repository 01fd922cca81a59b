#include "ui/save_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <filesystem>

namespace qd::ui {

QString temporaryBeside(const QString& path) {
    const QFileInfo fi(path);
    return fi.absolutePath() + QStringLiteral("/.") + fi.fileName() + QStringLiteral(".part");
}

QString renameInto(const QString& temporary, const QString& path) {
    std::error_code ec;
    std::filesystem::rename(temporary.toStdString(), path.toStdString(), ec);
    if (ec) {
        QFile::remove(temporary);
        return QCoreApplication::translate("qd::ui::SaveFile", "Cannot write %1: %2")
            .arg(QDir::toNativeSeparators(path), QString::fromStdString(ec.message()));
    }
    return {};
}

QString withFilterSuffix(const QString& path, const QString& selectedFilter, const QString& fallbackSuffix) {
    if (!QFileInfo(path).suffix().isEmpty()) return path;
    const int star = selectedFilter.indexOf(QStringLiteral("*."));
    return path + (star >= 0 ? selectedFilter.mid(star + 1, selectedFilter.indexOf(QLatin1Char(')'), star) - star - 1)
                             : QLatin1Char('.') + fallbackSuffix);
}

}  // namespace qd::ui
