#include "core/gguf/file_type.h"

#include <array>
#include <cctype>

namespace qd {

namespace {

constexpr std::array kFileTypes = {
    FileTypeInfo{0, "F32", GgmlType::F32},
    FileTypeInfo{1, "F16", GgmlType::F16},
    FileTypeInfo{2, "Q4_0", GgmlType::Q4_0},
    FileTypeInfo{3, "Q4_1", GgmlType::Q4_1},
    // 4..6 removed from llama.cpp
    FileTypeInfo{7, "Q8_0", GgmlType::Q8_0},
    FileTypeInfo{8, "Q5_0", GgmlType::Q5_0},
    FileTypeInfo{9, "Q5_1", GgmlType::Q5_1},
    FileTypeInfo{10, "Q2_K", GgmlType::Q2_K},
    FileTypeInfo{11, "Q3_K_S", GgmlType::Q3_K},
    FileTypeInfo{12, "Q3_K_M", GgmlType::Q3_K},
    FileTypeInfo{13, "Q3_K_L", GgmlType::Q3_K},
    FileTypeInfo{14, "Q4_K_S", GgmlType::Q4_K},
    FileTypeInfo{15, "Q4_K_M", GgmlType::Q4_K},
    FileTypeInfo{16, "Q5_K_S", GgmlType::Q5_K},
    FileTypeInfo{17, "Q5_K_M", GgmlType::Q5_K},
    FileTypeInfo{18, "Q6_K", GgmlType::Q6_K},
    FileTypeInfo{19, "IQ2_XXS", GgmlType::IQ2_XXS},
    FileTypeInfo{20, "IQ2_XS", GgmlType::IQ2_XS},
    FileTypeInfo{21, "Q2_K_S", GgmlType::Q2_K},
    FileTypeInfo{22, "IQ3_XS", GgmlType::IQ3_S},
    FileTypeInfo{23, "IQ3_XXS", GgmlType::IQ3_XXS},
    FileTypeInfo{24, "IQ1_S", GgmlType::IQ1_S},
    FileTypeInfo{25, "IQ4_NL", GgmlType::IQ4_NL},
    FileTypeInfo{26, "IQ3_S", GgmlType::IQ3_S},
    FileTypeInfo{27, "IQ3_M", GgmlType::IQ3_S},
    FileTypeInfo{28, "IQ2_S", GgmlType::IQ2_S},
    FileTypeInfo{29, "IQ2_M", GgmlType::IQ2_S},
    FileTypeInfo{30, "IQ4_XS", GgmlType::IQ4_XS},
    FileTypeInfo{31, "IQ1_M", GgmlType::IQ1_M},
    FileTypeInfo{32, "BF16", GgmlType::BF16},
    // 33..35 removed from GGUF files (runtime repacking instead)
    FileTypeInfo{36, "TQ1_0", GgmlType::TQ1_0},
    FileTypeInfo{37, "TQ2_0", GgmlType::TQ2_0},
};

}  // namespace

std::span<const FileTypeInfo> fileTypeTable() { return kFileTypes; }

std::optional<FileTypeInfo> fileTypeById(uint32_t id) {
    for (const auto& f : kFileTypes)
        if (f.id == id) return f;
    return std::nullopt;
}

std::optional<FileTypeInfo> fileTypeByName(std::string_view name) {
    for (const auto& f : kFileTypes) {
        if (f.name.size() != name.size()) continue;
        bool same = true;
        for (size_t i = 0; i < name.size() && same; ++i)
            same = std::toupper(static_cast<unsigned char>(name[i])) == static_cast<unsigned char>(f.name[i]);
        if (same) return f;
    }
    return std::nullopt;
}

bool isUnquantizedName(std::string_view name) { return name == "F32" || name == "F16" || name == "BF16"; }

}  // namespace qd
