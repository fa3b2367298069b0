// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/journal_view.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>
#include <glibmm/datetime.h>
#include <glibmm/markup.h>
#include <glibmm/miscutils.h>
#include <gtkmm/filechooserdialog.h>
#include <gtkmm/window.h>

#include <algorithm>

#include "core/journal_table.hpp"
#include "widgets/client_bind_dialog.hpp"
#include "widgets/journal_text.hpp"
#include "widgets/party_text.hpp"

namespace telpanel::widgets {

namespace {

constexpr int k_rows = 500;
constexpr core::JournalColumn k_all_columns[] = {
    core::JournalColumn::Date,
    core::JournalColumn::WaitDuration,
    core::JournalColumn::TalkDuration,
    core::JournalColumn::EmployeePosition,
    core::JournalColumn::ClientName,
    core::JournalColumn::EmployeeName,
    core::JournalColumn::PhoneNumber,
    core::JournalColumn::ResponsibleManager,
    core::JournalColumn::ResponsibleMatches,
    core::JournalColumn::Status,
};

// The status filter's choices; "missed" is the set a manager looks at most.
struct StatusChoice {
  const char* id;
  std::vector<core::CallStatus> statuses;
};
const std::vector<StatusChoice>& status_choices() {
  using S = core::CallStatus;
  static const std::vector<StatusChoice> choices = {
      {"any", {}},
      {"missed", {S::NoAnswer, S::Lost}},
      {"accepted", {S::Accepted}},
      {"reached", {S::Reached}},
      {"no_answer", {S::NoAnswer}},
      {"lost", {S::Lost}},
      {"cancelled", {S::Cancelled}},
  };
  return choices;
}

// The number the directory is asked about: the journal's key, else what the address holds.
std::string call_number(const core::JournalEntry& e) {
  return e.remote_number.empty() ? std::string(party_number(e.remote_party)) : e.remote_number;
}

core::TimePoint to_time_point(const Glib::DateTime& t) {
  return core::TimePoint(std::chrono::seconds(t.to_unix()));
}

}  // namespace

JournalView::Model::Model() {
  add(id);
  add(indicators);
  add(status_colour);
  cells.resize(std::size(k_all_columns));
  for (auto& c : cells) add(c);
}

JournalView::JournalView(core::CallJournal& journal, core::ClientDirectory* directory,
                         core::RecordingPlayer* player, std::string user)
    : Gtk::Box(Gtk::ORIENTATION_VERTICAL, 6),
      m_journal(journal),
      m_directory(directory),
      m_user(std::move(user)),
      m_recording(player) {
  set_border_width(6);
  build_filters();
  pack_start(m_filters, Gtk::PACK_SHRINK);
  pack_start(m_range, Gtk::PACK_SHRINK);
  m_error.set_xalign(0);
  m_error.set_line_wrap(true);
  m_error.get_style_context()->add_class("error");
  m_error.set_no_show_all(true);
  pack_start(m_error, Gtk::PACK_SHRINK);

  m_store = Gtk::ListStore::create(m_model);
  m_tree.set_model(m_store);
  m_tree.get_accessible()->set_name(_("Call journal"));
  m_tree.set_enable_search(false);
  m_tree.get_selection()->signal_changed().connect([this] {
    if (!m_reloading) show_selected();
  });
  auto cols = m_journal.columns(m_user);
  m_columns = cols ? *cols : core::default_journal_columns();
  if (!cols) show_error(cols.error().detail);
  build_columns_chooser();
  apply_columns();
  m_scroll.set_policy(Gtk::POLICY_AUTOMATIC, Gtk::POLICY_AUTOMATIC);
  m_scroll.set_shadow_type(Gtk::SHADOW_IN);
  // Room for the default columns up to the status badge; the window (1366x768 screens) grows
  // to fit rather than hiding the status behind a horizontal scroll.
  m_scroll.set_min_content_width(940);
  m_scroll.add(m_tree);
  build_side();
  m_paned.pack1(m_scroll, true, false);
  m_paned.pack2(m_side_scroll, false, false);
  pack_start(m_paned, Gtk::PACK_EXPAND_WIDGET);
  m_count.set_xalign(0);
  m_count.get_style_context()->add_class("dim-label");
  pack_start(m_count, Gtk::PACK_SHRINK);
  show_all_children();
  m_range.hide();
  m_range.set_no_show_all(true);
  reload();
}

void JournalView::build_filters() {
  m_search.set_placeholder_text(_("Number or name"));
  m_search.get_accessible()->set_name(_("Search the journal"));
  m_search.set_width_chars(14);
  m_search.signal_search_changed().connect([this] { reload(); });

  m_direction.append("any", _("All directions"));
  m_direction.append("incoming", _("Incoming"));
  m_direction.append("outgoing", _("Outgoing"));
  m_direction.append("internal", _("Internal"));
  m_direction.set_active_id("any");
  m_direction.get_accessible()->set_name(_("Direction"));

  for (const auto& c : status_choices()) m_status.append(c.id, status_choice_title(c.id));
  m_status.set_active_id("any");
  m_status.get_accessible()->set_name(_("Status"));

  m_period.append("all", _("Any time"));
  m_period.append("today", _("Today"));
  m_period.append("yesterday", _("Yesterday"));
  m_period.append("week", _("Last 7 days"));
  m_period.append("month", _("Last 30 days"));
  m_period.append("custom", _("Custom range…"));
  m_period.set_active_id("all");
  m_period.get_accessible()->set_name(_("Period"));

  m_attention.set_label(_("_Needs attention"));
  m_attention.set_use_underline(true);
  m_export.set_label(_("_Export…"));
  m_export.set_use_underline(true);
  m_export.signal_clicked().connect([this] { export_view(); });
  m_columns_button.set_label(_("Columns"));
  m_columns_button.get_accessible()->set_name(_("Columns"));

  for (auto* combo : {&m_direction, &m_status})
    combo->signal_changed().connect([this] { reload(); });
  m_period.signal_changed().connect([this] { period_changed(); });
  // JRN-4: a refused range keeps the rows of the last good one, with the reason above them.
  m_range.signal_applied().connect([this] { reload(); });
  m_range.signal_refused().connect([this](const Glib::ustring& why) { show_error(why); });
  m_attention.signal_toggled().connect([this] { reload(); });

  m_filters.pack_start(m_search, Gtk::PACK_SHRINK);
  m_filters.pack_start(m_direction, Gtk::PACK_SHRINK);
  m_filters.pack_start(m_status, Gtk::PACK_SHRINK);
  m_filters.pack_start(m_period, Gtk::PACK_SHRINK);
  m_filters.pack_start(m_attention, Gtk::PACK_SHRINK);
  m_filters.pack_end(m_export, Gtk::PACK_SHRINK);
  m_filters.pack_end(m_columns_button, Gtk::PACK_SHRINK);
}

void JournalView::build_columns_chooser() {
  m_columns_box.set_border_width(8);
  for (auto column : k_all_columns) {
    auto* box = Gtk::make_managed<Gtk::Box>(Gtk::ORIENTATION_HORIZONTAL, 2);
    auto* check = Gtk::make_managed<Gtk::CheckButton>(column_title(column));
    check->set_active(std::find(m_columns.begin(), m_columns.end(), column) != m_columns.end());
    check->signal_toggled().connect([this, check, column] {
      auto it = std::find(m_columns.begin(), m_columns.end(), column);
      if (check->get_active() && it == m_columns.end()) {
        // Back in the spec's order relative to the columns shown.
        auto pos = m_columns.begin();
        for (auto c : k_all_columns) {
          if (c == column) break;
          if (pos != m_columns.end() && *pos == c) ++pos;
        }
        m_columns.insert(pos, column);
      } else if (!check->get_active() && it != m_columns.end()) {
        if (m_columns.size() == 1) {  // the journal keeps at least one column
          check->set_active(true);
          return;
        }
        m_columns.erase(it);
      } else {
        return;
      }
      save_columns();
    });
    box->pack_start(*check, Gtk::PACK_EXPAND_WIDGET);
    // The keyboard way to reorder (dragging headers needs a mouse): arrows per column.
    auto arrow = [&](const char* icon, const Glib::ustring& name, int by) {
      auto* b = Gtk::make_managed<Gtk::Button>();
      b->set_image_from_icon_name(icon, Gtk::ICON_SIZE_BUTTON);
      b->set_relief(Gtk::RELIEF_NONE);
      b->set_tooltip_text(name);
      b->get_accessible()->set_name(name);
      b->signal_clicked().connect([this, column, by] { move_column(column, by); });
      box->pack_start(*b, Gtk::PACK_SHRINK);
      return b;
    };
    auto* up = arrow("go-up-symbolic",
                     Glib::ustring::compose(_("Move “%1” up"), column_title(column)), -1);
    auto* down = arrow("go-down-symbolic",
                       Glib::ustring::compose(_("Move “%1” down"), column_title(column)), 1);
    m_columns_box.pack_start(*box, Gtk::PACK_SHRINK);
    m_chooser_rows.push_back({column, box, up, down});
  }
  m_columns_box.show_all();
  m_columns_popover.add(m_columns_box);
  m_columns_button.set_popover(m_columns_popover);
  m_tree.signal_columns_changed().connect([this] { columns_dragged(); });
  sync_chooser();
}

void JournalView::sync_chooser() {
  int position = 0;
  auto place = [&](core::JournalColumn column) {
    for (auto& row : m_chooser_rows) {
      if (row.column != column) continue;
      m_columns_box.reorder_child(*row.box, position++);
      const auto it = std::find(m_columns.begin(), m_columns.end(), column);
      const bool shown = it != m_columns.end();
      row.up->set_sensitive(shown && it != m_columns.begin());
      row.down->set_sensitive(shown && it + 1 != m_columns.end());
    }
  };
  for (auto column : m_columns) place(column);
  for (auto column : k_all_columns)
    if (std::find(m_columns.begin(), m_columns.end(), column) == m_columns.end()) place(column);
}

void JournalView::move_column(core::JournalColumn column, int by) {
  auto it = std::find(m_columns.begin(), m_columns.end(), column);
  if (it == m_columns.end()) return;
  const auto i = it - m_columns.begin();
  const auto j = i + by;
  if (j < 0 || j >= static_cast<std::ptrdiff_t>(m_columns.size())) return;
  std::swap(m_columns[static_cast<std::size_t>(i)], m_columns[static_cast<std::size_t>(j)]);
  save_columns();
}

void JournalView::columns_dragged() {
  if (m_applying_columns) return;
  std::vector<core::JournalColumn> order;
  for (auto* view : m_tree.get_columns())
    for (const auto& [v, column] : m_view_columns)
      if (v == view) order.push_back(column);
  if (order.size() != m_columns.size() || order == m_columns) return;
  m_columns = order;
  if (auto r = m_journal.set_columns(m_user, m_columns); !r) show_error(r.error().detail);
  sync_chooser();  // the tree already shows the new order
}

void JournalView::save_columns() {
  if (auto r = m_journal.set_columns(m_user, m_columns); !r) show_error(r.error().detail);
  apply_columns();
  sync_chooser();
}

void JournalView::apply_columns() {
  m_applying_columns = true;
  m_tree.remove_all_columns();
  m_view_columns.clear();
  for (auto column : m_columns) {
    const auto index = static_cast<std::size_t>(column);
    auto* renderer = Gtk::make_managed<Gtk::CellRendererText>();
    auto* view = Gtk::make_managed<Gtk::TreeViewColumn>(column_title(column), *renderer);
    view->add_attribute(renderer->property_text(), m_model.cells[index]);
    // The status is a coloured badge: white text on the status's colour. Plain text (not
    // markup) so screen readers read the status.
    if (column == core::JournalColumn::Status) {
      view->set_cell_data_func(
          *renderer, [this, renderer](Gtk::CellRenderer*, const Gtk::TreeModel::iterator& it) {
            const Glib::ustring colour = (*it)[m_model.status_colour];
            const auto status = static_cast<std::size_t>(core::JournalColumn::Status);
            renderer->property_text() = Glib::ustring((*it)[m_model.cells[status]]);
            renderer->property_background_set() = !colour.empty();
            renderer->property_foreground_set() = !colour.empty();
            if (!colour.empty()) {
              renderer->property_background() = colour;
              renderer->property_foreground() = "white";
            }
          });
      renderer->property_xalign() = 0.5;
    }
    view->set_resizable(true);
    view->set_reorderable(true);  // JRN-6: drag a header to move its column
    // Long names and SIP addresses are cut with "…" rather than pushing the status away.
    if (column == core::JournalColumn::ClientName || column == core::JournalColumn::EmployeeName) {
      renderer->property_ellipsize() = Pango::ELLIPSIZE_END;
      view->set_min_width(90);
      view->set_expand(true);
    } else if (column != core::JournalColumn::Date && column != core::JournalColumn::Status) {
      // Short values (seconds, a number, a name): the title may be cut, the column resized.
      renderer->property_ellipsize() = Pango::ELLIPSIZE_END;
      view->set_max_width(95);
    }
    m_tree.append_column(*view);
    m_view_columns.emplace_back(view, column);
  }
  auto* renderer = Gtk::make_managed<Gtk::CellRendererText>();
  auto* marks = Gtk::make_managed<Gtk::TreeViewColumn>(_("Marks"), *renderer);
  marks->add_attribute(renderer->property_text(), m_model.indicators);
  m_tree.append_column(*marks);
  m_applying_columns = false;
}

core::JournalQuery JournalView::current_query() const {
  core::JournalQuery q;
  q.search = m_search.get_text();
  const auto direction = m_direction.get_active_id();
  if (direction == "incoming") q.direction = core::CallDirection::Incoming;
  if (direction == "outgoing") q.direction = core::CallDirection::Outgoing;
  if (direction == "internal") q.internal = true;
  for (const auto& c : status_choices())
    if (m_status.get_active_id() == c.id) q.statuses = c.statuses;
  const auto period = m_period.get_active_id();
  auto today = Glib::DateTime::create_now_local();
  today = Glib::DateTime::create_local(today.get_year(), today.get_month(),
                                       today.get_day_of_month(), 0, 0, 0);
  if (period == "today") q.from = to_time_point(today);
  if (period == "yesterday") {
    q.from = to_time_point(today.add_days(-1));
    q.to = to_time_point(today);
  }
  if (period == "custom" && m_range.applied()) {
    q.from = m_range.applied()->first;
    q.to = m_range.applied()->second;
  }
  if (period == "week") q.from = to_time_point(today.add_days(-6));
  if (period == "month") q.from = to_time_point(today.add_days(-29));
  q.needs_attention_only = m_attention.get_active();
  q.limit = 0;
  return q;
}

void JournalView::reload() {
  const auto keep = selected_id();
  auto q = current_query();
  q.limit = k_rows;
  auto entries = m_journal.query(q);
  m_reloading = true;
  m_store->clear();
  if (!entries) {
    m_reloading = false;
    show_error(entries.error().detail);
    return;
  }
  m_error.hide();
  const auto table =
      core::journal_table(*entries, {std::begin(k_all_columns), std::end(k_all_columns)});
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const auto& e = (*entries)[i];
    auto row = *m_store->append();
    row[m_model.id] = e.id;
    row[m_model.indicators] = indicators_text(e);
    for (std::size_t c = 0; c < m_model.cells.size(); ++c)
      row[m_model.cells[c]] = table.rows[i][c].text;
    const auto badge = status_badge(e);
    row[m_model.cells[static_cast<std::size_t>(core::JournalColumn::Status)]] = badge.text;
    row[m_model.status_colour] = badge.colour;
    row[m_model.cells[static_cast<std::size_t>(core::JournalColumn::Date)]] =
        short_time(e.started_at);
    if (keep && e.id == *keep) m_tree.get_selection()->select(row);
  }
  m_reloading = false;
  const auto n = static_cast<unsigned long>(entries->size());
  m_count.set_text(Glib::ustring::compose(ngettext("%1 call shown", "%1 calls shown", n), n));
  show_selected();
}

void JournalView::period_changed() {
  const bool custom = m_period.get_active_id() == "custom";
  if (custom && !m_range.applied()) {
    // A first look: the last 7 days, already applied, ready to be narrowed.
    auto today = Glib::DateTime::create_now_local();
    Glib::Date to(static_cast<Glib::Date::Day>(today.get_day_of_month()),
                  static_cast<Glib::Date::Month>(today.get_month()),
                  static_cast<Glib::Date::Year>(today.get_year()));
    Glib::Date from = to;
    from.subtract_days(6);
    m_range.set_days(from, to);
    m_range.apply();  // reloads
  } else {
    reload();
  }
  m_range.set_visible(custom);
}

std::optional<core::JournalId> JournalView::selected_id() const {
  auto it = const_cast<Gtk::TreeView&>(m_tree).get_selection()->get_selected();
  if (!it) return std::nullopt;
  return static_cast<core::JournalId>((*it)[m_model.id]);
}

void JournalView::build_side() {
  m_details.set_xalign(0);
  m_details.set_yalign(0);
  m_details.set_line_wrap(true);
  m_details.set_max_width_chars(36);
  m_details.set_selectable(true);
  m_details.get_accessible()->set_name(_("Call details"));
  m_side.pack_start(m_details, Gtk::PACK_SHRINK);
  m_comment_label.set_text_with_mnemonic(_("C_omment"));
  m_comment_label.set_mnemonic_widget(m_comment);
  m_comment_label.set_xalign(0);
  m_comment.get_accessible()->set_name(_("Comment"));
  m_comment.signal_activate().connect([this] { save_comment(); });
  m_side.pack_start(m_comment_label, Gtk::PACK_SHRINK);
  m_side.pack_start(m_comment, Gtk::PACK_SHRINK);
  m_save_comment.set_label(_("Save comment"));
  m_save_comment.signal_clicked().connect([this] { save_comment(); });
  m_clear_attention.set_label(_("Clear attention"));
  m_clear_attention.signal_clicked().connect([this] { clear_attention(); });
  // Save under the field it saves; the row's actions below, so the panel stays narrow.
  m_save_comment.set_halign(Gtk::ALIGN_START);
  m_side.pack_start(m_save_comment, Gtk::PACK_SHRINK);
  m_actions.pack_start(m_clear_attention, Gtk::PACK_SHRINK);
  m_client.set_label(_("C_lient…"));
  m_client.set_use_underline(true);
  m_client.set_tooltip_text(_("Create a client with this number or give it to one"));
  m_client.signal_clicked().connect([this] { bind_client(); });
  m_actions.pack_start(m_client, Gtk::PACK_SHRINK);
  m_side.pack_start(m_actions, Gtk::PACK_SHRINK);
  m_side.pack_start(m_recording, Gtk::PACK_SHRINK);
  m_side.set_border_width(6);
  m_side_scroll.set_policy(Gtk::POLICY_NEVER, Gtk::POLICY_AUTOMATIC);
  m_side_scroll.set_size_request(330, -1);
  m_side_scroll.add(m_side);
}

void JournalView::show_selected() {
  const auto id = selected_id();
  std::optional<core::JournalEntry> entry;
  if (id) {
    auto e = m_journal.entry(*id);
    if (e)
      entry = std::move(*e);
    else
      show_error(e.error().detail);
  }
  for (auto* w : std::initializer_list<Gtk::Widget*>{&m_comment, &m_save_comment})
    w->set_sensitive(entry.has_value());
  m_clear_attention.set_sensitive(entry && entry->needs_attention);
  m_client.set_sensitive(m_directory && entry && !entry->internal && !entry->remote_party.empty());
  m_selected = entry;
  if (!entry) {
    m_details.set_text(_("Select a call to see its details, route and recording."));
    m_comment.set_text("");
    m_recording.set_recordings({});
    return;
  }
  Glib::ustring client;
  if (m_directory) {
    if (auto match = m_directory->lookup(call_number(*entry)); match && *match)
      client =
          (*match)->contact_name.empty()
              ? Glib::ustring((*match)->client_name)
              : Glib::ustring::compose("%1 (%2)", (*match)->client_name, (*match)->contact_name);
  }
  m_details.set_markup(details_markup(*entry, client));
  m_comment.set_text(entry->comment);
  m_recording.set_recordings(entry->recordings);
}

void JournalView::save_comment() {
  const auto id = selected_id();
  if (!id) return;
  if (auto r = m_journal.set_comment(*id, m_comment.get_text()); !r) {
    show_error(r.error().detail);
    return;
  }
  reload();
}

void JournalView::clear_attention() {
  const auto id = selected_id();
  if (!id) return;
  if (auto r = m_journal.clear_attention(*id); !r) {
    show_error(r.error().detail);
    return;
  }
  reload();
}

void JournalView::export_view() {
  if (!m_exporter) return;
  auto* top = dynamic_cast<Gtk::Window*>(get_toplevel());
  Gtk::FileChooserDialog dialog(_("Export the journal"), Gtk::FILE_CHOOSER_ACTION_SAVE);
  if (top) dialog.set_transient_for(*top);
  dialog.add_button(_("_Cancel"), Gtk::RESPONSE_CANCEL);
  dialog.add_button(_("_Save"), Gtk::RESPONSE_ACCEPT);
  dialog.set_do_overwrite_confirmation(true);
  dialog.set_current_name("journal.xlsx");
  auto xlsx = Gtk::FileFilter::create();
  xlsx->set_name(_("Excel workbook (.xlsx)"));
  xlsx->add_pattern("*.xlsx");
  auto csv = Gtk::FileFilter::create();
  csv->set_name(_("CSV table (.csv)"));
  csv->add_pattern("*.csv");
  dialog.add_filter(xlsx);
  dialog.add_filter(csv);
  if (dialog.run() != Gtk::RESPONSE_ACCEPT) return;
  std::string path = dialog.get_filename();
  const bool as_csv = path.size() > 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
  auto written = m_exporter(current_query(), as_csv ? "csv" : "xlsx", path);
  if (!written) return show_error(written.error().detail);
  m_error.hide();
  m_count.set_text(
      Glib::ustring::compose(ngettext("%1 call exported to %2", "%1 calls exported to %2",
                                      static_cast<unsigned long>(*written)),
                             *written, Glib::ustring(Glib::path_get_basename(path))));
}

void JournalView::bind_client() {
  if (!m_directory || !m_selected) return;
  auto* top = dynamic_cast<Gtk::Window*>(get_toplevel());
  if (!top) return;
  ClientBindDialog dialog(*top, *m_directory, call_number(*m_selected), m_selected->remote_display);
  if (dialog.run_until_done()) show_selected();
}

void JournalView::show_error(const Glib::ustring& text) {
  m_error.set_text(text);
  m_error.show();
}

}  // namespace telpanel::widgets
