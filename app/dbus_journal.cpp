// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/dbus_journal.hpp"

#include <gio/gio.h>
#include <glib.h>

#include <memory>

#include "app/dbus_reply.hpp"
#include "app/embedded_xml.hpp"
#include "app/journal_filter.hpp"
#include "app/json_view.hpp"
#include "core/journal_table.hpp"
#include "sheets/xlsx_table.hpp"

namespace telpanel::app {

namespace {

constexpr const char* kJournalInterface = "org.telpanel.Journal1";

core::JournalId id_arg(GVariant* parameters) {
  GVariant* v = g_variant_get_child_value(parameters, 0);
  const gint64 id = g_variant_get_int64(v);
  g_variant_unref(v);
  return id;
}

core::Result<core::JournalQuery> filter_arg(GVariant* parameters, int default_limit) {
  const std::string text = string_arg(parameters, 0);
  const auto filter = nlohmann::json::parse(text.empty() ? "{}" : text, nullptr, false);
  if (filter.is_discarded())
    return core::make_error(core::ErrorCode::InvalidArgument, "the journal filter is not JSON");
  return journal_query_from_json(filter, default_limit);
}

nlohmann::json columns_json(const std::vector<core::JournalColumn>& columns) {
  nlohmann::json out = nlohmann::json::array();
  for (auto c : columns) out.push_back(core::journal_column_name(c));
  return out;
}

core::Result<void> write_csv(const core::Table& table, const std::string& path) {
  const std::string csv = core::table_to_csv(table);
  GError* error = nullptr;
  // Written to a temporary file and renamed: a failed export never leaves half a file.
  if (!g_file_set_contents(path.c_str(), csv.data(), static_cast<gssize>(csv.size()), &error)) {
    auto e = core::make_error(core::ErrorCode::Io, error->message);
    g_error_free(error);
    return e;
  }
  return {};
}

// What an export writes; built on the main thread (the database's), written on a worker.
struct ExportJob {
  core::Table table;
  std::string path;
  std::string format;
  core::Result<void> written;
};

core::Result<std::unique_ptr<ExportJob>> prepare_export(core::CallJournal& journal,
                                                        const std::string& user,
                                                        GVariant* parameters) {
  auto q = filter_arg(parameters, 0);
  if (!q) return q.error();
  auto job = std::make_unique<ExportJob>();
  job->format = string_arg(parameters, 1);
  job->path = string_arg(parameters, 2);
  if (job->format != "csv" && job->format != "xlsx")
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "export format must be csv or xlsx, not '" + job->format + "'");
  if (!g_path_is_absolute(job->path.c_str()))
    return core::make_error(core::ErrorCode::InvalidArgument,
                            "the export path must be absolute: '" + job->path + "'");
  auto entries = journal.query(*q);
  if (!entries) return entries.error();
  auto columns = journal.columns(user);
  if (!columns) return columns.error();
  job->table = core::journal_table(*entries, *columns);
  return job;
}

// Writing 100 000 rows takes up to a second (XLSX): a worker thread does it so calls and the
// bus stay responsive; the reply goes out from the main thread when it is done.
void run_export(std::unique_ptr<ExportJob> job, GDBusMethodInvocation* invocation) {
  GTask* task = g_task_new(
      nullptr, nullptr,
      [](GObject*, GAsyncResult* result, gpointer data) {
        auto* inv = static_cast<GDBusMethodInvocation*>(data);
        auto* j = static_cast<ExportJob*>(g_task_get_task_data(G_TASK(result)));
        if (!j->written) return return_error(inv, j->written.error());
        return_json(inv,
                    {{"path", j->path}, {"format", j->format}, {"rows", j->table.rows.size()}});
      },
      invocation);
  g_task_set_task_data(task, job.release(),
                       [](gpointer data) { delete static_cast<ExportJob*>(data); });
  g_task_run_in_thread(task, [](GTask* t, gpointer, gpointer data, GCancellable*) {
    auto* j = static_cast<ExportJob*>(data);
    try {
      j->written = j->format == "csv" ? write_csv(j->table, j->path)
                                      : sheets::write_xlsx(j->table, j->path, "Journal");
    } catch (const std::exception& e) {
      j->written = core::make_error(core::ErrorCode::Internal, e.what());
    }
    g_task_return_boolean(t, TRUE);
  });
  g_object_unref(task);
}

void handle(DbusService& service, core::CallJournal& journal, const std::string& user,
            const std::string& method, GVariant* parameters, GDBusMethodInvocation* invocation) {
  auto changed = [&](core::JournalId id, const char* change) {
    service.emit_event("journal", {{"event", "journal"}, {"id", id}, {"change", change}});
  };
  if (method == "Query") {
    auto q = filter_arg(parameters, 100);
    if (!q) return return_error(invocation, q.error());
    auto entries = journal.query(*q);
    if (!entries) return return_error(invocation, entries.error());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : *entries) out.push_back(journal_entry_json(e));
    return_json(invocation, out);
  } else if (method == "GetEntry") {
    auto e = journal.entry(id_arg(parameters));
    if (!e) return return_error(invocation, e.error());
    return_json(invocation, journal_entry_json(*e));
  } else if (method == "SetComment") {
    const auto id = id_arg(parameters);
    auto r = journal.set_comment(id, string_arg(parameters, 1));
    if (r) changed(id, "comment");
    return_result(invocation, r);
  } else if (method == "ClearAttention") {
    const auto id = id_arg(parameters);
    auto r = journal.clear_attention(id);
    if (r) changed(id, "attention_cleared");
    return_result(invocation, r);
  } else if (method == "GetColumns") {
    auto cols = journal.columns(user);
    if (!cols) return return_error(invocation, cols.error());
    return_json(invocation, columns_json(*cols));
  } else if (method == "SetColumns") {
    auto cols = core::parse_journal_columns(string_arg(parameters, 0));
    if (!cols) return return_error(invocation, cols.error());
    if (auto r = journal.set_columns(user, *cols); !r) return return_error(invocation, r.error());
    return_json(invocation, columns_json(*cols));
  } else if (method == "Export") {
    auto job = prepare_export(journal, user, parameters);
    if (!job) return return_error(invocation, job.error());
    run_export(std::move(*job), invocation);
  } else {
    return_unknown_method(invocation, method);
  }
}

}  // namespace

void export_journal(DbusService& service, core::CallJournal& journal, std::string user) {
  service.add_interface(
      kJournal1Xml, kJournalInterface,
      [&service, &journal, user = std::move(user)](const std::string& method, GVariant* parameters,
                                                   GDBusMethodInvocation* invocation) {
        handle(service, journal, user, method, parameters, invocation);
      });
}

}  // namespace telpanel::app
