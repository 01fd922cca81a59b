#include "core/convert/model_naming.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <regex>
#include <set>
#include <sstream>
#include <vector>

namespace qd {

namespace {

bool isLower(char c) { return c >= 'a' && c <= 'z'; }
bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isCased(char c) { return isLower(c) || isUpper(c); }

// "v1", "v1.2.3" or anything starting with a digit.
bool isVersionOrNumber(const std::string& w) {
    if (w.empty()) return false;
    if (w[0] >= '0' && w[0] <= '9') return true;
    if (w[0] != 'v' || w.size() < 2) return false;
    bool digitRun = false;
    for (size_t i = 1; i < w.size(); ++i) {
        if (w[i] >= '0' && w[i] <= '9') digitRun = true;
        else if (w[i] == '.' && digitRun) digitRun = false;
        else return false;
    }
    return digitRun;
}

// Python's str.title(): a letter after a non-letter goes upper case, other letters lower case.
std::string titleCase(const std::string& w) {
    std::string out = w;
    bool prevCased = false;
    for (char& c : out) {
        if (isCased(c)) {
            c = prevCased ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                          : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            prevCased = true;
        } else {
            prevCased = false;
        }
    }
    return out;
}

}  // namespace

std::string modelIdToTitle(const std::string& id) {
    std::string spaced = id;
    for (char& c : spaced)
        if (c == '-') c = ' ';
    std::istringstream words(spaced);
    std::string w, out;
    while (words >> w) {
        bool hasCased = false, allLower = true;
        for (char c : w) {
            if (isCased(c)) hasCased = true;
            if (isUpper(c)) allLower = false;
        }
        if (hasCased && allLower && !isVersionOrNumber(w)) w = titleCase(w);
        out += (out.empty() ? "" : " ") + w;
    }
    return out;
}

std::string ggufSizeLabel(uint64_t n) {
    const double count = static_cast<double>(n);
    double scaled;
    char suffix;
    if (count > 1e12) { scaled = count * 1e-12; suffix = 'T'; }
    else if (count > 1e9) { scaled = count * 1e-9; suffix = 'B'; }
    else if (count > 1e6) { scaled = count * 1e-6; suffix = 'M'; }
    else { scaled = count * 1e-3; suffix = 'K'; }
    // Digits of the rounded value (Python's round: halves to even), zero counting as none.
    const double rounded = std::nearbyint(scaled);
    int digits = 0;
    for (double r = rounded; r >= 1.0; r = std::floor(r / 10.0)) ++digits;
    const int decimals = std::max(2 - digits, 0);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f%c", decimals, scaled, suffix);
    return buf;
}

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::string joinParts(const std::vector<std::string>& parts, const std::vector<std::set<std::string>>& types,
                      const char* kind, const char* unless = nullptr, bool dedupe = false) {
    std::string out;
    std::set<std::string> seen;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (!types[i].count(kind) || (unless && types[i].count(unless))) continue;
        if (dedupe && !seen.insert(parts[i]).second) continue;
        out += (out.empty() ? "" : "-") + parts[i];
    }
    return out;
}

}  // namespace

ModelIdParts modelIdComponents(const std::string& id, uint64_t totalParams) {
    ModelIdParts r;
    if (id.empty()) return r;
    if (id.find(' ') != std::string::npos) {  // a plain sentence: only a name
        r.fullName = id;
        return r;
    }
    r.fullName = id;
    if (auto slash = id.find('/'); slash != std::string::npos) {
        r.organization = id.substr(0, slash);
        r.fullName = id.substr(slash + 1);
        if (!r.organization.empty() && r.organization[0] == '.') r.organization.clear();  // "./model"
    }
    std::vector<std::string> parts;
    {
        std::string cur;
        for (char c : r.fullName + "-") {
            if (c == '-') {
                if (!cur.empty()) parts.push_back(cur);
                cur.clear();
            } else {
                cur += c;
            }
        }
    }
    static const std::regex versionRe(R"((v|iter)?\d+([.]\d+)*)", std::regex::icase);
    static const std::regex typeRe(R"(i?q\d(_\w)*|b?fp?(16|32))", std::regex::icase);
    static const std::regex sizeRe(R"((([A]|\d+[x])?\d+([._]\d+)?[KMBT][\d]?|small|mini|medium|large|x?xl))", std::regex::icase);
    static const std::regex finetuneRe(R"(chat|instruct|vision|lora)", std::regex::icase);
    std::vector<std::set<std::string>> types(parts.size());
    for (size_t i = 0; i < parts.size(); ++i) {
        std::string part = parts[i];
        if (std::regex_match(part, versionRe)) {
            types[i].insert("version");
        } else if (std::regex_match(part, typeRe)) {
            types[i].insert("type");
            for (char& c : parts[i]) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        } else if (i > 0 && std::regex_match(part, sizeRe)) {
            for (char& c : part)
                if (c == '_') c = '.';
            if (isDigit(part.back()) && part.size() >= 2)  // bloom-7b1 -> 7.1b
                part = part.substr(0, part.size() - 2) + "." + part.back() + part[part.size() - 2];
            if (part.size() > 1 && isDigit(part[part.size() - 2]) && std::string("kmbt").find(part.back()) != std::string::npos)
                part.back() = static_cast<char>(std::toupper(static_cast<unsigned char>(part.back())));
            if (totalParams != 0) {
                const std::string number = part.substr(0, part.size() - 1);
                char* end = nullptr;
                const double value = std::strtod(number.c_str(), &end);
                const auto scale = std::string(" KMBT").find(part.back());
                if (!number.empty() && end && *end == '\0' && scale != std::string::npos) {
                    const double labelParams = value * std::pow(1000.0, double(scale));
                    const double total = double(totalParams);
                    if (std::fabs(labelParams - total) > double(7 * totalParams / 8) && total > 0) {
                        types[i].insert("finetune");  // most likely a context length
                        part.back() = static_cast<char>(std::tolower(static_cast<unsigned char>(part.back())));
                    }
                }
            }
            if (types[i].empty()) types[i].insert("size_label");
            parts[i] = part;
        } else if (i > 0 && std::regex_match(part, finetuneRe)) {
            types[i].insert("finetune");
        }
    }
    // Word sizes ("small") are dropped when a numeric size is present.
    bool numericSize = false;
    for (size_t i = 0; i < parts.size(); ++i)
        if (types[i].count("size_label"))
            for (char c : parts[i]) numericSize = numericSize || isDigit(c);
    if (numericSize) {
        for (size_t i = 0; i < parts.size(); ++i) {
            bool alpha = !parts[i].empty();
            for (char c : parts[i]) alpha = alpha && std::isalpha(static_cast<unsigned char>(c));
            if (types[i].count("size_label") && alpha) types[i].erase("size_label");
        }
    }
    bool atStart = true;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (atStart && ((types[i].empty() && std::isalpha(static_cast<unsigned char>(parts[i][0]))) || types[i].count("version"))) {
            types[i].insert("basename");
        } else {
            atStart = false;
            if (types[i].empty()) types[i].insert("finetune");
        }
    }
    for (size_t k = parts.size(); k-- > 0;) {  // a trailing version is not part of the basename
        if (types[k].count("basename") && types[k].size() > 1) types[k].erase("basename");
        else break;
    }
    r.basename = joinParts(parts, types, "basename");
    r.sizeLabel = joinParts(parts, types, "size_label", nullptr, true);
    r.finetune = joinParts(parts, types, "finetune");
    r.version = joinParts(parts, types, "version", "basename");
    if (r.sizeLabel.empty() && r.finetune.empty() && r.version.empty()) r.basename.clear();
    return r;
}

GeneralNaming generalNaming(const std::string& nameOrPath, const std::string& folderName, uint64_t totalParams) {
    GeneralNaming n;
    auto fill = [&](const std::string& id) {
        const ModelIdParts p = modelIdComponents(id, totalParams);
        if (n.name.empty() && !p.fullName.empty()) n.name = modelIdToTitle(p.fullName);
        if (n.organization.empty() && !p.organization.empty()) n.organization = modelIdToTitle(p.organization);
        if (n.basename.empty()) n.basename = p.basename;
        if (n.finetune.empty()) n.finetune = p.finetune;
        if (n.version.empty()) n.version = p.version;
        if (n.sizeLabel.empty()) n.sizeLabel = p.sizeLabel;
    };
    if (!nameOrPath.empty() && std::count(nameOrPath.begin(), nameOrPath.end(), '/') <= 1) fill(nameOrPath);
    fill(folderName);
    if (n.name.empty()) n.name = folderName;
    if (n.sizeLabel.empty() && totalParams > 0) n.sizeLabel = ggufSizeLabel(totalParams);
    return n;
}

}  // namespace qd
