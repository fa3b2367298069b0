"""Several accounts ([account] and [account:NAME]): each registers on its own, calls to either
ring the panel, and outgoing calls use the default one."""
from support import timeouts
from support.poll import wait_for


def test_second_account_registers_and_takes_its_calls(panel, kamailio, baresip):
    panel.write_config(more_sections=[("account:support", {
        "uri": f"sip:1003@127.0.0.1:{kamailio.port}", "password": "secret", "transport": "tcp"})])
    panel.start()
    panel.wait_registration("registered", timeouts.REGISTER)
    accounts = wait_for(
        lambda: (lambda a: a if all(x["state"] == "registered" for x in a) else None)(
            panel.status()["accounts"]), timeouts.REGISTER, "both accounts registered")
    assert [(a["name"], a["uri"]) for a in accounts] == [
        ("", f"sip:1001@127.0.0.1:{kamailio.port}"),
        ("support", f"sip:1003@127.0.0.1:{kamailio.port}")], accounts
    kamailio.wait_registered("1003")
    assert "Socket: tcp:" in kamailio.contact_details("1003")

    peer = baresip("1002", answermode="auto")
    m = peer.mark()
    peer.dial("1003")
    call = panel.wait_incoming(peer_user="1002")
    assert call["account"] == "support" and call["local"].startswith("sip:1003@"), call
    panel.ctl("answer", call["id"], as_json=False)
    peer.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    panel.wait_call_state(call["id"], "active")
    panel.ctl("hangup", call["id"], as_json=False)
    entry = panel.wait_journal_closed("1002")
    assert entry["account"] == "support" and entry["end_reason"] == "hangup", entry

    out = panel.dial("1002")
    assert panel.call(out)["account"] == "" and panel.call(out)["local"].startswith("sip:1001@")
    panel.ctl("hangup", out, as_json=False)
