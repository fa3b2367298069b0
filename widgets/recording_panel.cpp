// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/recording_panel.hpp"

#include <atkmm/object.h>
#include <glib/gi18n.h>
#include <glibmm/main.h>
#include <glibmm/miscutils.h>
#include <gtkmm/filechooserdialog.h>
#include <gtkmm/window.h>

#include <cstdio>

#include "widgets/party_text.hpp"

namespace telpanel::widgets {

namespace {

using std::chrono::milliseconds;
using State = core::RecordingPlayer::State;

constexpr double k_speeds[] = {0.5, 0.75, 1.0, 1.25, 1.5, 2.0};

Glib::ustring seconds_text(milliseconds ms) {
  return clock_text(std::chrono::duration_cast<std::chrono::seconds>(ms));
}

void name_button(Gtk::Button& b, const char* icon, const Glib::ustring& name) {
  b.set_image_from_icon_name(icon, Gtk::ICON_SIZE_BUTTON);
  b.set_tooltip_text(name);
  b.get_accessible()->set_name(name);
}

}  // namespace

RecordingPanel::RecordingPanel(core::RecordingPlayer* player)
    : Gtk::Box(Gtk::ORIENTATION_VERTICAL, 6), m_player(player) {
  m_title.set_markup(Glib::ustring("<b>") + _("Recording") + "</b>");
  m_title.set_xalign(0);
  pack_start(m_title, Gtk::PACK_SHRINK);
  m_part.set_xalign(0);
  pack_start(m_part, Gtk::PACK_SHRINK);
  // Right under the title, where the eye is: a failure's reason may be a long path.
  m_error.set_xalign(0);
  m_error.set_line_wrap(true);
  m_error.set_line_wrap_mode(Pango::WRAP_WORD_CHAR);
  m_error.set_max_width_chars(40);
  m_error.set_lines(3);  // the whole reason is in the tooltip (and read by screen readers)
  m_error.set_ellipsize(Pango::ELLIPSIZE_END);
  m_error.get_style_context()->add_class("error");
  m_error.set_no_show_all(true);
  pack_start(m_error, Gtk::PACK_SHRINK);

  m_position.set_range(0, 1);
  m_position.set_draw_value(false);
  m_position.set_increments(1, 10);
  m_position.get_accessible()->set_name(_("Playback position"));
  m_position.signal_value_changed().connect([this] {
    if (m_updating || !m_loaded || !m_player) return;
    report(m_player->seek(milliseconds(static_cast<long>(m_position.get_value() * 1000))));
  });
  pack_start(m_position, Gtk::PACK_SHRINK);
  m_time.set_xalign(0);
  m_time.get_accessible()->set_name(_("Played time"));
  pack_start(m_time, Gtk::PACK_SHRINK);

  name_button(m_previous, "media-skip-backward-symbolic", _("Previous part"));
  name_button(m_back, "media-seek-backward-symbolic", _("Back 10 seconds"));
  name_button(m_play, "media-playback-start-symbolic", _("Play"));
  name_button(m_forward, "media-seek-forward-symbolic", _("Forward 10 seconds"));
  name_button(m_next, "media-skip-forward-symbolic", _("Next part"));
  for (auto* b : {&m_previous, &m_back, &m_play, &m_forward, &m_next})
    m_buttons.pack_start(*b, Gtk::PACK_SHRINK);
  pack_start(m_buttons, Gtk::PACK_SHRINK);

  m_speed_label.set_text_with_mnemonic(_("_Speed"));
  m_speed_label.set_mnemonic_widget(m_speed);
  for (double s : k_speeds) {
    char text[16];
    std::snprintf(text, sizeof text, "%g×", s);
    m_speed.append(text);
  }
  m_speed.set_active(2);
  m_speed.get_accessible()->set_name(_("Speed"));
  m_save.set_label(_("Save a copy…"));
  m_extra.pack_start(m_speed_label, Gtk::PACK_SHRINK);
  m_extra.pack_start(m_speed, Gtk::PACK_SHRINK);
  m_extra.pack_end(m_save, Gtk::PACK_SHRINK);
  pack_start(m_extra, Gtk::PACK_SHRINK);
  m_saved.set_xalign(0);
  m_saved.set_ellipsize(Pango::ELLIPSIZE_MIDDLE);
  m_saved.set_no_show_all(true);
  pack_start(m_saved, Gtk::PACK_SHRINK);

  if (m_player) {
    m_play.signal_clicked().connect([this] {
      const auto s = m_player->status();
      report(s.state == State::Playing ? m_player->pause() : m_player->play());
    });
    m_back.signal_clicked().connect(
        [this] { report(m_player->skip(-milliseconds(core::RecordingPlayer::k_skip))); });
    m_forward.signal_clicked().connect(
        [this] { report(m_player->skip(milliseconds(core::RecordingPlayer::k_skip))); });
    m_previous.signal_clicked().connect([this] { report(m_player->previous_part()); });
    m_next.signal_clicked().connect([this] { report(m_player->next_part()); });
    m_speed.signal_changed().connect([this] {
      const int i = m_speed.get_active_row_number();
      if (m_loaded && i >= 0) report(m_player->set_speed(k_speeds[i]));
    });
    m_save.signal_clicked().connect([this] { save_copy(); });
    m_changed = m_player->signal_changed().connect(
        [this](const core::RecordingPlayer::Status& s) { show_status(s); });
    // The position moves without a signal: read it while something plays.
    m_timer = Glib::signal_timeout().connect(sigc::mem_fun(*this, &RecordingPanel::tick), 250);
  }
  set_recordings({});
}

RecordingPanel::~RecordingPanel() {
  m_timer.disconnect();
  m_changed.disconnect();
  if (m_player && m_loaded) (void)m_player->pause();
}

void RecordingPanel::set_recordings(const std::vector<std::string>& locations) {
  m_error.hide();
  m_saved.hide();
  m_loaded = false;
  if (m_player && !locations.empty()) {
    auto r = m_player->open(locations);
    m_loaded = bool(r);
    report(r);
  } else if (m_player && m_player->status().state == State::Playing) {
    (void)m_player->pause();
  }
  for (auto* w : std::initializer_list<Gtk::Widget*>{&m_position, &m_previous, &m_back, &m_play,
                                                     &m_forward, &m_next, &m_speed, &m_save})
    w->set_sensitive(m_loaded);
  if (!m_player) {
    m_part.set_text(_("Playback is not available"));
  } else if (locations.empty()) {
    m_part.set_text(_("This call has no recording"));
  }
  if (m_loaded)
    show_status(m_player->status());
  else
    m_time.set_text("");
}

void RecordingPanel::show_status(const core::RecordingPlayer::Status& s) {
  if (!m_loaded) return;
  m_part.set_text(Glib::ustring::compose(_("Part %1 of %2"), s.part + 1, s.parts));
  m_previous.set_sensitive(s.part > 0);
  m_next.set_sensitive(s.part + 1 < s.parts);
  const bool playing = s.state == State::Playing;
  name_button(m_play, playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic",
              playing ? _("Pause") : _("Play"));
  m_updating = true;
  const double total = s.duration ? static_cast<double>(s.duration->count()) / 1000.0 : 0.0;
  m_position.set_range(0, total > 0 ? total : 1);
  m_position.set_value(static_cast<double>(s.position.count()) / 1000.0);
  m_updating = false;
  m_time.set_text(s.duration ? seconds_text(s.position) + " / " + seconds_text(*s.duration)
                             : seconds_text(s.position));
  if (s.state == State::Failed) {
    for (auto* w : std::initializer_list<Gtk::Widget*>{&m_position, &m_back, &m_play, &m_forward,
                                                       &m_speed, &m_save})
      w->set_sensitive(false);
    m_error.set_text(Glib::ustring::compose(_("Cannot play the recording: %1"), s.error));
    m_error.set_tooltip_text(m_error.get_text());
    m_error.show();
  }
}

bool RecordingPanel::tick() {
  if (m_loaded && get_mapped()) {
    const auto s = m_player->status();
    if (s.state == State::Playing || s.state == State::Paused) show_status(s);
  }
  return true;
}

void RecordingPanel::report(const core::Result<void>& r) {
  if (r) return;
  m_error.set_text(r.error().detail);
  m_error.set_tooltip_text(r.error().detail);
  m_error.show();
}

void RecordingPanel::save_copy() {
  auto* top = dynamic_cast<Gtk::Window*>(get_toplevel());
  Gtk::FileChooserDialog dialog(_("Save a copy of the recording"), Gtk::FILE_CHOOSER_ACTION_SAVE);
  if (top) dialog.set_transient_for(*top);
  dialog.add_button(_("_Cancel"), Gtk::RESPONSE_CANCEL);
  dialog.add_button(_("_Save"), Gtk::RESPONSE_ACCEPT);
  dialog.set_do_overwrite_confirmation(true);
  dialog.set_current_name("recording.opus");
  if (dialog.run() != Gtk::RESPONSE_ACCEPT) return;
  const std::string path = dialog.get_filename();
  m_saved.hide();
  m_player->save_copy(path, [this, path](core::Result<void> r) {
    if (!r) {
      report(r);
      return;
    }
    m_error.hide();
    m_saved.set_text(
        Glib::ustring::compose(_("Saved a copy to %1"), Glib::path_get_basename(path)));
    m_saved.set_tooltip_text(path);
    m_saved.show();
  });
}

}  // namespace telpanel::widgets
