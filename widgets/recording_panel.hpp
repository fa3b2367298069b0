// SPDX-License-Identifier: GPL-3.0-or-later
// The journal's recording player (REC-2) as a side panel: play/pause, 10 s back/forward,
// previous/next part, speed 0.5x-2x, a position slider and "save a copy". A view over
// core::RecordingPlayer (the engine is made in app/); failures are shown in the panel. Main
// thread.
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/button.h>
#include <gtkmm/comboboxtext.h>
#include <gtkmm/label.h>
#include <gtkmm/scale.h>
#include <sigc++/connection.h>

#include <string>
#include <vector>

#include "core/recording_player.hpp"

namespace telpanel::widgets {

class RecordingPanel : public Gtk::Box {
 public:
  /// `player` may be null (no audio output): the panel says so and stays inactive.
  explicit RecordingPanel(core::RecordingPlayer* player);
  ~RecordingPanel() override;

  /// The selected call's parts (paths or URLs), in order; empty = no recording.
  void set_recordings(const std::vector<std::string>& locations);

 private:
  void show_status(const core::RecordingPlayer::Status& status);
  bool tick();
  void report(const core::Result<void>& r);
  void save_copy();

  core::RecordingPlayer* m_player;
  Gtk::Label m_title;
  Gtk::Label m_part;
  Gtk::Scale m_position;
  Gtk::Label m_time;
  Gtk::Box m_buttons{Gtk::ORIENTATION_HORIZONTAL, 4};
  Gtk::Button m_previous;
  Gtk::Button m_back;
  Gtk::Button m_play;
  Gtk::Button m_forward;
  Gtk::Button m_next;
  Gtk::Box m_extra{Gtk::ORIENTATION_HORIZONTAL, 6};
  Gtk::Label m_speed_label;
  Gtk::ComboBoxText m_speed;
  Gtk::Button m_save;
  Gtk::Label m_error;
  Gtk::Label m_saved;  // where the last copy went
  sigc::connection m_changed;
  sigc::connection m_timer;
  bool m_loaded = false;
  bool m_updating = false;  // the slider is being moved by the player, not by the person
};

}  // namespace telpanel::widgets
