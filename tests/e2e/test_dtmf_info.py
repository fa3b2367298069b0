"""SIP INFO DTMF (application/dtmf-relay) from a real Linphone reaches the panel (CALL-4)."""

from support import timeouts


def test_info_dtmf_from_linphone_is_received(registered_panel, linphone):
    call_id = registered_panel.dial(linphone.user)  # linphonec -a answers by itself
    registered_panel.wait_call_state(call_id, "active")
    m = registered_panel.watch.mark()
    for digit in "7#":
        linphone.command(digit)
    registered_panel.watch.wait(
        lambda e: e.get("event") == "dtmf" and e.get("digit") == "#", timeouts.DTMF,
        "the second INFO digit", since=m)
    events = [e for e in registered_panel.watch.events[m:] if e.get("event") == "dtmf"]
    assert [(e["call"], e["digit"], e["source"]) for e in events] == [
        (call_id, "7", "info"), (call_id, "#", "info")], events
    registered_panel.ctl("hangup", call_id, as_json=False)
    e = registered_panel.wait_journal_closed(linphone.user)
    assert (e["end_reason"], e["ended_by"]) == ("hangup", "local"), e
