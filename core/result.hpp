// SPDX-License-Identifier: GPL-3.0-or-later
// Result<T>: a value or a core::Error, with std::expected's member names so moving to C++23 is
// a `using` change. Any thread.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace telpanel::core {

enum class ErrorCode {
  InvalidArgument,  // the caller passed something unusable (bad number, unknown call id)
  InvalidState,     // the operation does not fit the current state (answer an active call)
  NotFound,
  Unauthorized,  // wrong credentials (401/403/407 after retry)
  Forbidden,
  Busy,      // 486/600
  Declined,  // 603
  Timeout,
  Unreachable,    // server down, network error, 503
  NoCommonCodec,  // 488 / no codec both sides accept
  Protocol,       // malformed message from the other side
  Io,             // files, devices
  Database,
  Internal,
};

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string detail;
};

/// Short stable token for an error code ("busy", "no_common_codec"), used in JSON and logs.
const char* error_code_name(ErrorCode code);

template <class T>
class Result {
 public:
  Result(T value) : m_v(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : m_v(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const { return m_v.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & {
    assert(has_value());
    return std::get<0>(m_v);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(m_v);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(m_v));
  }
  const Error& error() const {
    assert(!has_value());
    return std::get<1>(m_v);
  }
  template <class U>
  T value_or(U&& fallback) const {
    return has_value() ? std::get<0>(m_v) : static_cast<T>(std::forward<U>(fallback));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

 private:
  std::variant<T, Error> m_v;
};

template <>
class Result<void> {
 public:
  Result() = default;
  Result(Error error) : m_error(std::move(error)), m_ok(false) {}  // NOLINT

  bool has_value() const { return m_ok; }
  explicit operator bool() const { return m_ok; }
  const Error& error() const {
    assert(!m_ok);
    return m_error;
  }

 private:
  Error m_error;
  bool m_ok = true;
};

inline Error make_error(ErrorCode code, std::string detail) {
  return Error{code, std::move(detail)};
}

}  // namespace telpanel::core
