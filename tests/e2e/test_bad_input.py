"""Bad input gets a clear, specific error and loses nothing: malformed SIP and SDP sent straight
to the panel's SIP port, and wrong commands through telpanelctl."""
import socket
import uuid

import pytest

from support import timeouts
from support.panel import CtlError
from support.scenarios import outgoing_call


def _send_invite(panel, body, content_type="application/sdp"):
    """One INVITE over UDP straight to the panel (no proxy); returns the final response line."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(timeouts.CALL_SETUP)
    my_port = sock.getsockname()[1]
    tag, call_id = uuid.uuid4().hex[:8], uuid.uuid4().hex
    payload = body.encode()
    msg = (f"INVITE sip:{panel.user}@127.0.0.1:{panel.sip_port} SIP/2.0\r\n"
           f"Via: SIP/2.0/UDP 127.0.0.1:{my_port};branch=z9hG4bK{uuid.uuid4().hex[:10]};rport\r\n"
           "Max-Forwards: 70\r\n"
           f"From: <sip:9999@127.0.0.1>;tag={tag}\r\n"
           f"To: <sip:{panel.user}@127.0.0.1>\r\n"
           f"Call-ID: {call_id}@127.0.0.1\r\n"
           "CSeq: 1 INVITE\r\n"
           f"Contact: <sip:9999@127.0.0.1:{my_port}>\r\n"
           f"Content-Type: {content_type}\r\n"
           f"Content-Length: {len(payload)}\r\n\r\n").encode() + payload
    try:
        sock.sendto(msg, ("127.0.0.1", panel.sip_port))
        while True:  # skip provisional responses (100 Trying)
            data, _ = sock.recvfrom(65535)
            status_line = data.split(b"\r\n", 1)[0].decode(errors="replace")
            code = int(status_line.split()[1])
            if code >= 200:
                return code, status_line
    finally:
        sock.close()


def test_malformed_sdp_is_refused_and_the_panel_goes_on(registered_panel, baresip):
    code, line = _send_invite(registered_panel, "this is not SDP at all\r\n")
    assert 400 <= code < 500, line
    assert registered_panel.calls() == [], "a refused INVITE must not leave a call behind"
    # Nothing broke: a real call still works afterwards.
    peer = baresip("1002")
    outgoing_call(registered_panel, peer)


def test_offer_without_audio_is_not_acceptable(registered_panel):
    video_only = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                  "m=video 40000 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n")
    code, line = _send_invite(registered_panel, video_only)
    assert code == 488, line
    assert registered_panel.calls() == []


def test_garbage_datagram_is_ignored(registered_panel):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.sendto(b"\x00\xffnot SIP\r\n\r\n" * 50, ("127.0.0.1", registered_panel.sip_port))
    code, line = _send_invite(registered_panel, "v=0\r\n")  # still answers SIP afterwards
    assert 400 <= code < 500, line
    assert registered_panel.registration()["state"] == "registered"


@pytest.mark.parametrize("args, words", [
    (("dial", "john"), "not a phone number"),
    (("dial", ""), "empty dial target"),
    (("answer",), "no incoming call is ringing"),
    (("hangup", "no-such-call"), "no call no-such-call"),
    (("dtmf", "x", "12"), "no call x"),
])
def test_wrong_commands_fail_with_one_clear_line(registered_panel, args, words):
    with pytest.raises(CtlError) as err:
        registered_panel.ctl(*args, as_json=False)
    e = err.value
    assert e.rc == 1, e
    lines = e.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("telpanelctl: ") and words in lines[0], e.stderr


def test_dtmf_with_bad_digits_is_refused(registered_panel, baresip):
    peer = baresip("1002")
    call_id = outgoing_call(registered_panel, peer)
    with pytest.raises(CtlError) as err:
        registered_panel.ctl("dtmf", call_id, "12x", as_json=False)
    assert "not a DTMF digit: 'x'" in err.value.stderr, err.value.stderr


def test_usage_errors_exit_2(panel):
    r = panel.ctl_raw("mute", "some-call", "maybe")
    assert r.returncode == 2 and "usage: telpanelctl mute CALL on|off" in r.stderr, r
    r = panel.ctl_raw("frobnicate")
    assert r.returncode == 2 and "unknown command 'frobnicate'" in r.stderr, r


def test_ctl_without_a_running_panel_says_so(panel):
    r = panel.ctl_raw("status")  # the test's bus exists, but no panel on it
    assert r.returncode == 1, r
    assert r.stderr.strip() == ("telpanelctl: telpanel is not running (nothing owns "
                                "org.telpanel.Panel on the session bus)"), r.stderr
