// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers every exported D-Bus interface uses to read arguments and answer: core errors
// become org.telpanel.Error.<Code>, JSON answers are one string. Main thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/result.hpp"

typedef struct _GDBusMethodInvocation GDBusMethodInvocation;
typedef struct _GVariant GVariant;

namespace telpanel::app {

/// "org.telpanel.Error.NotFound" etc.
std::string dbus_error_name(core::ErrorCode code);

void return_error(GDBusMethodInvocation* invocation, const core::Error& error);
void return_result(GDBusMethodInvocation* invocation, const core::Result<void>& r);
void return_string(GDBusMethodInvocation* invocation, const std::string& s);
void return_json(GDBusMethodInvocation* invocation, const nlohmann::json& j);
void return_unknown_method(GDBusMethodInvocation* invocation, const std::string& method);

/// The i-th argument, which the interface XML declares as a string ("s").
std::string string_arg(GVariant* parameters, int i);
bool bool_arg(GVariant* parameters, int i);
unsigned uint_arg(GVariant* parameters, int i);

}  // namespace telpanel::app
