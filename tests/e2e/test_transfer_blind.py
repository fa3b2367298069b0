"""Blind transfer (XFER-3): REFER of an answered call, 302 deflect of a ringing one.

After the transfer the client and the target talk to each other: the target receives the
client's tone (440 Hz), never the panel's (1000 Hz), and the panel's call has ended, so the
panel is out of the media path. The journal shows the transfer as a leg of the conversation."""
from support import timeouts
from support.scenarios import call_event, incoming_call
from support.wav import read_wav, assert_tone


def _transfer_event(panel, call_id, state, since):
    return call_event(panel, call_id, lambda c: (c.get("transfer") or {}).get("state") == state,
                      f"transfer state {state!r}", since)


def test_blind_transfer_of_answered_call_connects_client_and_target(registered_panel, baresip):
    panel = registered_panel
    client = baresip("1002", tone=440)
    target = baresip("1003", tone=660)
    call_id = incoming_call(panel, client)
    m = panel.watch.mark()
    mt = target.mark()
    panel.ctl("transfer", call_id, "1003", as_json=False)
    started = _transfer_event(panel, call_id, "trying", m)
    assert started["transfer"]["kind"] == "blind", started
    assert started["transfer"]["target"].startswith("sip:1003@"), started
    target.wait_event("CALL_ESTABLISHED", since=mt, param_contains="1002")
    _transfer_event(panel, call_id, "succeeded", m)
    ended = call_event(panel, call_id, lambda c: c["state"] == "ended", "ended", m)
    assert ended["end_reason"] == "transferred", ended
    # client <-> target audio, without the panel
    assert_tone(read_wav(target.wait_dec_wav_seconds(timeouts.AUDIO_SECONDS)), 440,
                "audio the target received from the transferred client")
    assert panel.calls() == [], panel.calls()
    e = panel.wait_journal_closed(client.user)
    assert e["end_reason"] == "transferred", e
    assert [leg["kind"] for leg in e["legs"]] == ["call", "blind"], e["legs"]
    assert e["legs"][1]["party"].startswith("sip:1003@"), e["legs"]
    assert e["legs"][1]["transferred_by"].startswith("sip:1001@"), e["legs"]
    assert e["legs"][1]["answered_at"], e["legs"]
    assert [p.split("@")[0] for p in e["route"]] == ["sip:1002", "sip:1003"], e["route"]
    text = panel.ctl("journal", as_json=False)
    assert f"-> {e['legs'][1]['party']} (blind by {e['legs'][1]['transferred_by']})" in text, text


def test_transfer_to_unknown_extension_fails_and_keeps_the_call(registered_panel, baresip):
    panel = registered_panel
    client = baresip("1002", tone=440)
    call_id = incoming_call(panel, client)
    m = panel.watch.mark()
    panel.ctl("transfer", call_id, "1099", as_json=False)  # nobody registered as 1099
    failed = _transfer_event(panel, call_id, "failed", m)
    assert failed["transfer"]["sip_status"] >= 400, failed
    assert panel.call(call_id)["state"] == "active"
    client.wait_rx_audio(0.5)  # the conversation goes on


def test_bad_transfer_commands_are_refused_clearly(registered_panel):
    panel = registered_panel
    r = panel.ctl_raw("transfer", "no-such-call", "1003")
    assert r.returncode != 0 and "no call no-such-call" in r.stderr, (r.returncode, r.stderr)
    r = panel.ctl_raw("transfer", "only-one-arg")
    assert r.returncode == 2 and "CALL TARGET" in r.stderr, (r.returncode, r.stderr)
    r = panel.ctl_raw("transfer-cancel", "no-such-call")
    assert r.returncode != 0 and "no call no-such-call" in r.stderr, (r.returncode, r.stderr)
