"""Settings → Account with several SIP accounts (UI-6): Add account… asks a short name and
refuses a bad one with the reason; a bad address in the added account is refused naming it and
brings it back to the picker; Save writes [account:support] with its password into the private
file; after a restart BOTH accounts register at the real Kamailio; Remove + Save deletes the
group and after a restart only the default account remains. The page with two accounts fits
1366x768 in English and Russian."""
import os
import stat

import pytest

from support import timeouts
from support.poll import wait_for

RU = {"LANGUAGE": "ru", "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


def _open_settings(window, ui, russian=False):
    window.x_focus(window.x_window())
    ui.wait_app()
    ui.click("toggle button", name="Главное меню" if russian else "Main menu")
    ui.click("push button", name="Настройки" if russian else "Settings")


def _accounts(panel):
    return [(a["name"], a["uri"], a["state"]) for a in panel.status()["accounts"]]


def _all_registered(panel, count):
    accounts = _accounts(panel)
    return accounts if len(accounts) == count and all(a[2] == "registered"
                                                      for a in accounts) else None


def _config_lines(panel):
    with open(panel.config_path) as f:
        return f.read().splitlines()


def _address(ui):
    return ui.find("text", name="SIP address")["text"]


def test_add_an_account_register_both_then_remove_it(gui, panel, kamailio):
    default_uri = f"sip:1001@{kamailio.addr}"
    support_uri = f"sip:1002@{kamailio.addr}"
    window, ui, shot = gui()
    _open_settings(window, ui)
    assert _address(ui) == default_uri
    remove = ui.find("push button", name="Remove")
    assert not remove["sensitive"], "the default account offered for removal"

    # Add account…: an empty name and one with a space are refused in the question itself.
    ui.click("push button", name="Add account…")
    ui.click("push button", name="Add")
    ui.find("label", contains="Type a short name for the account, such as support.")
    ui.type_text("text", "help desk", name="Short name")
    ui.click("push button", name="Add")
    ui.find("label", contains="An account name may hold only letters, digits, “-” and “_” "
                              "(got “help desk”).")
    shot("add-refused")
    ui.type_text("text", "support", name="Short name", replace=True)
    wait_for(lambda: ui.find("text", name="Short name")["text"] == "support", 5, "name typed")
    ui.click("push button", name="Add")
    ui.gone("text", name="Short name")
    assert _address(ui) == "", "the new account does not start empty"
    assert ui.find("push button", name="Remove")["sensitive"]

    # A wrong address in "support", then the default account picked: Save names "support",
    # shows it again and writes nothing.
    file_before = _config_lines(panel)
    ui.type_text("text", "1002", name="SIP address")
    ui.keys("<Alt>n")  # "Accou_nt": the picker; Up = the default account
    ui.keys("Up")
    wait_for(lambda: _address(ui) == default_uri, 5, "the default account shown again")
    ui.click("push button", name="Save")
    ui.find("label", contains="Account “support”: the SIP address must look like "
                              "sip:1001@pbx.example.com (got “1002”).", timeout=10)
    assert _address(ui) == "1002", "the refused account is not the one shown"
    assert _config_lines(panel) == file_before, "a refused Save changed the file"

    ui.type_text("text", support_uri, name="SIP address", replace=True)
    ui.type_text("password text", "secret", name="Password")
    wait_for(lambda: _address(ui) == support_uri, 5, "the address typed")
    shot("two-accounts")
    ui.click("push button", name="Save")
    ui.find("label", contains="Restart telpanel to use the new settings of: Account.", timeout=10)
    # This test bus has no Secret Service, so the password stays in the private file.
    ui.find("label", contains="readable only by you")
    assert stat.S_IMODE(os.stat(panel.config_path).st_mode) == 0o600
    lines = _config_lines(panel)
    group = lines.index("[account:support]")
    assert f"uri={support_uri}" in lines[group:] and "password=secret" in lines[group:], lines
    assert f"uri={default_uri}" in lines[:group] and "password=secret" in lines[:group], lines

    window, ui, shot = gui.restart()
    accounts = wait_for(lambda: _all_registered(panel, 2), timeouts.REGISTER,
                        "both accounts registered after the restart")
    assert [a[:2] for a in accounts] == [("", default_uri), ("support", support_uri)], accounts
    kamailio.wait_registered("1002")

    # Remove "support": gone from the file only on Save; after a restart only the default.
    _open_settings(window, ui)
    ui.keys("<Alt>n")
    ui.keys("Down")
    wait_for(lambda: _address(ui) == support_uri, 5, "the support account shown")
    ui.click("push button", name="Remove")
    wait_for(lambda: _address(ui) == default_uri, 5, "the default account shown after Remove")
    assert "[account:support]" in _config_lines(panel), "removed before Save"
    ui.click("push button", name="Save")
    ui.find("label", contains="Restart telpanel to use the new settings of: Account.", timeout=10)
    lines = _config_lines(panel)
    assert "[account:support]" not in lines and f"uri={support_uri}" not in lines, lines
    assert f"uri={default_uri}" in lines, lines

    window, ui, shot = gui.restart()
    wait_for(lambda: _all_registered(panel, 1), timeouts.REGISTER,
             "the default account registered after the second restart")
    assert [a[:2] for a in _accounts(panel)] == [("", default_uri)]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_account_page_with_two_accounts_fits_the_screen(gui, panel, kamailio, lang):
    window, ui, shot = gui(
        extra_env=RU if lang == "ru" else None,
        config={"more_sections": [("account:support", {
            "uri": f"sip:1002@{kamailio.addr}", "password": "secret",
            "display_name": "Support line"})]})
    _open_settings(window, ui, russian=lang == "ru")
    # The mnemonic differs in Russian: pick the account with the mouse.
    ui.click("combo box", name="Аккаунт" if lang == "ru" else "Account")
    ui.click("menu item", name=f"support (sip:1002@{kamailio.addr})")
    wait_for(lambda: ui.find("text", name="SIP-адрес" if lang == "ru" else "SIP address")["text"]
             == f"sip:1002@{kamailio.addr}", 5, "the support account shown")
    shot(f"settings-{lang}-accounts")
    frame = [f for f in ui.all("dialog") if f["name"] in ("Settings", "Настройки")]
    assert frame, ui.all("dialog")
    f = frame[0]
    assert f["x"] >= 0 and f["y"] >= 0 and f["x"] + f["w"] <= 1366 and f["y"] + f["h"] <= 768, f
