#include "checkpoint_writer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstring>

namespace testutil {

QByteArray floatsToBytes(const std::vector<float>& v) {
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size() * 4));
}

std::vector<float> pattern(size_t n, int seed) {
    std::vector<float> v(n);
    for (size_t i = 0; i < n; ++i) {
        // Multiples of 1/64 in [-4, 4): exact in F32, F16 and BF16, distinct across nearby indices.
        const int k = static_cast<int>((i * 37 + static_cast<size_t>(seed) * 101) % 512) - 256;
        v[i] = static_cast<float>(k) / 64.0f;
    }
    return v;
}

QByteArray toBf16Bytes(const std::vector<float>& v) {
    QByteArray out;
    for (float f : v) {
        uint32_t u;
        std::memcpy(&u, &f, 4);
        const uint16_t b = static_cast<uint16_t>(u >> 16);
        out.append(reinterpret_cast<const char*>(&b), 2);
    }
    return out;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    return f.write(bytes) == bytes.size();
}

bool writeJson(const QString& path, const QJsonObject& o) { return writeFile(path, QJsonDocument(o).toJson()); }

bool writeSafetensors(const QString& path, const std::vector<StTensorSpec>& tensors) {
    // Built by hand so the header keeps our order (QJsonObject would sort it).
    QByteArray header = "{\"__metadata__\":{\"format\":\"pt\"}";
    QByteArray data;
    for (const auto& t : tensors) {
        QByteArray shape;
        for (size_t i = 0; i < t.shape.size(); ++i) shape += (i ? "," : "") + QByteArray::number(static_cast<qlonglong>(t.shape[i]));
        header += ",\"" + QByteArray::fromStdString(t.name) + "\":{\"dtype\":\"" + QByteArray::fromStdString(t.dtype) +
                  "\",\"shape\":[" + shape + "],\"data_offsets\":[" + QByteArray::number(data.size()) + "," +
                  QByteArray::number(data.size() + t.data.size()) + "]}";
        data += t.data;
    }
    header += "}";
    while (header.size() % 8) header += ' ';
    QByteArray file(8, '\0');
    const uint64_t n = static_cast<uint64_t>(header.size());
    std::memcpy(file.data(), &n, 8);
    return writeFile(path, file + header + data);
}

QJsonObject tinyConfig(const TinyModel& m) {
    QJsonObject c;
    c["architectures"] = QJsonArray{m.architecture};
    c["vocab_size"] = m.vocab;
    c["hidden_size"] = m.embd;
    c["intermediate_size"] = m.ffn;
    c["num_hidden_layers"] = m.layers;
    c["num_attention_heads"] = m.heads;
    c["num_key_value_heads"] = m.kvHeads;
    c["max_position_embeddings"] = 128;
    c["rms_norm_eps"] = 1e-6;
    c["rope_theta"] = 500000.0;
    c["tie_word_embeddings"] = m.tied;
    c["bos_token_id"] = m.vocab - 2;
    c["eos_token_id"] = m.vocab - 1;
    return c;
}

std::vector<StTensorSpec> tinyTensors(const TinyModel& m) {
    std::vector<StTensorSpec> out;
    int seed = 0;
    const int64_t headDim = m.embd / m.heads, kv = m.kvHeads * headDim;
    auto add = [&](std::string name, std::vector<int64_t> shape) {
        size_t n = 1;
        for (auto d : shape) n *= static_cast<size_t>(d);
        auto values = pattern(n, ++seed);
        out.push_back({std::move(name), m.dtype, shape, m.dtype == "BF16" ? toBf16Bytes(values) : floatsToBytes(values)});
    };
    if (!m.tied) add("lm_head.weight", {m.vocab, m.embd});
    add("model.embed_tokens.weight", {m.vocab, m.embd});
    for (int l = 0; l < m.layers; ++l) {
        const std::string p = "model.layers." + std::to_string(l) + ".";
        add(p + "input_layernorm.weight", {m.embd});
        add(p + "mlp.down_proj.weight", {m.embd, m.ffn});
        add(p + "mlp.gate_proj.weight", {m.ffn, m.embd});
        add(p + "mlp.up_proj.weight", {m.ffn, m.embd});
        add(p + "post_attention_layernorm.weight", {m.embd});
        if (m.biases) add(p + "self_attn.k_proj.bias", {kv});
        add(p + "self_attn.k_proj.weight", {kv, m.embd});
        add(p + "self_attn.o_proj.weight", {m.embd, m.embd});
        if (m.biases) add(p + "self_attn.q_proj.bias", {m.embd});
        add(p + "self_attn.q_proj.weight", {m.embd, m.embd});
        if (m.biases) add(p + "self_attn.v_proj.bias", {kv});
        add(p + "self_attn.v_proj.weight", {kv, m.embd});
    }
    add("model.norm.weight", {m.embd});
    return out;
}

void writeByteLevelTokenizer(const QString& folder, int vocab) {
    // GPT-2's byte-to-unicode table: printable bytes map to themselves, the rest to U+0100 onwards.
    std::vector<QString> byteChar(256);
    int next = 256;
    for (int b = 0; b < 256; ++b) {
        const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174);
        byteChar[b] = QString(QChar(printable ? b : next++));
    }
    QJsonObject v;
    for (int b = 0; b < 256; ++b) v[byteChar[b]] = b;
    QJsonArray merges;
    int id = 256;
    const QString g = QString(QChar(0x120));  // 'Ġ', the space byte
    const QString words[] = {g + "t", g + "a", "th", "he", g + "th", "in", "er", "an"};
    for (const auto& w : words) {
        if (id >= vocab - 2) break;
        v[w] = id++;
        merges.append(QString(w.left(1)) + " " + w.mid(1));
    }
    for (; id < vocab - 2; ++id) v[QString("tok%1").arg(id)] = id;  // filler
    QJsonObject model{{"type", "BPE"}, {"vocab", v}, {"merges", merges}, {"byte_fallback", false}};
    QJsonArray added{
        QJsonObject{{"id", vocab - 2}, {"content", "<|im_start|>"}, {"special", true}},
        QJsonObject{{"id", vocab - 1}, {"content", "<|endoftext|>"}, {"special", true}},
    };
    const QString regex =
        "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    QJsonObject pre{{"type", "Sequence"},
                    {"pretokenizers",
                     QJsonArray{QJsonObject{{"type", "Split"}, {"pattern", QJsonObject{{"Regex", regex}}}, {"behavior", "Isolated"}, {"invert", false}},
                                QJsonObject{{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", false}, {"use_regex", false}}}}};
    QJsonObject tok{{"version", "1.0"}, {"added_tokens", added}, {"pre_tokenizer", pre}, {"model", model},
                    {"decoder", QJsonObject{{"type", "ByteLevel"}}}};
    writeJson(folder + "/tokenizer.json", tok);
    QJsonObject tc{{"add_bos_token", false}, {"eos_token", "<|endoftext|>"}, {"chat_template", "{% for m in messages %}{{ m.content }}{% endfor %}"}};
    writeJson(folder + "/tokenizer_config.json", tc);
}

bool writeTinyCheckpoint(const QString& folder, const TinyModel& m) {
    QDir().mkpath(folder);
    if (!writeJson(folder + "/config.json", tinyConfig(m))) return false;
    writeByteLevelTokenizer(folder, m.vocab);
    return writeSafetensors(folder + "/model.safetensors", tinyTensors(m));
}

}  // namespace testutil
