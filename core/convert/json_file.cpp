#include "core/convert/json_file.h"

#include <fstream>

namespace qd {

Result<std::string> readTextFile(const std::filesystem::path& path, uint64_t limit) {
    const std::string label = path.filename().string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return fail(label + " is missing from " + path.parent_path().string());
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return fail(label + ": " + ec.message());
    if (size > limit) return fail(label + " is too large (" + std::to_string(size) + " bytes)");
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail("cannot open " + path.string());
    std::string text(size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    if (static_cast<uint64_t>(in.gcount()) != size) return fail("cannot read " + path.string());
    return text;
}

Result<Json> readJsonFile(const std::filesystem::path& path) {
    auto text = readTextFile(path);
    if (!text) return text.error();
    auto json = Json::parse(*text);
    if (!json) return fail(path.filename().string() + " is not valid JSON: " + json.message());
    return json;
}

}  // namespace qd
