// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/call_actions.hpp"

namespace telpanel::core {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string number_of(const std::string& uri) {
  std::string rest = uri;
  for (const char* scheme : {"sip:", "sips:", "tel:"}) {
    if (rest.rfind(scheme, 0) == 0) {
      rest = rest.substr(std::string(scheme).size());
      break;
    }
  }
  const auto at = rest.find('@');
  std::string user = at == std::string::npos ? rest : rest.substr(0, at);
  if (at == std::string::npos) {
    if (auto semi = user.find(';'); semi != std::string::npos) user.resize(semi);
  }
  std::string out;
  for (std::size_t i = 0; i < user.size(); ++i) {
    if (user[i] == '%' && i + 2 < user.size() && hex_value(user[i + 1]) >= 0 &&
        hex_value(user[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(user[i + 1]) * 16 + hex_value(user[i + 2]));
      i += 2;
    } else {
      out += user[i];
    }
  }
  return out;
}

std::string expand_placeholders(const std::string& text, const ActionRequest& values,
                                const std::function<std::string(const std::string&)>& escape) {
  const std::pair<const char*, const std::string*> names[] = {{"{number}", &values.number},
                                                              {"{client_id}", &values.client_id},
                                                              {"{call_id}", &values.call}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [name, value] : names) {
      const std::string key = name;
      if (text.compare(i, key.size(), key) == 0) {
        out += escape(*value);
        i += key.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

CallActions::CallActions(CallController& controller, Settings settings, CallActionRunner& runner,
                         ClientLookup lookup)
    : m_settings(std::move(settings)), m_runner(runner), m_lookup(std::move(lookup)) {
  m_changed =
      controller.signal_call_changed().connect(sigc::mem_fun(*this, &CallActions::on_call_changed));
}

CallActions::~CallActions() { m_changed.disconnect(); }

void CallActions::on_call_changed(const Call& call) {
  if (call.state == CallState::Ended) {
    m_fired.erase(call.id);
    return;
  }
  if (m_fired.count(call.id)) return;
  const bool incoming = call.direction == CallDirection::Incoming;
  // Incoming: on the first answer (answered_at is set once); outgoing: as soon as it is placed.
  if (incoming && !call.answered_at) return;
  m_fired.insert(call.id);
  const PersonalSettings& s = m_settings();
  ActionRequest request;
  request.kind = incoming ? s.on_incoming_answered : s.on_outgoing;
  if (request.kind == CallAction::Nothing) return;
  request.call = call.id;
  request.direction = call.direction;
  request.number = number_of(call.remote_party);
  if (m_lookup) request.client_id = m_lookup(request.number);
  request.url_template = s.action_url;
  request.command_template = s.action_command;
  m_runner.run(request);
}

}  // namespace telpanel::core
