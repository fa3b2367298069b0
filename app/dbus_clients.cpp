// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/dbus_clients.hpp"

#include <gio/gio.h>

#include <algorithm>

#include "app/dbus_reply.hpp"
#include "app/embedded_xml.hpp"
#include "app/json_view.hpp"
#include "contacts/contact_files.hpp"

namespace telpanel::app {

namespace {

using nlohmann::json;

constexpr const char* kClientsInterface = "org.telpanel.Clients1";

json id_or_null(const std::optional<std::int64_t>& id) { return id ? json(*id) : json(nullptr); }

json phones_json(const std::vector<core::ClientPhone>& phones) {
  json out = json::array();
  for (const auto& p : phones)
    out.push_back({{"number", p.number}, {"key", p.key}, {"label", p.label}});
  return out;
}

json hit_json(const core::SearchHit& h) {
  return {{"client", h.client},
          {"client_name", h.client_name},
          {"contact", id_or_null(h.contact)},
          {"contact_name", h.contact_name},
          {"number", h.number},
          {"match", core::search_match_name(h.match)}};
}

json match_json(const core::CallerMatch& m) {
  return {{"client", m.client},
          {"client_name", m.client_name},
          {"contact", id_or_null(m.contact)},
          {"contact_name", m.contact_name},
          {"key", m.key}};
}

core::Result<json> card_json(core::ClientDirectory& directory, core::CallHistory& history,
                             core::ClientId id) {
  auto c = directory.get(id);
  if (!c) return c.error();
  json card = {{"id", c->id},       {"name", c->name}, {"organization", c->organization},
               {"email", c->email}, {"note", c->note}, {"phones", phones_json(c->phones)}};
  card["contacts"] = json::array();
  for (const auto& person : c->contacts)
    card["contacts"].push_back({{"id", person.id},
                                {"name", person.name},
                                {"email", person.email},
                                {"phones", phones_json(person.phones)}});
  auto calls = directory.calls_for_client(id);
  if (!calls) return calls.error();
  card["calls"] = json::array();
  for (auto call : *calls) {
    auto entry = history.get(call);
    if (!entry) return entry.error();
    card["calls"].push_back(journal_entry_json(*entry));
  }
  return card;
}

std::int64_t int64_arg(GVariant* parameters, int i) {
  GVariant* v = g_variant_get_child_value(parameters, i);
  const auto out = g_variant_get_int64(v);
  g_variant_unref(v);
  return out;
}

std::vector<std::string> strings_arg(GVariant* parameters, int i) {
  GVariant* v = g_variant_get_child_value(parameters, i);
  gsize n = 0;
  const gchar** items = g_variant_get_strv(v, &n);
  std::vector<std::string> out(items, items + n);
  g_free(items);
  g_variant_unref(v);
  return out;
}

core::Result<std::string> read_file(const std::string& path) {
  gchar* data = nullptr;
  gsize size = 0;
  GError* error = nullptr;
  if (!g_file_get_contents(path.c_str(), &data, &size, &error)) {
    auto e = core::make_error(core::ErrorCode::Io, error->message);
    g_error_free(error);
    return e;
  }
  std::string text(data, size);
  g_free(data);
  return text;
}

core::Result<void> need_absolute(const std::string& path) {
  if (g_path_is_absolute(path.c_str())) return {};
  return core::make_error(core::ErrorCode::InvalidArgument,
                          "the path must be absolute, not '" + path + "'");
}

core::Result<json> import_file(core::ClientDirectory& directory, const std::string& path) {
  if (auto r = need_absolute(path); !r) return r.error();
  auto text = read_file(path);
  if (!text) return text.error();
  auto format = contacts::detect_format(path, *text);
  if (!format) return format.error();
  auto parsed = *format == contacts::ContactFormat::VCard ? contacts::parse_vcards(*text)
                                                          : contacts::parse_csv(*text);
  auto report = directory.import(parsed.records);
  if (!report) return report.error();
  auto problems = parsed.problems;
  problems.insert(problems.end(), report->problems.begin(), report->problems.end());
  std::stable_sort(problems.begin(), problems.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  json list = json::array();
  for (const auto& p : problems) list.push_back({{"line", p.line}, {"message", p.message}});
  return json{{"path", path},
              {"format", *format == contacts::ContactFormat::VCard ? "vcard" : "csv"},
              {"records", report->records},
              {"clients_created", report->clients_created},
              {"phones_added", report->phones_added},
              {"problems", list}};
}

core::Result<json> export_file(core::ClientDirectory& directory, const std::string& path) {
  if (auto r = need_absolute(path); !r) return r.error();
  const auto dot = path.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  if (ext != "vcf" && ext != "vcard" && ext != "csv")
    return core::make_error(core::ErrorCode::InvalidArgument,
                            path + ": the file name must end in .vcf (vCard) or .csv");
  auto clients = directory.all();
  if (!clients) return clients.error();
  const auto text = ext == "csv" ? contacts::write_csv(*clients) : contacts::write_vcards(*clients);
  GError* error = nullptr;
  // Written to a temporary file and renamed: a failed export never leaves half a file.
  if (!g_file_set_contents(path.c_str(), text.data(), static_cast<gssize>(text.size()), &error)) {
    auto e = core::make_error(core::ErrorCode::Io, error->message);
    g_error_free(error);
    return e;
  }
  return json{{"path", path}, {"clients", clients->size()}};
}

// CONTACT argument of Bind: "" (the client), a contact person's id, or their exact name.
core::Result<std::optional<core::ContactId>> resolve_contact(core::ClientDirectory& directory,
                                                             core::ClientId client,
                                                             const std::string& contact) {
  if (contact.empty()) return std::optional<core::ContactId>();
  auto c = directory.get(client);
  if (!c) return c.error();
  for (const auto& person : c->contacts) {
    if (person.name == contact || std::to_string(person.id) == contact)
      return std::optional<core::ContactId>(person.id);
  }
  return core::make_error(
      core::ErrorCode::NotFound,
      "client " + std::to_string(client) + " has no contact person '" + contact + "'");
}

void return_int64(GDBusMethodInvocation* invocation, std::int64_t value) {
  g_dbus_method_invocation_return_value(invocation, g_variant_new("(x)", gint64(value)));
}

void handle(DbusService& service, core::ClientDirectory& directory, core::CallHistory& history,
            const std::string& method, GVariant* parameters, GDBusMethodInvocation* invocation) {
  auto changed = [&](const char* change, std::int64_t id) {
    service.emit_event("client", {{"event", "client"}, {"change", change}, {"id", id}});
  };
  if (method == "Search") {
    const unsigned limit = uint_arg(parameters, 1);
    auto hits = directory.search(string_arg(parameters, 0), limit ? static_cast<int>(limit) : 20);
    if (!hits) return return_error(invocation, hits.error());
    json out = json::array();
    for (const auto& h : *hits) out.push_back(hit_json(h));
    return_json(invocation, out);
  } else if (method == "Lookup") {
    auto m = directory.lookup(string_arg(parameters, 0));
    if (!m) return return_error(invocation, m.error());
    return_json(invocation, *m ? match_json(**m) : json(nullptr));
  } else if (method == "Show") {
    auto card = card_json(directory, history, int64_arg(parameters, 0));
    if (!card) return return_error(invocation, card.error());
    return_json(invocation, *card);
  } else if (method == "Create") {
    core::Client c;
    c.name = string_arg(parameters, 0);
    for (auto& n : strings_arg(parameters, 1)) c.phones.push_back({n, {}, {}});
    auto id = directory.create(c);
    if (!id) return return_error(invocation, id.error());
    changed("created", *id);
    return_int64(invocation, *id);
  } else if (method == "AddContact") {
    const auto client = int64_arg(parameters, 0);
    auto id = directory.add_contact(client, string_arg(parameters, 1), "");
    if (!id) return return_error(invocation, id.error());
    changed("contact_added", client);
    return_int64(invocation, *id);
  } else if (method == "Bind") {
    const auto client = int64_arg(parameters, 1);
    auto contact = resolve_contact(directory, client, string_arg(parameters, 2));
    if (!contact) return return_error(invocation, contact.error());
    auto r = directory.bind_number(string_arg(parameters, 0), client, *contact);
    if (r) changed("bound", client);
    return_result(invocation, r);
  } else if (method == "Import") {
    auto report = import_file(directory, string_arg(parameters, 0));
    if (!report) return return_error(invocation, report.error());
    changed("imported", 0);
    return_json(invocation, *report);
  } else if (method == "Export") {
    auto result = export_file(directory, string_arg(parameters, 0));
    if (!result) return return_error(invocation, result.error());
    return_json(invocation, *result);
  } else {
    return_unknown_method(invocation, method);
  }
}

}  // namespace

void export_clients(DbusService& service, core::ClientDirectory& directory,
                    core::CallHistory& history) {
  service.add_interface(
      kClients1Xml, kClientsInterface,
      [&service, &directory, &history](const std::string& method, GVariant* parameters,
                                       GDBusMethodInvocation* invocation) {
        handle(service, directory, history, method, parameters, invocation);
      });
}

}  // namespace telpanel::app
