// Result<T>: the error-as-value type used at every core API boundary.
//
// File contents never throw, assert or exit: a function that can fail because of its input returns a
// Result holding either the value or an Error with a sentence meant for the person using the app.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace qd {

// What kind of failure an Error is, so a caller can tell a cancel from a failure, or a bad file from a
// full disk, without comparing message strings.
enum class ErrorKind {
    BadInput,     // the file, text or setting given is malformed or out of range (the default)
    Unsupported,  // well-formed, but something QuantDesk cannot do yet (an architecture, a type)
    Io,           // the system refused a read or write: missing file, permissions
    DiskFull,     // a write failed for lack of space (ENOSPC, EDQUOT)
    OutOfMemory,  // the job needs more memory than the machine has
    Cancelled,    // the person (or the caller) asked the job to stop
    Internal,     // our own bug
};

const char* errorKindName(ErrorKind kind);

struct Error {
    std::string message;
    ErrorKind kind = ErrorKind::BadInput;

    bool cancelled() const { return kind == ErrorKind::Cancelled; }
};

// Makes an Error from a message (kept short at call sites: `return fail("...")`).
inline Error fail(std::string message) { return Error{std::move(message), ErrorKind::BadInput}; }
inline Error fail(ErrorKind kind, std::string message) { return Error{std::move(message), kind}; }
// The one error a cancelled job returns.
inline Error cancelledError() { return Error{"cancelled", ErrorKind::Cancelled}; }

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_data); }
    const T& value() const& { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(m_data); }
    const std::string& message() const { return error().message; }
    ErrorKind kind() const { return error().kind; }
    bool cancelled() const { return !ok() && error().cancelled(); }

private:
    std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }
    const std::string& message() const { return m_error.message; }
    ErrorKind kind() const { return m_error.kind; }
    bool cancelled() const { return m_failed && m_error.cancelled(); }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

}  // namespace qd
