#include "core/convert/model_naming.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
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

}  // namespace qd
