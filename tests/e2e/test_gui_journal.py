"""The journal page and its recording player (JRN-4..8, REC-2) driven as a person would: real
calls through Kamailio with baresip, the windowed telpanel on a private Xvfb, widgets found
through AT-SPI, and the outcome read back with `telpanelctl journal --json`.

Extensions are at most 3 digits here, so the 4-digit test users are clients' numbers (they get
statuses; colleagues' calls have none)."""
import os
import re

from support import timeouts
from support.gui_calls import answered_call, hang_up, missed_call, open_window
from support.poll import wait_for

CLIENT_NUMBERS = {"extension_length": "2-3"}
COMMENT = "Call back after lunch"


def _open(gui, extra_env=None, more_sections=(), online="Online"):
    return open_window(gui, extra_env, online,
                       config={"general": CLIENT_NUMBERS, "more_sections": more_sections})


def _shown(ui, text):
    ui.find("label", name=text, timeout=timeouts.CALL_END)


def test_filter_needs_attention_comment_and_clear(gui, panel, baresip):
    window, ui, shot = _open(gui)
    lead = baresip("1003", display_name="Olga Smirnova")
    client = baresip("1002", display_name="Ivan Petrov")
    missed_call(window, panel, lead)
    call = answered_call(window, panel, client)
    hang_up(panel, client, call["id"])
    lost = panel.wait_journal_closed("1003")
    panel.wait_journal_closed("1002")

    ui.click("radio button", name="Journal")
    _shown(ui, "2 calls shown")
    # The columns this person does not need go; the journal keeps the choice (JRN-6).
    ui.click("toggle button", name="Columns")
    for title in ("Wait, s", "Employee"):
        ui.click("check box", name=title)
    ui.keys("Escape")
    wait_for(lambda: panel.ctl("journal", "columns") == ["date", "talk", "client", "number",
                                                         "status"],
             timeouts.CALL_END, "the chosen columns in telpanelctl journal columns")
    shot("journal")
    ui.find("table cell", name="Ivan Petrov")
    ui.find("table cell", name="Lost")
    ui.find("table cell", name="Accepted")
    ui.find("table cell", name="New number, Needs attention")

    # Needs attention only: the lost call from 1003 stays, the answered one goes.
    ui.click("check box", name="Needs attention")
    _shown(ui, "1 call shown")
    ui.gone("table cell", name="Ivan Petrov")
    ui.click("table cell", name="Olga Smirnova")
    details = ui.find("label", name="Call details")
    assert "1003" in details["text"] and "Incoming call" in details["text"], details

    ui.type_text("text", COMMENT, name="Comment")
    ui.click("push button", name="Save comment")
    commented = wait_for(lambda: next((e for e in panel.ctl("journal")
                                       if e["id"] == lost["id"] and e["comment"]), None),
                         timeouts.CALL_END, "the comment in telpanelctl journal --json")
    assert commented["comment"] == COMMENT, commented
    ui.find("table cell", name="New number, Needs attention, Comment")
    shot("commented")

    # Cleared: it leaves the needs-attention view and keeps its status (JRN-3).
    ui.click("push button", name="Clear attention")
    _shown(ui, "0 calls shown")
    cleared = panel.ctl("journal", "show", str(lost["id"]))
    assert (cleared["status"], cleared["needs_attention"], cleared["comment"]) == (
        "lost", False, COMMENT), cleared
    ui.keys("<Alt>n")  # the filter's mnemonic: the keyboard alone turns it off
    _shown(ui, "2 calls shown")


def _played(ui):
    """Seconds shown by the player's "Played time" label ("0:07 / 0:13")."""
    text = ui.find("label", name="Played time")["text"] or ""
    m = re.match(r"(\d+):(\d\d)", text)
    return int(m.group(1)) * 60 + int(m.group(2)) if m else None


def test_play_a_recording_from_the_side_panel(gui, panel, baresip, tmp_path):
    window, ui, shot = _open(gui, more_sections=[("audio", {"player": "fakesink"})])
    panel.ctl("settings", "set", "recording", "always", as_json=False)
    peer = baresip("1002", display_name="Ivan Petrov")
    call = answered_call(window, panel, peer)
    # 13 s of call: long enough for a 10 s skip to land inside the recording.
    panel.wait_received_seconds(13, timeout=timeouts.AUDIO_WAIT + 13)
    hang_up(panel, peer, call["id"])
    entry = wait_for(lambda: next((e for e in panel.ctl("journal")
                                   if e["call_id"] == call["id"] and e["ended_at"]
                                   and e["recordings"]), None),
                     timeouts.CALL_END, "the call's recording in the journal")

    ui.click("radio button", name="Journal")
    ui.click("table cell", name="Ivan Petrov")
    ui.find("label", name="Part 1 of 1")
    assert _played(ui) == 0
    ui.click("push button", name="Play")
    ui.find("push button", name="Pause")
    wait_for(lambda: (_played(ui) or 0) >= 2, timeouts.CALL_SETUP, "the position advances")
    shot("playing")
    before = _played(ui)
    ui.click("push button", name="Forward 10 seconds")
    wait_for(lambda: (_played(ui) or 0) >= before + 10, timeouts.CALL_SETUP,
             "the position jumps 10 s forward")
    ui.click("push button", name="Back 10 seconds")
    wait_for(lambda: (_played(ui) or 99) < before + 10, timeouts.CALL_SETUP,
             "the position goes 10 s back")
    ui.click("push button", name="Pause")
    ui.find("push button", name="Play")

    # Save a copy through the file chooser: the same bytes as the recording.
    copy = str(tmp_path / "copy.opus")
    ui.click("push button", name="Save a copy…")
    ui.type_text("text", copy, contains="recording.opus", replace=True)
    ui.keys("Return")
    ui.find("label", name="Saved a copy to copy.opus", timeout=timeouts.CALL_END)
    with open(copy, "rb") as a, open(entry["recordings"][0], "rb") as b:
        assert a.read() == b.read(), "the copy differs from the recording"


def test_journal_in_russian(gui, panel, baresip):
    window, ui, shot = _open(gui, {"LANGUAGE": "ru", "LANG": "C.UTF-8", "LC_ALL": "",
                                   "LC_MESSAGES": ""}, online="В сети")
    lead = baresip("1003", display_name="Ольга Смирнова")
    missed_call(window, panel, lead)
    panel.wait_journal_closed("1003")
    ui.click("radio button", name="Журнал")
    _shown(ui, "Показан 1 звонок")
    ui.find("table cell", name="Потерян")
    ui.find("check box", name="Требует внимания")
    ui.click("table cell", name="Ольга Смирнова")
    ui.find("push button", name="Снять отметку")
    shot("journal-ru")


def test_create_and_bind_a_client_from_journal_rows(gui, panel, baresip):
    window, ui, shot = _open(gui)
    lead = baresip("1003", display_name="Olga Smirnova")
    colleague = baresip("1002", display_name="Ivan Petrov")
    missed_call(window, panel, lead)
    missed_call(window, panel, colleague)
    panel.wait_journal_closed("1002")
    ui.click("radio button", name="Journal")
    _shown(ui, "2 calls shown")

    # A new client from the lost call: the name comes from the caller's display name.
    ui.click("table cell", name="Olga Smirnova")
    ui.click("push button", name="Client…")
    assert "Client for this number" in ui.frames()
    assert ui.find("text", name="Client name")["text"] == "Olga Smirnova"
    shot("client-dialog")
    ui.click("push button", name="Save")
    ui.gone("text", name="Client name")
    owner = panel.ctl("clients", "lookup", "1003")
    assert owner["client_name"] == "Olga Smirnova", owner
    wait_for(lambda: "Client: Olga Smirnova" in ui.find("label", name="Call details")["text"],
             timeouts.CALL_END, "the details name the client")

    # The same number cannot go to a second new client: the dialog says why and stays open.
    ui.click("push button", name="Client…")
    ui.type_text("text", "Someone Else", name="Client name", replace=True)
    ui.click("push button", name="Save")
    ui.find("label", name="number 1003 already belongs to client 1 (Olga Smirnova)")
    assert "Client for this number" in ui.frames()
    ui.click("push button", name="Cancel")
    ui.gone("text", name="Client name")
    assert panel.ctl("clients", "search", "Someone") == []

    # 1002 goes to the existing client, found by name.
    ui.click("table cell", name="Ivan Petrov")
    ui.click("push button", name="Client…")
    ui.click("radio button", name="Existing client")
    ui.type_text("text", "Olga", name="Find a client")
    ui.find("combo box", name="Olga Smirnova")
    shot("bind-existing")
    ui.click("push button", name="Save")
    ui.gone("text", name="Client name")
    owner = panel.ctl("clients", "lookup", "1002")
    assert (owner["client"], owner["client_name"]) == (
        panel.ctl("clients", "lookup", "1003")["client"], "Olga Smirnova"), owner


def test_export_the_current_view_and_a_missing_recording(gui, panel, baresip, tmp_path):
    window, ui, shot = _open(gui)
    panel.ctl("settings", "set", "recording", "always", as_json=False)
    lead = baresip("1003", display_name="Olga Smirnova")
    client = baresip("1002", display_name="Ivan Petrov")
    missed_call(window, panel, lead)
    call = answered_call(window, panel, client)
    panel.wait_received_seconds(timeouts.AUDIO_SECONDS, n=2)  # the missed call opened #1
    hang_up(panel, client, call["id"])
    entry = wait_for(lambda: next((e for e in panel.ctl("journal")
                                   if e["call_id"] == call["id"] and e["ended_at"]
                                   and e["recordings"]), None),
                     timeouts.CALL_END, "the call's recording in the journal")

    # Export what the view shows (missed calls only) through the file chooser.
    ui.click("radio button", name="Journal")
    ui.click("check box", name="Needs attention")
    _shown(ui, "1 call shown")
    ui.click("push button", name="Export…")
    target = str(tmp_path / "missed.csv")
    # The chooser's name field, with the suggested name in it.
    ui.type_text("text", target, contains="journal.xlsx", replace=True)
    ui.keys("Return")
    _shown(ui, "1 call exported to missed.csv")
    with open(target, encoding="utf-8") as f:
        rows = f.read().splitlines()
    assert len(rows) == 2 and rows[0].startswith("Date,"), rows
    assert "1003" in rows[1] and ",Lost" in rows[1] and "1002" not in rows[1], rows

    # A recording whose file is gone: the player says why instead of hanging.
    os.remove(entry["recordings"][0])
    ui.click("check box", name="Needs attention")
    ui.click("table cell", name="Ivan Petrov")
    shot("missing-recording")
    error = ui.find("label", contains="Cannot play the recording", timeout=timeouts.CALL_SETUP)
    assert "No such file" in error["text"] and os.path.basename(entry["recordings"][0]) in \
        error["text"], error
    # Nothing to play: the controls are off, and the error stays readable.
    assert not ui.find("push button", name="Play")["sensitive"]
