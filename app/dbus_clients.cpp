// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/dbus_clients.hpp"

#include <gio/gio.h>
#include <glibmm/main.h>

#include <algorithm>
#include <memory>

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

// An import in progress: the file is read and parsed at once (fast: ~1 M CSV rows/s), the
// records are stored kImportChunk at a time from idle callbacks, so calls and D-Bus stay
// responsive during a large import (each chunk is a few milliseconds, see bench/README.md).
constexpr std::size_t kImportChunk = 100;

struct ImportJob {
  std::string path;
  const char* format = "";
  std::vector<core::ImportRecord> records;
  std::vector<core::ImportProblem> problems;  // the file's, then the directory's
  std::size_t next = 0;
  int clients_created = 0;
  int phones_added = 0;
  GDBusMethodInvocation* invocation = nullptr;
};

core::Result<std::shared_ptr<ImportJob>> start_import(const std::string& path) {
  if (auto r = need_absolute(path); !r) return r.error();
  auto text = read_file(path);
  if (!text) return text.error();
  auto format = contacts::detect_format(path, *text);
  if (!format) return format.error();
  const bool vcard = *format == contacts::ContactFormat::VCard;
  auto parsed = vcard ? contacts::parse_vcards(*text) : contacts::parse_csv(*text);
  auto job = std::make_shared<ImportJob>();
  job->path = path;
  job->format = vcard ? "vcard" : "csv";
  job->records = std::move(parsed.records);
  job->problems = std::move(parsed.problems);
  return job;
}

json import_report(ImportJob& job) {
  std::stable_sort(job.problems.begin(), job.problems.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  json list = json::array();
  for (const auto& p : job.problems) list.push_back({{"line", p.line}, {"message", p.message}});
  return json{{"path", job.path},
              {"format", job.format},
              {"records", job.records.size()},
              {"clients_created", job.clients_created},
              {"phones_added", job.phones_added},
              {"problems", list}};
}

// One chunk; false when the job is done (and answered).
bool import_step(DbusService& service, core::ClientDirectory& directory, ImportJob& job) {
  const auto end = std::min(job.next + kImportChunk, job.records.size());
  const std::vector<core::ImportRecord> chunk(job.records.begin() + long(job.next),
                                              job.records.begin() + long(end));
  auto report = directory.import(chunk);
  if (!report) {
    return_error(job.invocation,
                 core::make_error(report.error().code,
                                  "import stopped after " + std::to_string(job.next) + " of " +
                                      std::to_string(job.records.size()) +
                                      " records (those are kept): " + report.error().detail));
    return false;
  }
  job.clients_created += report->clients_created;
  job.phones_added += report->phones_added;
  job.problems.insert(job.problems.end(), report->problems.begin(), report->problems.end());
  job.next = end;
  if (job.next < job.records.size()) return true;
  return_json(job.invocation, import_report(job));
  service.emit_event("client", {{"event", "client"}, {"change", "imported"}, {"id", 0}});
  return false;
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
    auto job = start_import(string_arg(parameters, 0));
    if (!job) return return_error(invocation, job.error());
    (*job)->invocation = invocation;
    // Disconnected with the service, so a job cannot outlive the directory it writes to.
    service.keep(Glib::signal_idle().connect(
        [&service, &directory, job = *job] { return import_step(service, directory, *job); }));
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
