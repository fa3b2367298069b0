"""The tray item and the missed-call notification, checked the way a desktop sees them: a
StatusNotifierWatcher and a notification server on the test's session bus (python3-gi fakes
of what a tray host and a notification daemon do), the item's properties and menu read over
D-Bus and its menu entries clicked as a panel clicks them (com.canonical.dbusmenu Event)."""
import subprocess

from support import timeouts
from support.gui import sni
from support.poll import wait_for


def _item(window, predicate=lambda i: True, timeout=timeouts.REGISTER, what="the tray item"):
    def find():
        window.check_alive()
        items = [i for i in sni(window.env) if i["Id"] == "telpanel"]
        return items[0] if items and predicate(items[0]) else None
    return wait_for(find, timeout, what)


def _visible_windows(window):
    r = subprocess.run(["xdotool", "search", "--onlyvisible", "--classname", "telpanel"],
                       env=window.env, capture_output=True, text=True, timeout=10)
    return r.stdout.split()


def test_tray_shows_state_missed_calls_and_its_menu_works(gui, panel, baresip):
    peer = baresip("1002", display_name="Ivan Petrov")
    window, ui, shot = gui(helpers=("sni", "notifyd"))
    window.x_window()
    item = _item(window, lambda i: "Online" in i["Title"], what="the tray item says Online")
    assert item["Status"] == "Active" and item["IconName"] == "user-available-symbolic", item
    assert item["menu"][-3:] == ["Dial…", "Open panel", "Quit"], item
    assert item["item"].split("/", 1)[1].startswith("org/ayatana/NotificationItem/"), item
    # The own status shows too: Busy is what colleagues see now.
    panel.ctl("presence", "set", "busy")
    item = _item(window, lambda i: "Online · Busy" in i["Title"], what="the item says Busy")
    assert item["IconName"] == "user-busy-symbolic", item
    panel.ctl("presence", "set", "available")
    _item(window, lambda i: i["IconName"] == "user-available-symbolic", what="Available again")

    # Ringing: the item asks for attention. The caller gives up: a missed call.
    m = peer.mark()
    peer.dial("1001")
    _item(window, lambda i: i["Status"] == "NeedsAttention", timeouts.CALL_SETUP,
          "the tray item needs attention while it rings")
    ui.find("push button", name="Answer", timeout=timeouts.CALL_SETUP)
    peer.hangup()
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
    item = _item(window, lambda i: "1 missed call" in i["Title"], timeouts.CALL_END,
                 "the tray item counts 1 missed call")
    assert item["Status"] == "Active" and item["IconName"] == "call-missed-symbolic", item
    e = panel.wait_journal_closed("1002")
    assert (e["end_reason"], e["ended_by"], e["answered_at"]) == ("cancelled", "remote", None), e

    # The notification server got "Missed call" with the caller's name and number.
    notes = wait_for(lambda: [n for n in window.helpers["notifyd"].json_lines()
                              if n["summary"] == "Missed call"], timeouts.CALL_END,
                     "a Missed call notification")
    assert notes[0]["body"] == "Ivan Petrov (1002)", notes

    # With a tray, closing the window keeps the panel running; "Open panel" brings it back
    # and the missed calls count as seen.
    ui.click("push button", name="Close")
    wait_for(lambda: window.check_alive() and not _visible_windows(window), 10,
             "the window is hidden, the panel still runs")
    assert panel.registration()["state"] == "registered"
    assert sni(window.env, "click", "Open panel") == {"clicked": "Open panel"}
    wait_for(lambda: _visible_windows(window), 10, "Open panel shows the window")
    _item(window, lambda i: "missed" not in i["Title"], 10, "the missed calls are acknowledged")
    shot("after-open-panel")

    # Quit from the tray menu ends the process (after un-registering).
    assert sni(window.env, "click", "Quit") == {"clicked": "Quit"}
    assert window.proc.wait(timeouts.CALL_END) == 0


def test_start_minimized_to_the_tray_then_dial_from_its_menu(gui, panel):
    window, ui, _ = gui(helpers=("sni",), config={"general": {"start_minimized": "true"}})
    _item(window, lambda i: "Online" in i["Title"], what="the tray item says Online")
    assert _visible_windows(window) == []
    assert sni(window.env, "click", "Dial…") == {"clicked": "Dial…"}
    wait_for(lambda: _visible_windows(window), 10, "Dial… shows the window")
    ui.find("text", name="Number or SIP address")


def _mini_window(ui, state):
    """The tray's stand-in: a frame titled with the panel's state."""
    return wait_for(lambda: [f for f in ui.frames() if f.startswith(state)
                             and f.endswith("— Telephony panel")], timeouts.REGISTER,
                    f"the small window says {state!r}")


def test_start_minimized_without_a_tray_host_shows_the_small_window(gui, panel):
    window, ui, _ = gui(config={"general": {"start_minimized": "true"}})
    ui.wait_app()
    _mini_window(ui, "Online")
    ui.find("label", contains="No tray on this desktop")
    ui.click("push button", name="Open panel")
    ui.find("label", name="Online", timeout=timeouts.REGISTER)
    ui.find("text", name="Number or SIP address")


def test_without_a_tray_host_closing_keeps_the_panel_in_a_small_window(gui, panel, baresip):
    peer = baresip("1002", display_name="Ivan Petrov")
    window, ui, shot = gui()
    window.x_window()
    ui.find("label", name="Online", timeout=timeouts.REGISTER)
    ui.click("push button", name="Close")
    _mini_window(ui, "Online")
    assert window.check_alive() and panel.registration()["state"] == "registered"
    # A call rings and is given up on: the small window says so, as the tray item would.
    m = peer.mark()
    peer.dial("1001")
    _mini_window(ui, "Incoming call")
    ui.find("push button", name="Answer", timeout=timeouts.CALL_SETUP)  # the banner still comes
    peer.hangup()
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
    _mini_window(ui, "Online · 1 missed call")
    shot("small-window")
    # Dial… brings the panel back with the number entry; the small window goes.
    ui.click("push button", name="Dial…")
    ui.find("text", name="Number or SIP address")
    wait_for(lambda: not [f for f in ui.frames() if f.endswith("— Telephony panel")], 10,
             "the small window is gone while the panel shows")
    # Closing the small window is leaving: the process ends after un-registering.
    ui.click("push button", name="Close")
    _mini_window(ui, "Online")
    ui.click("push button", name="Quit")
    assert window.proc.wait(timeouts.CALL_END) == 0


def test_clicking_the_missed_call_notification_opens_the_panel(gui, panel, baresip):
    peer = baresip("1002")
    window, ui, _ = gui(helpers=("sni", "notifyd-click"))
    window.x_window()
    _item(window, lambda i: "Online" in i["Title"], what="the tray item says Online")
    ui.click("push button", name="Close")
    wait_for(lambda: window.check_alive() and not _visible_windows(window), 10,
             "the window is hidden in the tray")
    m = peer.mark()
    peer.dial("1001")
    ui.find("push button", name="Answer", timeout=timeouts.CALL_SETUP)
    peer.hangup()
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
    notes = wait_for(lambda: window.helpers["notifyd-click"].json_lines(), timeouts.CALL_END,
                     "the missed-call notification")
    assert "default" in notes[0]["actions"], notes
    # The server clicked it: the panel window is back and the missed call counts as seen.
    wait_for(lambda: _visible_windows(window), 10, "the notification opened the window")
    ui.find("label", contains="Missed")
    _item(window, lambda i: "missed" not in i["Title"], 10, "the missed call is acknowledged")
