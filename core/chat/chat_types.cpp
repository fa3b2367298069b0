// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/chat/chat_types.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <regex>

#include "core/chat/chat_outbox.hpp"

namespace telpanel::core {

const char* message_direction_name(MessageDirection d) {
  switch (d) {
    case MessageDirection::Incoming:
      return "incoming";
    case MessageDirection::Outgoing:
      return "outgoing";
    case MessageDirection::Activity:
      return "activity";
    case MessageDirection::Note:
      return "note";
  }
  return "incoming";
}

const char* outbox_state_name(OutboxState s) {
  switch (s) {
    case OutboxState::Pending:
      return "pending";
    case OutboxState::Sent:
      return "sent";
    case OutboxState::Held:
      return "held";
    case OutboxState::Failed:
      return "failed";
  }
  return "pending";
}

std::vector<std::string> template_variables(const std::string& content) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = content.find("{{", pos)) != std::string::npos) {
    const auto end = content.find("}}", pos + 2);
    if (end == std::string::npos) break;
    std::string name = content.substr(pos + 2, end - pos - 2);
    const auto first = name.find_first_not_of(' ');
    const auto last = name.find_last_not_of(' ');
    name = first == std::string::npos ? "" : name.substr(first, last - first + 1);
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    pos = end + 2;
  }
  return out;
}

std::string without_mention_markup(const std::string& text) {
  static const std::regex markup(R"(\[@([^\]]*)\]\(mention://(?:user|team)/\d+/[^)]*\))");
  return std::regex_replace(text, markup, "@$1");
}

std::string mention_markup(const ChatAgent& agent) {
  // The server's pattern is \(mention://user/(\d+)/(.+?)\): the name must not hold ')', and
  // the web app percent-encodes it.
  std::string encoded;
  for (unsigned char c : agent.name) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c >= 0x80) {
      encoded += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      encoded += buf;
    }
  }
  return "[@" + agent.name + "](mention://user/" + std::to_string(agent.id) + "/" + encoded + ")";
}

}  // namespace telpanel::core
