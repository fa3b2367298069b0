// SPDX-License-Identifier: GPL-3.0-or-later
// The call journal page (JRN-4..8): filters (direction, status, period, needs attention),
// search, the user's columns (JRN-6, kept by the journal), status badges and indicators, and a
// side panel with the selected call's details and route, its comment, "clear attention" and
// the recording player. A view over core::CallJournal; export is handed to the app (it owns
// the file formats). Main thread.
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/button.h>
#include <gtkmm/checkbutton.h>
#include <gtkmm/comboboxtext.h>
#include <gtkmm/entry.h>
#include <gtkmm/label.h>
#include <gtkmm/liststore.h>
#include <gtkmm/menubutton.h>
#include <gtkmm/paned.h>
#include <gtkmm/popover.h>
#include <gtkmm/scrolledwindow.h>
#include <gtkmm/searchentry.h>
#include <gtkmm/treeview.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/client_directory.hpp"
#include "core/journal_query.hpp"
#include "widgets/journal_range.hpp"
#include "widgets/recording_panel.hpp"

namespace telpanel::widgets {

class JournalView : public Gtk::Box {
 public:
  /// Writes the calls `query` selects to `path` as "csv" or "xlsx"; returns the row count.
  using Exporter = std::function<core::Result<int>(
      const core::JournalQuery& query, const std::string& format, const std::string& path)>;

  /// `user`: whose column layout is shown and kept. `player` and `directory` may be null.
  JournalView(core::CallJournal& journal, core::ClientDirectory* directory,
              core::RecordingPlayer* player, std::string user);
  void set_exporter(Exporter exporter) { m_exporter = std::move(exporter); }
  /// Re-reads the journal with the current filters (keeps the selected call selected).
  void reload();
  /// The query the filters describe (what "Export" writes, without the row limit).
  core::JournalQuery current_query() const;

 private:
  struct Model : Gtk::TreeModelColumnRecord {
    Model();
    Gtk::TreeModelColumn<gint64> id;
    Gtk::TreeModelColumn<Glib::ustring> indicators;
    Gtk::TreeModelColumn<Glib::ustring> status_colour;       // the badge's background, "" = none
    std::vector<Gtk::TreeModelColumn<Glib::ustring>> cells;  // one per core::JournalColumn
  };

  void build_filters();
  void period_changed();
  void build_columns_chooser();
  void apply_columns();
  /// JRN-6: the chooser's rows in the columns' order (shown ones first), arrows where they go.
  void sync_chooser();
  void move_column(core::JournalColumn column, int by);
  /// The order after headers were dragged; saved like the chooser's changes.
  void columns_dragged();
  void save_columns();
  void build_side();
  void show_selected();
  std::optional<core::JournalId> selected_id() const;
  void save_comment();
  void clear_attention();
  void export_view();
  void bind_client();
  void show_error(const Glib::ustring& text);

  core::CallJournal& m_journal;
  core::ClientDirectory* m_directory;
  std::optional<core::JournalEntry> m_selected;
  std::string m_user;
  Exporter m_exporter;
  std::vector<core::JournalColumn> m_columns;
  struct ChooserRow {
    core::JournalColumn column;
    Gtk::Box* box;
    Gtk::Button* up;
    Gtk::Button* down;
  };
  std::vector<ChooserRow> m_chooser_rows;  // widgets managed by m_columns_box
  std::vector<std::pair<Gtk::TreeViewColumn*, core::JournalColumn>> m_view_columns;
  bool m_applying_columns = false;  // our own column changes are not a drag

  Gtk::Box m_filters{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::SearchEntry m_search;
  Gtk::ComboBoxText m_direction;
  Gtk::ComboBoxText m_status;
  Gtk::ComboBoxText m_period;
  Gtk::CheckButton m_attention;
  JournalRangeBar m_range;  // shown with the period "Custom range…"
  Gtk::MenuButton m_columns_button;
  Gtk::Popover m_columns_popover;
  Gtk::Box m_columns_box{Gtk::ORIENTATION_VERTICAL, 2};
  Gtk::Button m_export;
  Gtk::Label m_count;
  Gtk::Label m_error;

  Gtk::Paned m_paned{Gtk::ORIENTATION_HORIZONTAL};
  Gtk::ScrolledWindow m_scroll;
  Model m_model;
  Glib::RefPtr<Gtk::ListStore> m_store;
  Gtk::TreeView m_tree;

  Gtk::ScrolledWindow m_side_scroll;
  Gtk::Box m_side{Gtk::ORIENTATION_VERTICAL, 8};
  Gtk::Label m_details;
  Gtk::Label m_comment_label;
  Gtk::Entry m_comment;
  Gtk::Box m_actions{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Button m_save_comment;
  Gtk::Button m_clear_attention;
  Gtk::Button m_client;
  RecordingPanel m_recording;
  bool m_reloading = false;
};

}  // namespace telpanel::widgets
