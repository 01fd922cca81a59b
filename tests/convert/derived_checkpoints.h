// Checkpoints derived from ../shared's trained models for layouts no trained checkpoint has at this size,
// written so that they compute the same function as the model they come from (its own greedy tokens stay
// the oracle). Shared by the engine tests (test_families) and the Vulkan tests (test_vk_backend).
#pragma once

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstring>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "checkpoint_writer.h"

namespace testutil {

// The F32 tensors of a safetensors file, read here (not with the importer's reader): name -> (PyTorch
// shape, values).
inline std::map<std::string, std::pair<std::vector<int64_t>, std::vector<float>>> readSafetensorsF32(const QString& path) {
    std::map<std::string, std::pair<std::vector<int64_t>, std::vector<float>>> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return out;
    const QByteArray all = f.readAll();
    uint64_t n = 0;
    std::memcpy(&n, all.constData(), 8);
    const QJsonObject header = QJsonDocument::fromJson(all.mid(8, qsizetype(n))).object();
    for (auto it = header.begin(); it != header.end(); ++it) {
        const QJsonObject t = it.value().toObject();
        if (it.key() == "__metadata__" || t["dtype"].toString() != "F32") continue;
        std::vector<int64_t> shape;
        for (const auto& d : t["shape"].toArray()) shape.push_back(d.toInteger());
        const QJsonArray range = t["data_offsets"].toArray();
        const qint64 begin = range[0].toInteger(), end = range[1].toInteger();
        std::vector<float> v(static_cast<size_t>(end - begin) / 4);
        std::memcpy(v.data(), all.constData() + 8 + n + begin, static_cast<size_t>(end - begin));
        out[it.key().toStdString()] = {shape, std::move(v)};
    }
    return out;
}

// Falcon's 40B/180B layout (new_decoder_architecture: grouped KV heads in a per-group fused QKV, the
// attention's own norm ln_attn beside the MLP's ln_mlp) from the trained 7B-layout model in `source`,
// computing the same function:
//  - its one K/V head becomes two identical groups, each followed by its 4 query heads, in the
//    checkpoint's per-group row order [q q q q k v][q q q q k v] (which the importer must reorder);
//  - ln_attn is input_layernorm times 2 (weight and bias) and the QKV rows are halved, so the
//    attention sees the same q, k and v exactly (powers of two) while a mixed-up norm would double
//    the MLP's input or halve the attention's; ln_mlp is input_layernorm.
// Writes the folder `folder`; returns what went wrong, or "".
inline QString writeFalcon40bLayout(const QString& source, const QString& folder) {
    auto w = readSafetensorsF32(source + "/model.safetensors");
    if (w.empty()) return "no F32 tensors in " + source + "/model.safetensors";
    QFile cf(source + "/config.json");
    if (!cf.open(QIODevice::ReadOnly)) return "cannot read " + cf.fileName();
    const QJsonObject config7b = QJsonDocument::fromJson(cf.readAll()).object();
    const int e = config7b["hidden_size"].toInt(), heads = config7b["num_attention_heads"].toInt();
    const int hd = e / heads, groups = 2, perGroup = heads / groups;
    if (config7b["num_kv_heads"].toInt() != 1) return "the source is not a multi-query (7B-layout) Falcon";
    if (!QDir().mkpath(folder)) return "cannot create " + folder;
    QJsonObject config = config7b;
    config["new_decoder_architecture"] = true;
    config["multi_query"] = false;
    config["num_kv_heads"] = groups;
    config["num_ln_in_parallel_attn"] = 2;
    if (!writeJson(folder + "/config.json", config)) return "cannot write the config";
    for (const char* f : {"tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json"}) {
        QFile::remove(folder + "/" + f);
        if (!QFile::copy(source + "/" + f, folder + "/" + f)) return QString("cannot copy ") + f;
    }

    std::map<std::string, StTensorSpec> out;  // sorted by name, as a PyTorch save lists them
    auto put = [&](const std::string& name, std::vector<int64_t> shape, const std::vector<float>& v) {
        out[name] = StTensorSpec{name, "F32", std::move(shape), floatsToBytes(v)};
    };
    auto scaled = [](std::vector<float> v, float s) {
        for (float& x : v) x *= s;
        return v;
    };
    for (const auto& [name, tensor] : w) {
        const std::string layerNorm = ".input_layernorm.";
        if (const size_t at = name.find(layerNorm); at != std::string::npos) {
            const std::string prefix = name.substr(0, at), part = name.substr(at + layerNorm.size());
            put(prefix + ".ln_mlp." + part, tensor.first, tensor.second);
            put(prefix + ".ln_attn." + part, tensor.first, scaled(tensor.second, 2.0f));
        } else if (name.find("query_key_value") != std::string::npos) {
            // 7B rows: [heads q][k][v] x e. 40B rows: per group [perGroup q][k][v].
            const std::vector<float>& v = tensor.second;
            std::vector<float> g;
            auto rows = [&](int firstHead, int count) {
                const auto* b = v.data() + static_cast<size_t>(firstHead) * hd * e;
                g.insert(g.end(), b, b + static_cast<size_t>(count) * hd * e);
            };
            for (int group = 0; group < groups; ++group) {
                rows(group * perGroup, perGroup);
                rows(heads, 1);      // the key head
                rows(heads + 1, 1);  // the value head
            }
            put(name, {int64_t(groups) * (perGroup + 2) * hd, e}, scaled(g, 0.5f));
        } else {
            put(name, tensor.first, tensor.second);
        }
    }
    std::vector<StTensorSpec> specs;
    for (auto& [name, spec] : out) specs.push_back(std::move(spec));
    if (!writeSafetensors(folder + "/model.safetensors", specs)) return "cannot write the safetensors file";
    return {};
}

}  // namespace testutil
