"""The SIP password in the desktop keyring: with no `password=` in telpanel.conf the panel looks
it up in the Secret Service on its session bus (a real GNOME Keyring started on the test's bus)
and registers with it; with none there it says which account has no password and exits."""
import subprocess

from support import timeouts


def _keyring(panel):
    """GNOME Keyring on the panel's bus, unlocked, keeping its keyrings in the panel's data dir;
    it exits with the bus when the panel's fixture ends."""
    subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"], input=b"test",
                   env=panel.env, check=True, stdout=subprocess.DEVNULL,
                   timeout=timeouts.PANEL_START)


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


def test_no_password_in_file_or_keyring_names_the_account(panel):
    panel.write_config(password=None)
    _keyring(panel)
    _store(panel, "sip:1009@127.0.0.1", "another account's")
    panel.start(wait_ready=False)
    rc = panel.wait_exit(timeouts.PANEL_START)
    assert rc != 0, panel.log()
    uri = f"sip:1001@127.0.0.1:{panel.kamailio.port}"
    assert f"no password for {uri} in the config file or the keyring" in panel.log(), panel.log()
