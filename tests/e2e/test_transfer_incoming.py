"""Being transferred (XFER-4): baresip sends us a REFER; the panel calls the Refer-To target,
reports progress back with NOTIFY sipfrag (baresip closes its call only after the final one),
and the old call ends. The target then hears the panel's tone (1000 Hz)."""
from support import timeouts
from support.scenarios import call_event, incoming_call
from support.wav import read_wav, assert_tone


def test_refer_from_baresip_moves_our_call_to_the_target(registered_panel, baresip):
    panel = registered_panel
    transferor = baresip("1002", tone=440)
    target = baresip("1003", tone=660)
    old_id = incoming_call(panel, transferor)
    m = panel.watch.mark()
    mt = target.mark()
    mx = transferor.mark()
    transferor.cmd("transfer", f"sip:1003@{panel.kamailio.addr}")
    referred = call_event(panel, old_id, lambda c: (c.get("transfer") or {}).get("kind") == "referred",
                          "referred by the far end", m)
    new_id = referred["transfer"]["linked_call"]
    assert referred["transfer"]["target"].startswith("sip:1003@"), referred
    target.wait_event("CALL_ESTABLISHED", since=mt, param_contains="1001")
    panel.wait_call_state(new_id, "active")
    # baresip (the transferor) learns of the success from our NOTIFY and closes its call
    transferor.wait_event("CALL_CLOSED", since=mx, timeout=timeouts.CALL_END)
    ended = call_event(panel, old_id, lambda c: c["state"] == "ended", "ended", m, timeouts.CALL_END)
    assert ended["end_reason"] in ("transferred", "hangup"), ended
    assert transferor.events("TRANSFER_FAILED", since=mx) == [], "baresip was told the transfer failed"
    assert_tone(read_wav(target.wait_dec_wav_seconds(timeouts.AUDIO_SECONDS)), 1000,
                "audio the target received from the transferred panel")
    assert_tone(read_wav(panel.wait_received_seconds(timeouts.AUDIO_SECONDS, n=2)), 660,
                "audio the panel received from the target")
    assert [c["id"] for c in panel.calls()] == [new_id]
    assert panel.call(new_id)["transfer"]["kind"] == "referred_call"
    e = panel.wait_journal_closed(transferor.user)
    assert [leg["kind"] for leg in e["legs"]] == ["call", "referred"], e["legs"]
    assert e["legs"][1]["party"].startswith("sip:1003@"), e["legs"]
    assert e["legs"][1]["transferred_by"].startswith("sip:1002@"), e["legs"]
