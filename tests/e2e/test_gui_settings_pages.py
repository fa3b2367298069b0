"""The settings dialog's pages (UI-6) as a person uses them: the Calls page changes the running
panel at once (calls off → a dial is refused; recording "always" → a real call is recorded; a
template core refuses stores nothing and keeps the typing), the Chats page saves the server and
token into the private file and tests the connection against the fake Chatwoot, the Numbers
and Presence pages save region, extension length and away time, refusing bad values; and every
page fits 1366x768 in English and Russian."""
import os
import stat

import pytest

from support import timeouts
from support.chat import cw  # noqa: F401
from support.poll import wait_for

RU = {"LANGUAGE": "ru", "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
PAGES = {"en": ["Account", "Audio", "Calls", "Presence", "Chats", "Numbers", "General"],
         "ru": ["Аккаунт", "Звук", "Звонки", "Присутствие", "Чаты", "Номера", "Общие"]}


def _open_settings(gui, env=None):
    window, ui, shot = gui(extra_env=env)
    window.x_focus(window.x_window())
    ui.wait_app()
    ui.click("toggle button", name="Main menu" if env is None else "Главное меню")
    ui.click("push button", name="Settings" if env is None else "Настройки")
    return window, ui, shot


def _page(ui, title):
    """Switches the dialog to a page through its sidebar."""
    ui.click("list item", name=title)


def _choose(ui, mnemonic, steps):
    """Focuses a combo box through its label's mnemonic and moves `steps` items down (up when
    negative) with the arrow keys, as a keyboard user would: an open combo's items are listed
    twice by AT-SPI and the same names are in two combos, so they cannot be clicked by name."""
    ui.keys(f"<Alt>{mnemonic}")
    for _ in range(abs(steps)):
        ui.keys("Down" if steps > 0 else "Up")


def _save(ui):
    ui.click("push button", name="Save")


def _config_text(panel):
    with open(panel.config_path) as f:
        return f.read()


def test_calls_page_applies_at_once_and_refuses_what_core_refuses(gui, panel, baresip):
    peer = baresip("1002")
    window, ui, shot = _open_settings(gui)
    wait_for(lambda: panel.registration()["state"] == "registered", timeouts.REGISTER,
             "the panel registers")
    file_before = _config_text(panel)
    _page(ui, "Calls")

    # Calls off: applied by the running panel, no restart, no config-file change.
    ui.click("check box", name="Receive and make calls")
    _save(ui)
    ui.find("label", contains="Already applied: Calls.", timeout=10)
    assert panel.ctl("settings", "show")["calls_enabled"] is False
    r = panel.ctl_raw("dial", "1002")
    assert r.returncode == 1 and "making and receiving calls is switched off" in r.stderr, r
    assert _config_text(panel) == file_before, "personal settings went into the config file"

    # A URL template core refuses: core's reason on the page, nothing stored, the typing kept.
    before = panel.ctl("settings", "show")
    _choose(ui, "o", 2)  # "When an _outgoing call starts": nothing → client card → URL
    ui.type_text("text", "ftp://crm.example/{number}", name="URL to open")
    ui.click("check box", name="Receive and make calls")
    _choose(ui, "e", -2)  # "R_ecord calls": never → on demand → always
    shot("calls-refused")
    _save(ui)
    ui.find("label", contains="action_url must start with http:// or https:// "
                              "(got 'ftp://crm.example/{number}')", timeout=10)
    assert panel.ctl("settings", "show") == before, "a refused page stored something"
    assert ui.find("text", name="URL to open")["text"] == "ftp://crm.example/{number}"

    ui.type_text("text", "https://crm.example/card?phone={number}", name="URL to open",
                 replace=True)
    wait_for(lambda: ui.find("text", name="URL to open")["text"]
             == "https://crm.example/card?phone={number}", 5, "the URL typed")
    _save(ui)
    ui.find("label", contains="Already applied: Calls.", timeout=10)
    now = panel.ctl("settings", "show")
    assert (now["calls_enabled"], now["recording"], now["on_outgoing"], now["action_url"]) == (
        True, "always", "url", "https://crm.example/card?phone={number}"), now
    shot("calls-saved")

    # Recording "always" is in force for the next real call.
    ui.click("push button", name="Cancel")
    m = peer.mark()
    call_id = panel.dial(peer.user)
    peer.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    wait_for(lambda: (panel.call(call_id) or {}).get("state") == "active", timeouts.CALL_SETUP,
             "the call is active")
    panel.wait_received_seconds(2)
    m = peer.mark()
    panel.ctl("hangup", call_id, as_json=False)
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
    listed = wait_for(lambda: [p for p in panel.ctl("recordings", "list", call_id)
                               if p["duration_seconds"]], timeouts.CALL_END,
                      "the call's finished recording")
    assert listed[0]["location"].endswith(f"/{call_id}-1.opus") and listed[0]["error"] is None, \
        listed


def test_chats_page_saves_privately_and_tests_the_connection(gui, panel, cw):  # noqa: F811
    _, token = cw.add_agent("Anna Smirnova", "anna@example.org")
    window, ui, shot = _open_settings(gui)
    file_before = _config_text(panel)
    _page(ui, "Chats")

    ui.type_text("text", "chat.example.com", name="Chat server")
    ui.type_text("text", str(cw.account_id), name="Account number")
    ui.type_text("password text", "wrong-token", name="Agent token")
    _save(ui)
    ui.find("label", contains="The chat server must be an address such as "
                              "https://chat.example.com (got “chat.example.com”).", timeout=10)
    assert _config_text(panel) == file_before, "a refused page changed the file"

    ui.type_text("text", cw.url, name="Chat server", replace=True)
    wait_for(lambda: ui.find("text", name="Chat server")["text"] == cw.url, 5, "the URL typed")
    ui.click("push button", name="Test connection")
    result = ui.find("label", name="Connection test result", timeout=timeouts.CALL_SETUP)
    wait_for(lambda: "HTTP 401" in (ui.find("label", name="Connection test result")["text"] or ""),
             timeouts.CALL_SETUP, "the server's 401")
    assert "The server refused the token" in ui.find("label", name="Connection test result")[
        "text"], result

    ui.type_text("password text", token, name="Agent token", replace=True)
    ui.click("push button", name="Test connection")
    wait_for(lambda: ui.find("label", name="Connection test result")["text"]
             == "Connected as Anna Smirnova.", timeouts.CALL_SETUP, "connected as the agent")
    shot("chats-connected")
    _save(ui)
    ui.find("label", contains="Restart telpanel to use the new settings of: Chats.", timeout=10)
    # This test bus has no Secret Service, so the token stays in the private file.
    ui.find("label", contains="the chat token is kept in the settings file, readable only by you")
    mode = stat.S_IMODE(os.stat(panel.config_path).st_mode)
    assert mode == 0o600, oct(mode)
    lines = _config_text(panel).splitlines()
    for line in (f"url={cw.url}", f"account_id={cw.account_id}", f"token={token}"):
        assert line in lines, (line, lines)
    assert "[account]" in lines, "the account group was lost"


def test_numbers_presence_general_pages_save_and_refuse_bad_values(gui, panel, run_dir):
    # Auto-away starts off; the idle source says 700 s without input.
    idle_file = os.path.join(run_dir, "idle-seconds")
    with open(idle_file, "w") as f:
        f.write("700")
    window, ui, shot = gui(config={"more_sections": [
        ("presence", {"away_after": "0", "idle_source": f"file:{idle_file}"})]})
    window.x_focus(window.x_window())
    ui.wait_app()
    ui.click("toggle button", name="Main menu")
    ui.click("push button", name="Settings")
    assert panel.ctl("presence", "show")["presence"] == "available"
    _page(ui, "Numbers")
    ui.type_text("text", "DE", name="Default region", replace=True)
    ui.type_text("text", "5-3", name="Extension length (digits)", replace=True)
    _save(ui)
    ui.find("label", contains="The extension length “5-3” is not valid", timeout=10)
    assert "extension_length" not in _config_text(panel)

    ui.type_text("text", "3-4", name="Extension length (digits)", replace=True)
    wait_for(lambda: ui.find("text", name="Extension length (digits)")["text"] == "3-4", 5,
             "the length typed")
    _page(ui, "Presence")
    ui.type_text("spin button", "10", name="Away after (minutes without input)", replace=True)
    ui.keys("Tab")
    _page(ui, "General")
    ui.click("check box", name="Start minimised to the tray")
    _save(ui)
    ui.find("label", contains="Restart telpanel to use the new settings of: Numbers, "
                              "Start minimised. Already applied: Presence.", timeout=10)
    # The away time works at once: 700 s idle is past the new 10 minutes.
    wait_for(lambda: panel.ctl("presence", "show")["presence"] == "away", timeouts.REGISTER,
             "auto-away switched on by Settings while running")
    lines = _config_text(panel).splitlines()
    for line in ("region=DE", "extension_length=3-4", "away_after=600", "start_minimized=true"):
        assert line in lines, (line, lines)
    assert stat.S_IMODE(os.stat(panel.config_path).st_mode) == 0o600


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_page_fits_the_screen(gui, panel, lang):
    window, ui, shot = _open_settings(gui, RU if lang == "ru" else None)
    for title in PAGES[lang]:
        _page(ui, title)
        shot(f"settings-{lang}-{PAGES['en'][PAGES[lang].index(title)].lower()}")
    frame = [f for f in ui.all("dialog") if f["name"] in ("Settings", "Настройки")]
    assert frame, ui.all("dialog")
    f = frame[0]
    assert f["x"] >= 0 and f["y"] >= 0 and f["x"] + f["w"] <= 1366 and f["y"] + f["h"] <= 768, f


def test_test_connection_says_why_it_cannot_connect(gui, panel, ports):
    """A server that is not there, and an https server whose certificate only the typed CA file
    vouches for: each answer names the cause; nothing is saved by testing."""
    from support.fake_chatwoot import FakeChatwoot
    window, ui, shot = _open_settings(gui)
    file_before = _config_text(panel)
    _page(ui, "Chats")
    closed = ports.take(1)
    ui.type_text("text", f"http://127.0.0.1:{closed}", name="Chat server")
    ui.type_text("text", "1", name="Account number")
    ui.type_text("password text", "any-token", name="Agent token")
    ui.click("push button", name="Test connection")
    wait_for(lambda: (ui.find("label", name="Connection test result")["text"] or "")
             .startswith("Cannot connect: cannot reach the chat server: "), timeouts.CALL_SETUP,
             "a refused connection named")

    with FakeChatwoot(port=0, tls=True) as tls:
        _, token = tls.add_agent("Boris Orlov", "boris@example.org")
        ui.type_text("text", tls.url, name="Chat server", replace=True)
        ui.type_text("password text", token, name="Agent token", replace=True)
        wait_for(lambda: ui.find("text", name="Chat server")["text"] == tls.url, 5, "URL typed")
        ui.click("push button", name="Test connection")
        wait_for(lambda: "certificate" in (ui.find("label", name="Connection test result")["text"]
                                           or ""), timeouts.CALL_SETUP,
                 "the untrusted certificate named")
        ui.type_text("text", tls.ca_file, name="CA file")
        ui.click("push button", name="Test connection")
        wait_for(lambda: ui.find("label", name="Connection test result")["text"]
                 == "Connected as Boris Orlov.", timeouts.CALL_SETUP, "connected with the CA")
    assert _config_text(panel) == file_before, "testing the connection wrote the file"
