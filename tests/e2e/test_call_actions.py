"""Personal settings and call actions (ACT-1..3) end to end: the "make and receive calls" switch,
a URL action opened through the desktop's default handler with every value percent-escaped, a
command action run with argv and no shell, each firing once per call, and the settings' own
validation and persistence."""
import json
import os
import urllib.parse

from support import timeouts
from support.poll import wait_for, hold_true
from support.scenarios import incoming_call

ARGV_WRITER = os.path.join(os.path.dirname(__file__), "support", "argv_writer.py")
# Everything a shell or a URL would treat specially; "/" and "$" too, so a shell running
# `touch RUN_DIR/pwned` would leave a file we can look for.
HOSTILE_TAIL = "&a=b?c#d e'f\"g;h|i`j`"


def _hostile_number(run_dir):
    return f"$(touch {run_dir}/pwned);{HOSTILE_TAIL}"


def _dial_uri(panel, number):
    # The user part carries the number percent-encoded, as any SIP URI must.
    return f"sip:{urllib.parse.quote(number, safe='')}@127.0.0.1:{panel.kamailio.port}"


def _set(panel, key, value):
    panel.ctl("settings", "set", key, value, as_json=False)


def _actions(panel, call_id=None):
    with panel.watch._cv:
        return [e for e in panel.watch.events
                if e.get("event") == "action" and (call_id is None or e.get("call") == call_id)]


def _install_fake_browser(panel, run_dir):
    """The desktop's default handler for http: a .desktop file whose program records the URL."""
    apps = os.path.join(panel.xdg["XDG_DATA_HOME"], "applications")
    os.makedirs(apps, exist_ok=True)
    with open(os.path.join(apps, "telpanel-test-browser.desktop"), "w") as f:
        f.write("[Desktop Entry]\nType=Application\nName=Test browser\n"
                f"Exec=/usr/bin/python3 {ARGV_WRITER} {run_dir}/browser.jsonl %u\n"
                "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n")
    with open(os.path.join(panel.xdg["XDG_CONFIG_HOME"], "mimeapps.list"), "w") as f:
        f.write("[Default Applications]\nx-scheme-handler/http=telpanel-test-browser.desktop\n"
                "x-scheme-handler/https=telpanel-test-browser.desktop\n")
    return os.path.join(run_dir, "browser.jsonl")


def _read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def test_url_action_escapes_a_hostile_number(panel, kamailio, run_dir):
    browser_log = _install_fake_browser(panel, run_dir)
    panel.write_config()
    panel.start()
    panel.start_watch()
    panel.wait_registration("registered", timeouts.REGISTER)
    _set(panel, "on_outgoing", "url")
    _set(panel, "action_url", "https://crm.example/card?phone={number}&call={call_id}")
    number = _hostile_number(run_dir)
    call_id = panel.dial(_dial_uri(panel, number))  # nobody is registered there: 404 later
    expected = ("https://crm.example/card?phone=" + urllib.parse.quote(number, safe="")
                + "&call=" + urllib.parse.quote(call_id, safe=""))
    event = panel.watch.wait(lambda e: e.get("event") == "action" and e.get("call") == call_id,
                             timeouts.CALL_SETUP, "the outgoing call's URL action")
    assert (event["kind"], event["trigger"], event["number"]) == ("url", "outgoing", number), event
    assert event["url"] == expected and event["error"] is None, event
    opened = wait_for(lambda: _read_lines(browser_log), timeouts.CALL_SETUP,
                      "the default http handler was started with the URL")
    assert opened == [[expected]], opened
    parsed = urllib.parse.urlsplit(opened[0][0])
    assert parsed.fragment == "" and urllib.parse.parse_qs(parsed.query) == {
        "phone": [number], "call": [call_id]}, parsed
    assert not os.path.exists(os.path.join(run_dir, "pwned"))


def test_command_action_gets_argv_and_no_shell(panel, kamailio, run_dir):
    panel.write_config()
    panel.start()
    panel.start_watch()
    panel.wait_registration("registered", timeouts.REGISTER)
    out = os.path.join(run_dir, "argv.jsonl")
    _set(panel, "on_outgoing", "command")
    _set(panel, "action_command", f"/usr/bin/python3 {ARGV_WRITER} {out} {{number}} "
                                  "'call {call_id}' literal")
    number = _hostile_number(run_dir)
    call_id = panel.dial(_dial_uri(panel, number))
    runs = wait_for(lambda: _read_lines(out), timeouts.CALL_SETUP, "the command ran")
    assert runs == [[number, f"call {call_id}", "literal"]], runs
    event = _actions(panel, call_id)[0]
    assert event["kind"] == "command" and event["argv"][-3:] == runs[0], event
    assert not os.path.exists(os.path.join(run_dir, "pwned")), "a shell ran $(touch ...)"


def test_action_fires_once_per_answered_call_despite_holds(registered_panel, baresip, run_dir):
    panel = registered_panel
    out = os.path.join(run_dir, "argv.jsonl")
    _set(panel, "on_incoming_answered", "command")
    _set(panel, "action_command", f"/usr/bin/python3 {ARGV_WRITER} {out} {{number}} {{call_id}}")
    peer = baresip("1002")
    call_id = incoming_call(panel, peer)
    wait_for(lambda: _read_lines(out), timeouts.CALL_SETUP, "the answered call's command ran")
    # Re-INVITEs both ways: our hold/resume, then the peer's.
    panel.ctl("hold", call_id, as_json=False)
    panel.wait_call_state(call_id, "held")
    panel.ctl("resume", call_id, as_json=False)
    panel.wait_call_state(call_id, "active")
    peer.hold()
    panel.wait_call(lambda c: c["id"] == call_id and c["remote_held"], timeouts.CALL_SETUP, "held")
    peer.resume()
    panel.wait_call(lambda c: c["id"] == call_id and not c["remote_held"], timeouts.CALL_SETUP,
                    "resumed")
    m = peer.mark()
    panel.ctl("hangup", call_id, as_json=False)
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
    panel.wait_call_gone_or_ended(call_id)
    assert _read_lines(out) == [["1002", call_id]], _read_lines(out)
    assert len(_actions(panel, call_id)) == 1, _actions(panel, call_id)


def test_client_card_action_is_an_event(registered_panel, baresip):
    panel = registered_panel
    _set(panel, "on_incoming_answered", "client_card")
    peer = baresip("1002")
    call_id = incoming_call(panel, peer)
    event = panel.watch.wait(lambda e: e.get("event") == "action" and e.get("call") == call_id,
                             timeouts.CALL_SETUP, "client_card action event")
    assert (event["kind"], event["number"], event["trigger"]) == (
        "client_card", "1002", "incoming_answered"), event


def test_calls_switched_off_refuses_and_rejects(registered_panel, baresip):
    panel = registered_panel
    peer = baresip("1002")
    _set(panel, "calls_enabled", "false")
    r = panel.ctl_raw("dial", "1002")
    assert r.returncode == 1 and "making and receiving calls is switched off" in r.stderr, r
    m = peer.mark()
    peer.dial("1001")
    peer.wait_event("CALL_CLOSED", since=m, param_contains="480", timeout=timeouts.CALL_END)
    hold_true(lambda: panel.calls() == [], 0.5, "an incoming call was offered while switched off")
    assert panel.journal() == [], "a call was journaled while calls are switched off"
    _set(panel, "calls_enabled", "true")
    m = peer.mark()
    call_id = panel.dial("1002")
    peer.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    panel.wait_call_state(call_id, "active")


def test_settings_are_validated_and_kept_across_restarts(registered_panel):
    panel = registered_panel
    defaults = panel.ctl("settings", "show")
    assert defaults["calls_enabled"] is True and defaults["recording"] == "never", defaults
    for key, value, message in (
            ("recording", "sometimes", "bad value 'sometimes' for recording (use always, on_demand, never)"),
            ("colour", "blue", "unknown setting 'colour'"),
            ("action_url", "javascript:alert(1)", "action_url must start with http:// or https://"),
            ("action_command", "prog 'unclosed", "action_command 'prog 'unclosed'")):
        r = panel.ctl_raw("settings", "set", key, value)
        assert r.returncode == 1 and message in r.stderr, (key, r.stderr)
    assert panel.ctl("settings", "show") == defaults, "a refused value changed something"
    _set(panel, "recording", "on_demand")
    _set(panel, "new_client", "url")
    _set(panel, "new_client_url", "https://crm.example/new?phone={number}")
    panel.stop()
    panel.start()
    kept = panel.ctl("settings", "show")
    assert (kept["recording"], kept["new_client"], kept["new_client_url"]) == (
        "on_demand", "url", "https://crm.example/new?phone={number}"), kept
