// Small file readers shared by the tests that compare against the fixtures in ../shared.
#pragma once

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <span>
#include <string>

namespace testfiles {

// The JSON object in `path`, or an empty one when it cannot be read.
inline QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// The whole file as bytes, or empty.
inline std::string readText(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll().toStdString();
}

// SHA-256 of the file in lower-case hex (streamed), or empty when it cannot be read.
inline QString fileSha256(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return QString::fromLatin1(h.result().toHex());
}

// SHA-256 of bytes (a tensor's data) in lower-case hex, as the fixtures' manifests give them.
inline QString bytesSha256(std::span<const uint8_t> bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(QByteArrayView(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size())),
                                                        QCryptographicHash::Sha256)
                                   .toHex());
}

}  // namespace testfiles
