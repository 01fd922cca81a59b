#include "args.h"

#include <algorithm>
#include <cstdio>

namespace qd::cli {

Args::Args(int argc, char** argv, std::vector<std::string> valueOptions) : m_valueOptions(std::move(valueOptions)) {
    bool onlyPositional = false;
    for (int i = 0; i < argc; ++i) {
        std::string a = argv[i];
        if (onlyPositional || a.size() < 2 || a[0] != '-' ) {
            m_positional.push_back(a);
            continue;
        }
        if (a == "--") {
            onlyPositional = true;
            continue;
        }
        std::string name = a, inlineValue;
        bool hasInline = false;
        if (auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
            name = a.substr(0, eq);
            inlineValue = a.substr(eq + 1);
            hasInline = true;
        }
        if (std::find(m_valueOptions.begin(), m_valueOptions.end(), name) != m_valueOptions.end()) {
            if (hasInline) {
                m_values.emplace_back(name, inlineValue);
            } else if (i + 1 < argc) {
                m_values.emplace_back(name, argv[++i]);
            } else if (m_error.empty()) {
                m_error = "option " + name + " needs a value";
            }
        } else {
            m_flags.push_back(a);
        }
    }
}

bool Args::flag(const std::string& name) const { return std::find(m_flags.begin(), m_flags.end(), name) != m_flags.end(); }

std::optional<std::string> Args::value(const std::string& name) const {
    std::optional<std::string> v;
    for (const auto& [k, val] : m_values)
        if (k == name) v = val;
    return v;
}

std::vector<std::string> Args::values(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [k, val] : m_values)
        if (k == name) out.push_back(val);
    return out;
}

bool Args::checkKnown(const std::vector<std::string>& knownFlags) {
    for (const auto& f : m_flags) {
        if (std::find(knownFlags.begin(), knownFlags.end(), f) == knownFlags.end()) {
            if (m_error.empty()) m_error = "unknown option " + f;
            return false;
        }
    }
    return m_error.empty();
}

int fail(const std::string& message) {
    std::fprintf(stderr, "error: %s\n", message.c_str());
    return 1;
}

}  // namespace qd::cli
