#include "core/convert/import_model.h"

#include "core/convert/hf_import.h"
#include "core/convert/llama2c_import.h"

namespace qd {

Result<LoadedImport> planImport(const std::filesystem::path& source, const ImportOptions& options) {
    std::error_code ec;
    if (!std::filesystem::exists(source, ec)) return fail(source.string() + " does not exist");
    if (!options.delta.empty()) {
        if (!std::filesystem::is_directory(source, ec))
            return fail("delta weights apply to a Hugging Face checkpoint folder; " + source.string() + " is not one");
        if (!std::filesystem::exists(options.delta, ec)) return fail(options.delta.string() + " does not exist");
        return planHfImport(options.delta, source);
    }
    return std::filesystem::is_directory(source, ec) ? planHfImport(source)
                                                     : planLlama2cImport(source, options.llama2cTokenizer);
}

Result<QuantizeSource> describeImportOutput(const LoadedImport& loaded, ImportType type) {
    auto layout = importLayout(loaded.plan, type);
    if (!layout) return layout.error();
    return describeQuantizeSource(layout->writer);
}

Result<ImportSummary> importModel(const std::filesystem::path& source, const std::filesystem::path& out,
                                  const ImportOptions& options, const ProgressFn& progress) {
    std::error_code ec;
    if (std::filesystem::exists(out, ec) && (std::filesystem::equivalent(source, out, ec) ||
                                             (!options.delta.empty() && std::filesystem::equivalent(options.delta, out, ec))))
        return fail("the output would replace the source; choose another output path");
    auto loaded = planImport(source, options);  // also says when the source does not exist
    if (!loaded) return loaded.error();
    if (auto s = writeImportPlan(loaded->plan, options.type, out, progress); !s) return s.error();
    ImportSummary summary;
    summary.architecture = loaded->architecture;
    summary.tensorCount = loaded->plan.tensors.size();
    summary.parameterCount = planParameterCount(loaded->plan.tensors);
    return summary;
}

}  // namespace qd
