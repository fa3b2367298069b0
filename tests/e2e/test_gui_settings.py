"""Settings (UI-6) as a newcomer uses them: no config file, open Settings from the main menu,
type the account and audio devices, Save; a wrong address is refused with a reason and writes
nothing; the saved file is private (0600) and the restarted panel registers with it."""
import os
import stat
import subprocess

from support import timeouts
from support.gui import GuiPanel
from support.panel import TELPANEL_BIN
from support.poll import wait_for


def test_account_from_the_settings_dialog_registers_after_restart(gui, panel, kamailio):
    window, ui, shot = gui(config=False)
    window.x_window()
    ui.find("label", name="No account")
    assert not os.path.exists(panel.config_path)

    ui.click("toggle button", name="Main menu")
    ui.click("push button", name="Settings")
    assert "Settings" in ui.frames()

    # A number instead of an address: refused, nothing written, the typing stays.
    ui.type_text("text", "1001", name="SIP address")
    ui.click("push button", name="Save")
    ui.find("label", contains="The SIP address must look like sip:1001@pbx.example.com")
    assert not os.path.exists(panel.config_path)

    uri = f"sip:1001@{kamailio.addr}"
    ui.type_text("text", uri, name="SIP address", replace=True)
    wait_for(lambda: ui.find("text", name="SIP address")["text"] == uri, 5, "the address typed")
    ui.type_text("password text", "secret", name="Password")
    ui.click("list item", name="Audio")
    ui.type_text("text", "tone:1000", name="Microphone")
    ui.type_text("text", "null", name="Speaker")
    ui.type_text("text", "null", name="Ringer")
    ui.click("list item", name="General")
    ui.click("check box", name="Start at login, in the tray")
    shot("settings")
    ui.click("push button", name="Save")
    ui.find("label", contains="Restart telpanel to use the new settings", timeout=10)
    # This test bus has no Secret Service, so the password stays in the private file.
    ui.find("label", contains="readable only by you")

    mode = stat.S_IMODE(os.stat(panel.config_path).st_mode)
    assert mode == 0o600, oct(mode)
    with open(panel.config_path) as f:
        text = f.read()
    for line in (f"uri={uri}", "password=secret", "transport=udp", "input=tone:1000",
                 "output=null", "ringer=null"):
        assert line in text.splitlines(), (line, text)

    # The XDG autostart entry starts this binary in the tray, and is a valid desktop file.
    autostart = os.path.join(panel.xdg["XDG_CONFIG_HOME"], "autostart",
                             "org.telpanel.Telpanel.desktop")
    with open(autostart) as f:
        entry = f.read()
    assert f"\nExec={TELPANEL_BIN} --minimized\n" in entry, entry
    r = subprocess.run(["desktop-file-validate", autostart], capture_output=True, text=True)
    assert r.returncode == 0 and not r.stdout.strip(), r.stdout

    window.stop()
    again = GuiPanel(panel, window.xvfb)
    try:
        wait_for(lambda: again.check_alive() and panel.registration()["state"] == "registered",
                 timeouts.REGISTER, "the restarted panel registers with the saved account")
    finally:
        again.stop()
