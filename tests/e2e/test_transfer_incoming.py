"""Being transferred (XFER-4): baresip sends us a REFER; the panel calls the Refer-To target,
reports progress back with NOTIFY sipfrag (baresip closes its call only after the final one),
and the old call ends. The target then hears the panel's tone (1000 Hz)."""
import socket
import uuid

from support import timeouts
from support.opus import decode_opus, assert_tones
from support.scenarios import call_event, incoming_call
from support.wav import read_wav, assert_tone


def test_refer_from_baresip_moves_our_call_to_the_target(registered_panel, baresip, run_dir):
    panel = registered_panel
    panel.ctl("settings", "set", "recording", "on_demand", as_json=False)
    transferor = baresip("1002", tone=440)
    target = baresip("1003", tone=660)
    old_id = incoming_call(panel, transferor)
    panel.ctl("record", old_id, "on", as_json=False)  # asked for on the call being moved
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
    # The recording asked for on the old call goes on in the call that took over (its 2 s of
    # audio were waited for above).
    started = panel.watch.wait(lambda ev: ev.get("event") == "recording"
                               and ev.get("call") == new_id and ev.get("state") == "started",
                               timeouts.CALL_SETUP, "the referred call is recorded", since=m)
    m_end = panel.watch.mark()
    panel.ctl("hangup", new_id, as_json=False)
    panel.watch.wait(lambda ev: ev.get("event") == "recording" and ev.get("call") == new_id
                     and ev.get("state") == "finished", timeouts.CALL_END,
                     "the referred call's part is finished", since=m_end)
    assert_tones(decode_opus(started["location"], run_dir), [660, 1000], "after the REFER")


def _invite_with_replaces(panel, replaces):
    """An INVITE with a Replaces header straight to the panel's SIP port; the final status."""
    sdp = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
           "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n").encode()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(timeouts.CALL_SETUP)
        port = sock.getsockname()[1]
        msg = (f"INVITE sip:{panel.user}@127.0.0.1:{panel.sip_port} SIP/2.0\r\n"
               f"Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK{uuid.uuid4().hex[:10]};rport\r\n"
               "Max-Forwards: 70\r\n"
               f"From: <sip:1003@127.0.0.1>;tag={uuid.uuid4().hex[:8]}\r\n"
               f"To: <sip:{panel.user}@127.0.0.1>\r\n"
               f"Call-ID: {uuid.uuid4().hex}@127.0.0.1\r\n"
               "CSeq: 1 INVITE\r\n"
               f"Contact: <sip:1003@127.0.0.1:{port}>\r\n"
               "Supported: replaces\r\n"
               f"Replaces: {replaces}\r\n"
               "Content-Type: application/sdp\r\n"
               f"Content-Length: {len(sdp)}\r\n\r\n").encode() + sdp
        sock.sendto(msg, ("127.0.0.1", panel.sip_port))
        while True:
            line = sock.recvfrom(65535)[0].split(b"\r\n", 1)[0].decode(errors="replace")
            if int(line.split()[1]) >= 200:
                return int(line.split()[1]), line


def test_invite_replacing_an_unknown_call_is_refused_with_481(registered_panel, baresip):
    panel = registered_panel
    peer = baresip("1002", tone=440)
    call_id = incoming_call(panel, peer)
    code, line = _invite_with_replaces(panel, "no-such-call@127.0.0.1;to-tag=abc;from-tag=def")
    assert code == 481, line
    assert [c["id"] for c in panel.calls()] == [call_id], "the refused INVITE left a call behind"
    assert panel.call(call_id)["state"] == "active"
    peer.wait_rx_audio(0.5)  # the existing conversation goes on
