"""Consultative transfer (XFER-1): the client is held, the colleague is called, then either
the transfer is completed (the client talks to the colleague, the panel is out of the media
path) or cancelled (the client is back with us).

baresip 1.0.0 cannot do Replaces (empty Supported), so with a baresip client the panel falls
back to a plain REFER after the consultation and says so in the call's transfer object; the
REFER-with-Replaces path is tested against Linphone in test_transfer_replaces.py."""
from support import timeouts
from support.poll import wait_for
from support.scenarios import call_event, incoming_call
from support.wav import read_wav, assert_tone


def _consult(panel, client, colleague):
    """Client 1002 talks to the panel; the panel consults 1003. Returns (client call, consult)."""
    call_id = incoming_call(panel, client)
    m = panel.watch.mark()
    mc = colleague.mark()
    consult_id = panel.ctl("consult", call_id, "1003", as_json=False).splitlines()[-1].strip()
    assert consult_id and consult_id != call_id
    colleague.wait_event("CALL_ESTABLISHED", since=mc)
    panel.wait_call_state(consult_id, "active")
    held = call_event(panel, call_id, lambda c: c["state"] == "held"
                      and (c.get("transfer") or {}).get("state") == "consulting", "held, consulting", m)
    assert held["transfer"]["kind"] == "attended" and held["transfer"]["linked_call"] == consult_id
    # The consultation really is a conversation with the colleague (2nd call -> received-2.wav);
    # it also keeps the colleague's two calls in different seconds (baresip's dump names).
    assert_tone(read_wav(panel.wait_received_seconds(timeouts.AUDIO_SECONDS, n=2)), 660,
                "audio of the consultation call")
    return call_id, consult_id


def test_consultative_transfer_completed_connects_client_and_colleague(registered_panel, baresip):
    panel = registered_panel
    client = baresip("1002", tone=440)
    colleague = baresip("1003", tone=660)
    call_id, consult_id = _consult(panel, client, colleague)
    first_dump = colleague.latest_dec_wav()
    m = panel.watch.mark()
    mc = colleague.mark()
    # The employee hangs up the consultation: that completes the transfer.
    panel.ctl("hangup", consult_id, as_json=False)
    fallback = call_event(panel, call_id, lambda c: (c.get("transfer") or {}).get("fallback"),
                          "fallback to a plain REFER", m)
    assert "does not support Replaces" in fallback["transfer"]["detail"], fallback["transfer"]
    said = panel.watch.wait(lambda e: e.get("event") == "transfer" and e.get("call") == call_id
                            and e.get("fallback"), timeouts.CALL_SETUP, "a transfer event for the fallback", m)
    assert said["kind"] == "attended" and "does not support Replaces" in said["detail"], said
    colleague.wait_event("CALL_ESTABLISHED", since=mc, param_contains="1002")
    ended = call_event(panel, call_id, lambda c: c["state"] == "ended", "ended", m, timeouts.CALL_END)
    assert ended["end_reason"] == "transferred" and ended["transfer"]["state"] == "succeeded", ended
    panel.wait_call_gone_or_ended(consult_id)
    # client -> colleague audio in the colleague's new call, with the panel gone
    def new_dump():
        w = colleague.latest_dec_wav()
        return w if w != first_dump and read_wav(w).seconds >= timeouts.AUDIO_SECONDS else None
    dump = wait_for(new_dump, timeouts.AUDIO_WAIT, "the colleague's dump of the call from the client")
    assert_tone(read_wav(dump), 440, "audio the colleague received from the transferred client")
    assert panel.calls() == [], panel.calls()
    e = panel.wait_journal_closed(client.user)
    assert [leg["kind"] for leg in e["legs"]] == ["call", "attended"], e["legs"]
    assert e["legs"][1]["party"].startswith("sip:1003@") and e["legs"][1]["answered_at"], e["legs"]
    assert e["legs"][1]["transferred_by"].startswith("sip:1001@"), e["legs"]


def test_consultative_transfer_cancelled_returns_to_the_client(registered_panel, baresip):
    panel = registered_panel
    client = baresip("1002", tone=440)
    colleague = baresip("1003", tone=660)
    call_id, consult_id = _consult(panel, client, colleague)
    m = panel.watch.mark()
    mc = colleague.mark()
    panel.ctl("transfer-cancel", call_id, as_json=False)
    colleague.wait_event("CALL_CLOSED", since=mc)
    back = call_event(panel, call_id, lambda c: c["state"] == "active", "active again", m)
    assert back["transfer"]["state"] == "cancelled", back
    panel.wait_call_gone_or_ended(consult_id)
    client.wait_rx_audio(1.0)  # the panel talks to the client again
    assert [c["id"] for c in panel.calls()] == [call_id]
    # cancelling twice is refused, clearly
    r = panel.ctl_raw("transfer-cancel", call_id)
    assert r.returncode != 0 and "no consultation in progress" in r.stderr, r.stderr


def test_completing_before_the_colleague_answers_is_refused(registered_panel, baresip):
    panel = registered_panel
    client = baresip("1002", tone=440)
    baresip("1003", tone=660, answermode="manual")
    call_id = incoming_call(panel, client)
    consult_id = panel.ctl("consult", call_id, "1003", as_json=False).splitlines()[-1].strip()
    panel.wait_call(lambda c: c["id"] == consult_id and c["state"] == "ringing",
                    timeouts.CALL_SETUP, "consultation rings at the colleague")
    r = panel.ctl_raw("transfer-complete", consult_id)
    assert r.returncode != 0 and "has not answered" in r.stderr, r.stderr
    assert panel.call(call_id)["state"] == "held"
    panel.ctl("transfer-cancel", consult_id, as_json=False)
    panel.wait_call_state(call_id, "active")
    panel.wait_call_gone_or_ended(consult_id)
