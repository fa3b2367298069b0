"""The main window, the call window and the incoming-call banner, driven as a person would: a
real `telpanel` (no --headless) on a private Xvfb, its widgets found through AT-SPI by role and
accessible name, real mouse clicks and key presses (XTest via at-spi2-registryd), the clipboard
filled with xclip, and the outcome checked with `telpanelctl`, baresip and the journal.

Screenshots of the key moments go to the test's run dir and to /tmp/gui-shots/ (E2E_GUI_SHOTS)."""
import os
import re

from support import timeouts
from support.gui import set_clipboard
from support.poll import wait_for
from support.wav import read_wav, assert_tone

PANEL_TONE = 1000  # the default config's input=tone:1000
PEER_TONE = 440


def _wait_call(window, panel, predicate, timeout, message):
    """Like Panel.wait_call, for the windowed telpanel (Panel only tracks the headless one)."""
    def find():
        window.check_alive()
        return next((c for c in panel.calls() if predicate(c)), None)
    return wait_for(find, timeout, message)


def _wait_window(window, driver):
    wid = window.x_window()
    window.x_focus(wid)
    frame = driver.wait_app()
    return wid, frame


def test_dial_a_pasted_number_hang_up_in_the_call_window_and_call_back(gui, panel, baresip):
    peer = baresip("1002", answermode="auto")
    window, ui, shot = gui()
    wid, frame = _wait_window(window, ui)
    assert frame == "Telephony panel"
    assert window.x_title(wid) == "Telephony panel"
    ui.find("label", name="Online", timeout=timeouts.REGISTER)
    assert panel.registration()["state"] == "registered"
    shot("registered")

    # Copied from a web page: digit groups split by a no-break space, a line break at the end.
    set_clipboard(window.env, "10\u00a002\n")
    ui.paste("text", name="Number or SIP address")
    wait_for(lambda: ui.find("text", name="Number or SIP address")["text"] == "10\u00a002", 5,
             "the entry shows the pasted number without the line break")
    shot("pasted")
    m = peer.mark()
    ui.click("push button", name="Call")

    call = _wait_call(window, panel,
                      lambda c: c["direction"] == "outgoing" and c["peer"].startswith("sip:1002@"),
                      timeouts.CALL_SETUP, "an outgoing call to 1002 in telpanelctl status")
    peer.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    _wait_call(window, panel, lambda c: c["id"] == call["id"] and c["state"] == "active",
               timeouts.CALL_SETUP, f"call {call['id']} active")
    assert ui.find("text", name="Number or SIP address")["text"] == ""
    # The call window: who, "Talking", a running timer, and the call's buttons.
    assert "Calls" in ui.frames()
    ui.find("label", name="Talking")
    ui.find("label", name="1002")
    timer = wait_for(lambda: re.fullmatch(r"0:0[1-9]", ui.find("label", name="Call duration")
                                          ["text"] or ""), timeouts.CALL_SETUP,
                     "the call timer counts seconds")
    for name in ("Mute", "Hold", "Keypad"):
        assert ui.find("toggle button", name=name)["sensitive"], name
    shot("call-window")

    m = peer.mark()
    ui.click("push button", name="Hang up")
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
    e = panel.wait_journal_closed("1002")
    assert (e["direction"], e["end_reason"], e["ended_by"]) == ("outgoing", "hangup", "local"), e
    assert e["answered_at"], e
    ui.gone("push button", name="Hang up")
    assert timer

    # The call is in the recent calls; one click on its call button dials 1002 again.
    m = peer.mark()
    ui.click("push button", name="Call 1002")
    peer.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    again = _wait_call(window, panel, lambda c: c["id"] != call["id"] and c["state"] == "active",
                       timeouts.CALL_SETUP, "the call back is active")
    assert again["peer"].startswith("sip:1002@"), again
    shot("call-back")
    panel.ctl("hangup", again["id"], as_json=False)
    ui.gone("push button", name="Hang up", timeout=timeouts.CALL_END)


def test_incoming_call_banner_answers_with_audio(gui, panel, baresip):
    peer = baresip("1002", tone=PEER_TONE, display_name="Ivan Petrov")
    ringer_wav = os.path.join(panel.dir, "ringer.wav")
    window, ui, shot = gui(config={"ringer": f"wav:{ringer_wav}"})
    _wait_window(window, ui)
    ui.find("label", name="Online", timeout=timeouts.REGISTER)

    m = peer.mark()
    peer.dial("1001")
    # The banner: its own window, the caller's name and number, Answer and Reject.
    ui.find("label", name="Ivan Petrov", timeout=timeouts.CALL_SETUP)
    assert "Incoming call" in ui.frames()
    ui.find("label", name="1002")
    ui.find("push button", name="Reject")
    # The ring goes to the configured ringer device (here a WAV file) while it rings.
    wait_for(lambda: os.path.exists(ringer_wav) and os.path.getsize(ringer_wav) > 16000,
             timeouts.CALL_SETUP, "the ringer plays into ringer.wav")
    shot("banner")

    ui.click("push button", name="Answer")
    peer.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    call = _wait_call(window, panel, lambda c: c["state"] == "active", timeouts.CALL_SETUP,
                      "the answered call is active")
    assert (call["direction"], call["peer_display"]) == ("incoming", "Ivan Petrov"), call
    ui.gone("push button", name="Answer")
    # Audio both ways: the panel hears the peer's 440 Hz, the peer hears the panel's 1000 Hz.
    assert_tone(read_wav(panel.wait_received_seconds(timeouts.AUDIO_SECONDS)), PEER_TONE,
                "audio the panel received")
    assert_tone(read_wav(peer.wait_dec_wav_seconds(timeouts.AUDIO_SECONDS)), PANEL_TONE,
                "audio baresip received from the panel")
    ui.find("label", name="Ivan Petrov 1002")
    shot("answered")

    # Mute from the keyboard (Ctrl+M in the call window), then hang up with Ctrl+E.
    ui.click("toggle button", name="Keypad")
    ui.keys("<Control>m")
    _wait_call(window, panel, lambda c: c["id"] == call["id"] and c["muted"], 5,
               "Ctrl+M mutes the call")
    m = peer.mark()
    ui.keys("<Control>e")
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
    e = panel.wait_journal_closed("1002")
    assert (e["direction"], e["end_reason"], e["ended_by"]) == ("incoming", "hangup", "local"), e


def test_reject_from_the_banner_with_escape(gui, panel, baresip):
    peer = baresip("1002")
    window, ui, _ = gui()
    _wait_window(window, ui)
    ui.find("label", name="Online", timeout=timeouts.REGISTER)
    m = peer.mark()
    peer.dial("1001")
    ui.find("push button", name="Answer", timeout=timeouts.CALL_SETUP)
    ui.click("label", name="1002")  # the banner gets the keyboard, as after a click on it
    ui.keys("Escape")
    peer.wait_event("CALL_CLOSED", since=m, param_contains="486", timeout=timeouts.CALL_END)
    e = panel.wait_journal_closed("1002")
    assert (e["end_reason"], e["ended_by"]) == ("rejected", "local"), e
    ui.gone("push button", name="Answer")


def test_window_in_russian(gui, panel, baresip):
    peer = baresip("1002", display_name="Иван Петров")
    window, ui, shot = gui({"LANGUAGE": "ru", "LANG": "C.UTF-8", "LC_ALL": "",
                            "LC_MESSAGES": ""})
    wid, frame = _wait_window(window, ui)
    assert frame == "Панель телефонии"
    assert window.x_title(wid) == "Панель телефонии"
    ui.find("push button", name="Позвонить")
    ui.find("text", name="Номер или SIP-адрес")
    ui.find("label", name="В сети", timeout=timeouts.REGISTER)
    ui.click("toggle button", name="Номеронабиратель")
    ui.find("label", name="Недавние звонки")
    shot("main-ru")

    m = peer.mark()
    peer.dial("1001")
    ui.find("label", name="Иван Петров", timeout=timeouts.CALL_SETUP)
    assert "Входящий звонок" in ui.frames()
    shot("banner-ru")
    ui.click("push button", name="Ответить")
    peer.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    ui.find("label", name="Разговор")
    ui.find("push button", name="Завершить")
    ui.find("label", contains="1 звонок идёт")
    shot("call-ru")
    m = peer.mark()
    ui.click("push button", name="Завершить")
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
    ui.find("push button", name="Позвонить Иван Петров", timeout=timeouts.CALL_END)
    shot("history-ru")

    ui.click("toggle button", name="Главное меню")
    ui.click("push button", name="Настройки")
    ui.click("list item", name="Общие")  # the settings dialog's General page
    ui.find("check box", name="Запускать при входе в систему, в трее")
    assert "Настройки" in ui.frames()
    shot("settings-ru")
    ui.click("push button", name="Отмена")
    ui.gone("check box", name="Запускать при входе в систему, в трее")


def test_answer_and_hang_up_with_the_app_shortcuts(gui, panel, baresip):
    peer = baresip("1002")
    window, ui, _ = gui()
    wid, _ = _wait_window(window, ui)
    ui.find("label", name="Online", timeout=timeouts.REGISTER)
    m = peer.mark()
    peer.dial("1001")
    ui.find("push button", name="Answer", timeout=timeouts.CALL_SETUP)
    # The banner took the keyboard when it appeared; give it back to the main window, as a
    # click on it does under a window manager (this Xvfb has none).
    window.x_focus(wid)
    ui.keys("<Control>Return")
    peer.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    call = _wait_call(window, panel, lambda c: c["state"] == "active", timeouts.CALL_SETUP,
                      "Ctrl+Return answered")
    window.x_focus(wid)
    m = peer.mark()
    ui.keys("<Control><Shift>h")
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
    e = panel.wait_journal_closed("1002")
    assert (e["call_id"], e["end_reason"], e["ended_by"]) == (call["id"], "hangup", "local"), e


def test_wrong_password_is_shown_with_the_reason(gui, panel):
    window, ui, shot = gui(config={"password": "wrong"})
    _wait_window(window, ui)
    ui.find("label", name="Not connected", timeout=timeouts.REGISTER)
    reg = panel.registration()
    assert reg["reason"] == f"{reg['sip_status']} wrong user name or password", reg
    line = ui.find("label", contains="Not connected to sip:1001@")
    assert line["text"].endswith(f": wrong user name or password ({reg['sip_status']})"), \
        (line, reg)
    shot("wrong-password")


def test_wrong_password_in_russian(gui, panel):
    """The reason is the window's language too, not sip's English."""
    window, ui, shot = gui({"LANGUAGE": "ru", "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""},
                           config={"password": "wrong"})
    _wait_window(window, ui)
    ui.find("label", name="Нет подключения", timeout=timeouts.REGISTER)
    status = panel.registration()["sip_status"]
    line = ui.find("label", contains="Нет подключения к sip:1001@")
    assert line["text"].endswith(f": неверное имя пользователя или пароль ({status})"), line
    shot("wrong-password-ru")


def test_a_second_account_that_fails_is_shown_with_its_reason(gui, panel, kamailio):
    """The header shows the default account; every account that fails gets its own line."""
    support = f"sip:1003@127.0.0.1:{kamailio.port}"
    window, ui, shot = gui(config={"more_sections": [
        ("account:support", {"uri": support, "password": "wrong"})]})
    _wait_window(window, ui)
    ui.find("label", name="Online", timeout=timeouts.REGISTER)
    line = ui.find("label", contains=f"Not connected to {support}", timeout=timeouts.REGISTER)
    second = panel.status()["accounts"][1]
    assert second["state"] == "failed", second
    assert line["text"] == (f"Not connected to {support}: wrong user name or password "
                            f"({second['sip_status']})"), (line, second)
    assert "sip:1001@" not in line["text"], line
    shot("second-account-failed")


def test_second_call_gets_its_banner_and_the_softer_waiting_tone(gui, panel, baresip):
    first = baresip("1002", answermode="auto")
    second = baresip("1003", display_name="Second Caller")
    ringer_wav = os.path.join(panel.dir, "ringer.wav")
    window, ui, shot = gui(config={"ringer": f"wav:{ringer_wav}"})
    _wait_window(window, ui)
    ui.find("label", name="Online", timeout=timeouts.REGISTER)
    m = first.mark()
    ui.type_text("text", "1002", name="Number or SIP address")
    ui.click("push button", name="Call")
    first.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    _wait_call(window, panel, lambda c: c["state"] == "active", timeouts.CALL_SETUP, "talking")
    assert not os.path.exists(ringer_wav)  # an outgoing call does not ring here

    second.dial("1001")
    ui.find("label", name="Second incoming call", timeout=timeouts.CALL_SETUP)
    ui.find("label", name="Second Caller")
    # While talking, the ringer plays the short quiet 440 Hz beep, not the ring: one beep is a
    # complete WAV (0.3 s) before the pause.
    def beep():
        try:
            w = read_wav(ringer_wav)
        except Exception:  # noqa: BLE001 -- still being written
            return None
        return w if w.seconds >= 0.25 else None
    w = wait_for(beep, timeouts.CALL_SETUP, "one call-waiting beep in ringer.wav")
    assert w.seconds < 1.0, w
    assert_tone(w, 440, "the call-waiting beep", skip_s=0.05)
    shot("call-waiting")
    # Answering it holds the first: the call window lists both calls.
    m = second.mark()
    ui.click("push button", name="Answer")
    second.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    ui.gone("push button", name="Answer")
    wait_for(lambda: sorted(c["state"] for c in panel.calls()) == ["active", "held"],
             timeouts.CALL_SETUP, "one call held, one active")
    ui.find("label", name="On hold")
    ui.find("label", name="Second Caller 1003")
    assert len(ui.all("push button")) >= 2
    hang_ups = [b for b in ui.all("push button") if b["name"] == "Hang up"]
    assert len(hang_ups) == 2, hang_ups
    shot("two-calls")
