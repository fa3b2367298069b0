// SPDX-License-Identifier: GPL-3.0-or-later
// F7 from the journal: give a call's number to a client — a new one (name prefilled with the
// caller's display name) or an existing one found by the directory's search. A view over
// core::ClientDirectory; refusals (a number that already belongs to someone, an empty name)
// are shown in the dialog, which stays open. Main thread.
#pragma once

#include <gtkmm/comboboxtext.h>
#include <gtkmm/dialog.h>
#include <gtkmm/entry.h>
#include <gtkmm/label.h>
#include <gtkmm/radiobutton.h>
#include <gtkmm/searchentry.h>

#include <string>
#include <vector>

#include "core/client_directory.hpp"

namespace telpanel::widgets {

class ClientBindDialog : public Gtk::Dialog {
 public:
  ClientBindDialog(Gtk::Window& parent, core::ClientDirectory& directory, std::string number,
                   const std::string& suggested_name);
  /// Runs until the number is stored or the person cancels; true when stored.
  bool run_until_done();

 private:
  void search();
  core::Result<void> apply();

  core::ClientDirectory& m_directory;
  std::string m_number;
  Gtk::Label m_intro;
  Gtk::RadioButton m_new;
  Gtk::Entry m_name;
  Gtk::RadioButton m_existing;
  Gtk::SearchEntry m_search;
  Gtk::ComboBoxText m_hits;
  std::vector<core::ClientId> m_hit_ids;
  Gtk::Label m_error;
};

}  // namespace telpanel::widgets
