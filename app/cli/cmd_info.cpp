// quantdesk-cli info: what a GGUF file holds, and metadata edits written to a copy.
#include <cstdio>
#include <filesystem>
#include <string>

#include "args.h"
#include "commands.h"
#include "core/engine/run_check.h"
#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_writer.h"
#include "core/gguf/metadata_text.h"
#include "core/gguf/model_summary.h"

namespace qd::cli {

namespace {

void printSummary(const GgufFile& file, const ModelSummary& s, uint64_t context) {
    auto line = [](const char* label, const std::string& value) { std::printf("%-18s %s\n", label, value.c_str()); };
    line("File:", file.path().filename().string() + " (" + formatBytes(s.fileSize) + ", GGUF v" +
                      std::to_string(s.ggufVersion) + ")");
    line("Name:", s.name);
    line("Architecture:", s.architecture.empty() ? "(none)" : s.architecture);
    line("Parameters:", s.parameterCount ? s.sizeLabel + " (" + std::to_string(s.parameterCount) + ")" : "none");
    char bpw[64];
    std::snprintf(bpw, sizeof bpw, "%.2f", s.bitsPerWeight);
    if (s.parameterCount) line("File type:", s.fileType + (s.fileTypeGuessed ? " (guessed)" : "") + ", " + bpw + " bits per weight");
    std::string types;
    for (const auto& [t, n] : s.tensorsByType) types += (types.empty() ? "" : ", ") + t + ": " + std::to_string(n);
    line("Tensors:", std::to_string(s.tensorCount) + (types.empty() ? "" : " (" + types + ")"));
    if (s.contextLength) line("Context length:", std::to_string(s.contextLength));
    if (s.embeddingLength) line("Embedding length:", std::to_string(s.embeddingLength));
    if (s.feedForwardLength) line("FFN length:", std::to_string(s.feedForwardLength));
    if (s.blockCount) line("Layers:", std::to_string(s.blockCount));
    if (s.headCount)
        line("Heads:", std::to_string(s.headCount) + " (KV heads: " + std::to_string(s.headCountKv ? s.headCountKv : s.headCount) + ")");
    if (s.vocabSize) line("Vocabulary:", std::to_string(s.vocabSize));
    if (!s.tokenizerModel.empty())
        line("Tokenizer:", s.tokenizerModel + (s.tokenizerPre.empty() ? "" : " (pre-tokenizer " + s.tokenizerPre + ")"));
    line("Chat template:", s.hasChatTemplate ? "yes" : "no");
    if (context) {
        line(("Memory at " + std::to_string(context) + ":").c_str(),
             formatBytes(s.memoryForContext(context)) + " (weights " + formatBytes(s.tensorBytes) + " + KV cache " +
                 formatBytes(s.kvCacheBytes(context)) + ", F16)");
    }
    line("Runs in QuantDesk:", s.unsupported.empty() ? "yes" : "no: " + s.unsupported);
}

void printTensors(const GgufFile& file) {
    size_t nameWidth = 4;
    for (const auto& t : file.tensors()) nameWidth = std::max(nameWidth, t.name.size());
    std::printf("\n%-*s  %-8s  %-22s  %12s\n", int(nameWidth), "name", "type", "shape", "bytes");
    for (const auto& t : file.tensors()) {
        std::printf("%-*s  %-8s  %-22s  %12llu\n", int(nameWidth), t.name.c_str(), std::string(ggmlTypeName(t.type)).c_str(),
                    t.shapeString().c_str(), static_cast<unsigned long long>(t.nBytes));
    }
}

Json tensorsJson(const GgufFile& file) {
    Json arr = Json::array();
    for (const auto& t : file.tensors()) {
        Json j = Json::object();
        j.set("name", t.name);
        j.set("type", std::string(ggmlTypeName(t.type)));
        Json shape = Json::array();
        for (uint64_t d : t.dims) shape.push(Json(d));
        j.set("shape", shape);
        j.set("offset", file.dataOffset() + t.offset);
        j.set("bytes", t.nBytes);
        arr.push(j);
    }
    return arr;
}

int editMetadata(const GgufFile& file, Args& args) {
    auto out = args.value("-o");
    if (!out) return fail("metadata edits need an output file: -o OUT.gguf (the source is never modified)");
    std::error_code ec;
    if (std::filesystem::exists(*out, ec) && std::filesystem::equivalent(*out, file.path(), ec))
        return fail("the output would replace the source file; choose another output path");

    GgufWriter writer = GgufWriter::copyOf(file);
    for (const auto& key : args.values("--remove")) {
        if (!writer.remove(key)) return fail("key " + key + " is not in the file");
    }
    for (const auto& text : args.values("--set")) {
        auto edit = parseMetadataEdit(text, [&](std::string_view k) { return writer.find(std::string(k)); });
        if (!edit) return fail(edit.message());
        if (edit->key == "general.alignment" &&
            (edit->value.type() != GgufValueType::UInt32 || edit->value.scalarBits() == 0 ||
             (edit->value.scalarBits() & (edit->value.scalarBits() - 1)) != 0))
            return fail("general.alignment must be a uint32 power of two");
        std::printf("set %s = %s (%s)\n", edit->key.c_str(), edit->value.display().c_str(),
                    std::string(ggufValueTypeName(edit->value.type())).c_str());
        writer.set(edit->key, std::move(edit->value));
    }
    auto status = copyGgufWithMetadata(file, writer, *out);
    if (!status) return fail(status.message());
    std::printf("wrote %s (%s)\n", out->c_str(), formatBytes(writer.fileSize()).c_str());
    return 0;
}

}  // namespace

int cmdInfo(int argc, char** argv) {
    Args args(argc - 1, argv + 1, {"-o", "--set", "--remove", "--context"});
    if (!args.checkKnown({"--tensors", "--json"})) return fail(args.error());
    if (args.positional().size() != 1) return fail("info needs exactly one FILE (see quantdesk-cli info --help)");

    auto file = GgufFile::open(args.positional()[0]);
    if (!file) return fail(file.message());

    if (!args.values("--set").empty() || !args.values("--remove").empty()) return editMetadata(*file, args);
    if (args.value("-o")) return fail("-o is only used with --set or --remove");

    ModelSummary summary = summarizeModel(*file);
    uint64_t context = summary.contextLength;
    if (auto c = args.value("--context")) {
        try {
            context = std::stoull(*c);
        } catch (...) {
            return fail("--context needs a number of tokens");
        }
    }
    if (args.flag("--json")) {
        Json j = summary.toJson();
        j.set("file", file->path().string());
        j.set("memory_context", context);
        j.set("memory_at_context", summary.memoryForContext(context));
        Json meta = Json::object();
        for (const auto& kv : file->metadata()) meta.set(kv.key, ggufValueToJson(kv.value));
        j.set("metadata", meta);
        if (args.flag("--tensors")) j.set("tensors", tensorsJson(*file));
        std::printf("%s\n", j.dump(2).c_str());
        return 0;
    }
    printSummary(*file, summary, context);
    if (args.flag("--tensors")) printTensors(*file);
    return 0;
}

}  // namespace qd::cli
