"""The SIP password in the desktop keyring: with no `password=` in telpanel.conf the panel looks
it up in the Secret Service on its session bus (a real GNOME Keyring started on the test's bus)
and registers with it; with none there that account fails with the reason and the panel runs on."""
import subprocess

from support import timeouts
from support.chat import SYNC, chat_status, cw, write_chat_config  # noqa: F401
from support.poll import wait_for


def _keyring(panel):
    """GNOME Keyring on the panel's bus, unlocked, keeping its keyrings in the panel's data dir;
    it exits with the bus when the panel's fixture ends."""
    subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"], input=b"test",
                   env=panel.env, check=True, stdout=subprocess.DEVNULL,
                   timeout=timeouts.PANEL_START)
    # --unlock returns before the daemon it forked owns org.freedesktop.secrets; a call to that
    # name before then makes the bus start a second daemon (D-Bus activation) without the
    # password and no login collection. Wait for the owner without calling it, then for the
    # collection.
    def gdbus(*args):
        return subprocess.run(["gdbus", "call", "--session", *args], env=panel.env,
                              capture_output=True, text=True, timeout=5)
    wait_for(lambda: "true" in gdbus("--dest", "org.freedesktop.DBus", "--object-path",
                                     "/org/freedesktop/DBus", "--method",
                                     "org.freedesktop.DBus.NameHasOwner",
                                     "org.freedesktop.secrets").stdout,
             timeouts.PANEL_START, "the keyring owns org.freedesktop.secrets")
    wait_for(lambda: gdbus("--dest", "org.freedesktop.secrets", "--object-path",
                           "/org/freedesktop/secrets/collection/login", "--method",
                           "org.freedesktop.DBus.Properties.Get",
                           "org.freedesktop.Secret.Collection", "Label").returncode == 0,
             timeouts.PANEL_START, "the keyring's login collection on the bus")


def _store(panel, uri, password):
    subprocess.run(["secret-tool", "store", "--label=telpanel test", "xdg:schema",
                    "org.telpanel.Account", "uri", uri], input=password.encode(), env=panel.env,
                   check=True, timeout=timeouts.PANEL_START)


def test_password_kept_in_the_keyring_registers(panel, kamailio):
    panel.write_config(password=None)
    _keyring(panel)
    _store(panel, f"sip:1001@127.0.0.1:{panel.kamailio.port}", "secret")
    panel.start()
    panel.wait_registration("registered", timeouts.REGISTER)
    assert "secret" not in open(panel.config_path).read()


def test_no_password_in_file_or_keyring_fails_only_that_account_with_the_reason(panel, kamailio):
    """The panel still starts (the password can be typed in Settings); the account without one
    says why it does not register and the others register."""
    panel.write_config(password=None, more_sections=[("account:support", {
        "uri": f"sip:1003@127.0.0.1:{kamailio.port}", "password": "secret"})])
    _keyring(panel)
    _store(panel, "sip:1009@127.0.0.1", "another account's")
    panel.start()
    uri = f"sip:1001@127.0.0.1:{kamailio.port}"
    reg = panel.wait_registration("failed", timeouts.REGISTER)
    assert reg["reason"].startswith(f"no password for {uri} in the config file or the keyring"), reg
    assert "Settings" in reg["reason"], reg
    accounts = wait_for(
        lambda: (lambda a: a if a[1]["state"] == "registered" else None)(panel.status()["accounts"]),
        timeouts.REGISTER, "the account with a password registered")
    assert accounts[0]["state"] == "failed", accounts
    assert kamailio.contacts("1001") == [], "registered without a password?"


def test_chat_token_only_in_the_keyring_is_used_and_tested(gui, panel, cw):  # noqa: F811
    """[chat] without token=: the panel syncs with the keyring's token, and the settings
    dialog's Test connection finds it there too (looked up without blocking the window)."""
    _, token = cw.add_agent("Anna Smirnova", "anna@example.org")
    _keyring(panel)
    subprocess.run(["secret-tool", "store", "--label=telpanel test", "xdg:schema",
                    "org.telpanel.Chat", "url", cw.url, "account", str(cw.account_id)],
                   input=token.encode(), env=panel.env, check=True, timeout=timeouts.PANEL_START)
    write_chat_config(panel, cw, None)
    window, ui, shot = gui(config=False)
    window.x_focus(window.x_window())
    ui.wait_app()
    wait_for(lambda: chat_status(panel)["ready"], SYNC, "chats synced with the keyring's token")
    assert "token" not in open(panel.config_path).read()
    ui.click("toggle button", name="Main menu")
    ui.click("push button", name="Settings")
    ui.click("list item", name="Chats")
    ui.click("push button", name="Test connection")
    wait_for(lambda: ui.find("label", name="Connection test result")["text"]
             == "Connected as Anna Smirnova.", timeouts.CALL_SETUP, "connected with the keyring's token")
    shot("chat-token-from-keyring")
