// Small file readers shared by the tests that compare against the fixtures in ../shared.
#pragma once

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <span>
#include <string>

#include "core/gguf/gguf_file.h"

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

// The tensors of `file` whose type or bytes differ from a fixtures manifest's entry list (name, type,
// sha256), or that it lacks: empty when every listed tensor is the same.
inline QStringList tensorsDifferingFromManifest(const qd::GgufFile& file, const QJsonArray& tensors) {
    QStringList differ;
    for (const auto& t : tensors) {
        const QJsonObject tj = t.toObject();
        const QString name = tj["name"].toString();
        const qd::GgufTensorInfo* mine = file.findTensor(name.toStdString());
        if (!mine) {
            differ << name + " missing";
            continue;
        }
        const QString type = QString::fromUtf8(qd::ggmlTypeName(mine->type).data(), qsizetype(qd::ggmlTypeName(mine->type).size()));
        if (type != tj["type"].toString() || bytesSha256(file.tensorData(*mine)) != tj["sha256"].toString())
            differ << QString("%1 (ours %2, theirs %3)").arg(name, type, tj["type"].toString());
    }
    return differ;
}

}  // namespace testfiles
