// A small command-line parser shared by the quantdesk-cli subcommands.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace qd::cli {

class Args {
public:
    // `valueOptions`: options that take a value ("-o", "--threads"); every other "-x"/"--xx" is a flag.
    Args(int argc, char** argv, std::vector<std::string> valueOptions);

    const std::vector<std::string>& positional() const { return m_positional; }
    bool flag(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;  // last occurrence
    std::vector<std::string> values(const std::string& name) const;   // every occurrence
    // First problem found while parsing (an option missing its value, an unknown option), or empty.
    const std::string& error() const { return m_error; }
    // Reports options not in `known` (flags and value options) as an error.
    bool checkKnown(const std::vector<std::string>& knownFlags);

private:
    std::vector<std::string> m_valueOptions;
    std::vector<std::string> m_positional;
    std::vector<std::string> m_flags;
    std::vector<std::pair<std::string, std::string>> m_values;
    std::string m_error;
};

int fail(const std::string& message);  // prints "error: message" to stderr, returns 1

}  // namespace qd::cli
