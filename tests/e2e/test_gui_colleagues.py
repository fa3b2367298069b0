"""The status menu, the Colleagues page and transfers from the panel window, driven as a person
would (AT-SPI clicks and keys on a real `telpanel` window) against a real Kamailio with presence
and baresip colleagues; the outcome is checked with `telpanelctl`, baresip and the audio the
transfer target receives."""
import datetime
import os

from support import timeouts
from support.gui import sni
from support.poll import wait_for
from support.presence import colleague_sections
from support.wav import read_wav, assert_tone

UPDATE = 5 * timeouts._SCALE
CLIENT_TONE = 440
TARGET_TONE = 660


def _start(gui, env=None, helpers=(), **presence_keys):
    window, ui, shot = gui(env, config={"more_sections": colleague_sections(
        "1002", "1003", **presence_keys)}, helpers=helpers)
    window.x_focus(window.x_window())
    ui.wait_app()
    return window, ui, shot


def _presence(panel):
    return panel.ctl("presence", "show")


def _client_answered_from_the_banner(gui, panel, baresip, colleagues_page=False):
    """A client (1002) calls and is answered from the banner; colleague 1003 is ready for a
    transfer. Returns (client, target, window, ui, shot, the active call)."""
    client = baresip("1002", tone=CLIENT_TONE, display_name="Client")
    target = baresip("1003", tone=TARGET_TONE)
    window, ui, shot = _start(gui)
    ui.find("label", name="Online", timeout=timeouts.REGISTER)
    if colleagues_page:
        ui.click("radio button", name="Colleagues")
        ui.find("label", name="User 1003: Available", timeout=UPDATE)
    m = client.mark()
    client.dial("1001")
    ui.click("push button", name="Answer", timeout=timeouts.CALL_SETUP)
    client.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    call = wait_for(lambda: next((c for c in panel.calls() if c["state"] == "active"), None),
                    timeouts.CALL_SETUP, "the answered call is active")
    return client, target, window, ui, shot, call


def test_status_menu_sets_status_text_and_offline(gui, panel):
    window, ui, shot = _start(gui)
    ui.find("label", name="Online", timeout=timeouts.REGISTER)
    ui.find("toggle button", name="My status: Available")
    ui.click("toggle button", contains="My status")
    ui.click("radio button", name="Busy")
    wait_for(lambda: _presence(panel)["presence"] == "busy", UPDATE,
             "`presence show` says busy after the click")
    ui.type_text("text", "At lunch until 14:00", name="Status text", replace=True)
    ui.keys("Return")
    wait_for(lambda: _presence(panel)["text"] == "At lunch until 14:00", UPDATE,
             "`presence show` has the text typed into the status menu")
    ui.find("toggle button", name="My status: Busy · At lunch until 14:00")
    shot("status-menu")
    # Offline un-registers; Online registers again and the chosen status comes back.
    ui.click("check box", name="Online")
    wait_for(lambda: _presence(panel)["presence"] == "offline", UPDATE, "offline")
    wait_for(lambda: panel.registration()["state"] == "unregistered", timeouts.REGISTER,
             "Offline un-registered the account")
    ui.find("toggle button", name="My status: Offline · At lunch until 14:00")
    assert not ui.find("radio button", name="Do not disturb")["sensitive"]
    ui.click("check box", name="Online")
    wait_for(lambda: panel.registration()["state"] == "registered", timeouts.REGISTER,
             "Online registered again")
    assert _presence(panel)["presence"] == "busy", _presence(panel)
    ui.click("radio button", name="Do not disturb")
    wait_for(lambda: _presence(panel)["presence"] == "dnd", UPDATE, "dnd")
    # The keyboard: Escape closes the menu, Ctrl+Shift+S opens it again.
    ui.keys("Escape")
    ui.gone("radio button", name="Busy")
    window.x_focus(window.x_window())
    ui.keys("<Control><Shift>s")
    ui.find("radio button", name="Busy")


def test_status_menu_shows_auto_away_with_the_last_input_time(gui, panel, run_dir):
    idle_file = os.path.join(run_dir, "idle-seconds")
    with open(idle_file, "w") as f:
        f.write("0")
    window, ui, shot = _start(gui, away_after=300, idle_source=f"file:{idle_file}")
    ui.find("toggle button", name="My status: Available", timeout=timeouts.REGISTER)
    with open(idle_file, "w") as f:
        f.write("420")  # idle for 7 minutes: past away_after
    me = wait_for(lambda: _presence(panel)["presence"] == "away" and _presence(panel), UPDATE,
                  "own status away")
    seen = datetime.datetime.fromisoformat(me["last_seen"]).astimezone()
    # Shortly after midnight the last input was yesterday: then the day is shown too.
    hhmm = seen.strftime("%H:%M" if seen.date() == datetime.date.today() else "%d.%m %H:%M")
    ui.find("toggle button", name=f"My status: Away · was here {hhmm}", timeout=UPDATE)
    ui.click("toggle button", contains="My status")
    ui.find("label", name=f"Away: no input since {hhmm}")
    shot("auto-away")
    ui.keys("Escape")
    with open(idle_file, "w") as f:
        f.write("1")  # activity
    ui.find("toggle button", name="My status: Available", timeout=UPDATE)


def test_colleagues_page_shows_a_colleague_on_a_call_and_finds_by_name(gui, panel, baresip):
    b2 = baresip("1002")
    baresip("1003")
    window, ui, shot = _start(gui)
    ui.find("label", name="Online", timeout=timeouts.REGISTER)
    ui.click("radio button", name="Colleagues")
    ui.find("label", name="User 1002: Available", timeout=UPDATE)
    ui.find("label", name="User 1003: Available", timeout=UPDATE)
    # No call of ours: nothing to transfer yet.
    assert not ui.find("push button", name="Transfer to User 1002")["sensitive"]
    b2.dial("1003")
    b2.wait_event("CALL_ESTABLISHED")
    ui.find("label", name="User 1002: Available · on a call", timeout=UPDATE)
    ui.find("label", name="User 1003: Available · on a call", timeout=UPDATE)
    shot("colleague-on-a-call")
    ui.type_text("text", "1003", name="Find a colleague")
    ui.gone("label", name="User 1002: Available · on a call")
    ui.find("label", name="User 1003: Available · on a call")
    b2.hangup()
    ui.find("label", name="User 1003: Available", timeout=UPDATE)


def test_transfer_answered_call_from_the_colleague_list(gui, panel, baresip):
    client, target, window, ui, shot, call = _client_answered_from_the_banner(
        gui, panel, baresip, colleagues_page=True)
    window.x_focus(window.x_window())
    ui.find("label", name="Transfer and Consult act on the call with Client.")
    shot("transfer-ready")
    mt = target.mark()
    ui.click("push button", name="Transfer to User 1003")
    target.wait_event("CALL_ESTABLISHED", since=mt, param_contains="1002",
                      timeout=timeouts.CALL_SETUP)
    e = panel.wait_journal_closed("1002")
    assert (e["call_id"], e["end_reason"]) == (call["id"], "transferred"), e
    assert [leg["kind"] for leg in e["legs"]] == ["call", "blind"], e["legs"]
    assert e["legs"][1]["party"].startswith("sip:1003@"), e["legs"]
    # The target hears the client, not the panel: the panel is out of the media path.
    assert_tone(read_wav(target.wait_dec_wav_seconds(timeouts.AUDIO_SECONDS)), CLIENT_TONE,
                "audio the target received from the transferred client")
    assert panel.calls() == [], panel.calls()
    assert not ui.find("push button", name="Transfer to User 1003")["sensitive"]


def test_colleagues_and_status_menu_in_russian(gui, panel, baresip):
    b2 = baresip("1002")
    baresip("1003")
    window, ui, shot = _start(gui, {"LANGUAGE": "ru", "LANG": "C.UTF-8", "LC_ALL": "",
                                    "LC_MESSAGES": ""})
    ui.find("label", name="В сети", timeout=timeouts.REGISTER)
    ui.click("radio button", name="Коллеги")
    ui.find("label", name="User 1002: Доступен", timeout=UPDATE)
    ui.find("label", name="User 1003: Доступен", timeout=UPDATE)
    b2.dial("1003")
    b2.wait_event("CALL_ESTABLISHED")
    ui.find("label", name="User 1002: Доступен · разговаривает", timeout=UPDATE)
    ui.find("push button", name="Позвонить User 1002")
    shot("colleagues-ru")
    ui.click("toggle button", contains="Мой статус")
    ui.click("radio button", name="Занят")
    wait_for(lambda: _presence(panel)["presence"] == "busy", UPDATE, "busy from the Russian menu")
    ui.find("toggle button", name="Мой статус: Занят")
    shot("status-menu-ru")
    # The banner's transfer list in Russian, unclipped.
    ui.keys("Escape")
    b2.hangup()
    m = b2.mark()
    b2.dial("1001")
    ui.click("toggle button", name="Перевести", timeout=timeouts.CALL_SETUP)
    ui.find("label", name="User 1003, Доступен", timeout=UPDATE)
    shot("banner-transfer-ru")
    ui.click("push button", name="Отклонить")
    b2.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)


def _tray_menu(window, predicate, what):
    def find():
        window.check_alive()
        items = [i for i in sni(window.env) if i["Id"] == "telpanel"]
        return items[0]["menu"] if items and predicate(items[0]["menu"]) else None
    return wait_for(find, timeout=timeouts.REGISTER, message=what)


def test_tray_status_submenu_sets_the_status(gui, panel):
    window, ui, _ = _start(gui, helpers=("sni",))
    menu = _tray_menu(window, lambda m: "Status: Available" in m, "the tray menu's Status entry")
    assert {"Stay online", "Available", "Busy", "Do not disturb"} <= set(menu), menu
    assert sni(window.env, "click", "Busy") == {"clicked": "Busy"}
    wait_for(lambda: _presence(panel)["presence"] == "busy", UPDATE, "busy from the tray")
    _tray_menu(window, lambda m: "Status: Busy" in m, "the tray menu follows the status")
    ui.find("toggle button", name="My status: Busy")  # the header agrees
    assert sni(window.env, "click", "Stay online") == {"clicked": "Stay online"}
    wait_for(lambda: _presence(panel)["presence"] == "offline", UPDATE, "offline from the tray")
    _tray_menu(window, lambda m: "Status: Offline" in m, "the tray menu says Offline")


def test_banner_deflects_a_ringing_call_to_a_colleague(gui, panel, baresip):
    client = baresip("1002", tone=CLIENT_TONE, display_name="Client")
    target = baresip("1003", tone=TARGET_TONE)
    window, ui, shot = _start(gui)
    ui.find("label", name="Online", timeout=timeouts.REGISTER)
    mt = target.mark()
    client.dial("1001")
    ui.click("toggle button", name="Transfer", timeout=timeouts.CALL_SETUP)
    # The popover lists the colleagues with their availability.
    ui.find("label", name="User 1003, Available", timeout=UPDATE)
    shot("banner-transfer")
    ui.click("push button", name="Transfer to User 1003")
    target.wait_event("CALL_ESTABLISHED", since=mt, param_contains="1002",
                      timeout=timeouts.CALL_SETUP)
    e = panel.wait_journal_closed("1002")
    assert [leg["kind"] for leg in e["legs"]] == ["call", "deflect"], e["legs"]
    assert_tone(read_wav(target.wait_dec_wav_seconds(timeouts.AUDIO_SECONDS)), CLIENT_TONE,
                "audio the target received from the deflected client")
    ui.gone("push button", name="Answer")


def test_consult_from_the_colleague_list_then_complete_in_the_call_window(gui, panel, baresip):
    client, target, window, ui, shot, _ = _client_answered_from_the_banner(
        gui, panel, baresip, colleagues_page=True)
    window.x_focus(window.x_window())
    mt = target.mark()
    ui.click("push button", name="Consult User 1003")
    target.wait_event("CALL_ESTABLISHED", since=mt, timeout=timeouts.CALL_SETUP)
    # The call window: the client waits, the consultation offers Complete / Cancel.
    ui.find("label", contains="waiting while you consult 1003", timeout=timeouts.CALL_SETUP)
    shot("consulting")
    mt = target.mark()
    ui.click("push button", name="Complete transfer")
    target.wait_event("CALL_ESTABLISHED", since=mt, param_contains="1002",
                      timeout=timeouts.CALL_SETUP)
    e = panel.wait_journal_closed("1002")
    assert e["end_reason"] == "transferred", e
    assert [leg["kind"] for leg in e["legs"]] == ["call", "attended"], e["legs"]
    wait_for(lambda: panel.calls() == [], timeouts.CALL_END, "the panel's calls are gone")


def test_call_window_consult_cancel_then_blind_transfer(gui, panel, baresip):
    client, target, window, ui, shot, call = _client_answered_from_the_banner(gui, panel, baresip)
    # Consult, then change one's mind: the client is back, the colleague's call is gone.
    ui.click("toggle button", name="Transfer")
    ui.find("label", name="User 1003, Available", timeout=UPDATE)
    shot("call-window-picker")
    mt = target.mark()
    ui.click("push button", name="Consult User 1003")
    target.wait_event("CALL_ESTABLISHED", since=mt, timeout=timeouts.CALL_SETUP)
    ui.click("push button", name="Cancel transfer", timeout=timeouts.CALL_SETUP)
    target.wait_event("CALL_CLOSED", since=mt, timeout=timeouts.CALL_END)
    wait_for(lambda: [(c["id"], c["state"]) for c in panel.calls()] == [(call["id"], "active")],
             timeouts.CALL_SETUP, "only the client's call is left, resumed")
    ui.gone("push button", name="Complete transfer")
    # Now a blind transfer from the same list.
    ui.click("toggle button", name="Transfer")
    mt = target.mark()
    ui.click("push button", name="Transfer to User 1003", timeout=UPDATE)
    target.wait_event("CALL_ESTABLISHED", since=mt, param_contains="1002",
                      timeout=timeouts.CALL_SETUP)
    e = panel.wait_journal_closed("1002")
    assert e["end_reason"] == "transferred", e
    assert e["legs"][-1]["kind"] == "blind" and e["legs"][-1]["party"].startswith("sip:1003@"), \
        e["legs"]
    ui.gone("push button", name="Hang up", timeout=timeouts.CALL_END)
