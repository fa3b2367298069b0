"""A scripted SIP peer on a UDP socket, for answers no real phone gives on demand (e.g. 491 to a
REFER). It calls the panel through Kamailio from an outside domain (so Kamailio asks no password)
and the test decides each response to the in-dialog requests the panel sends back."""
import socket
import time
import uuid

from . import timeouts


def _parse(data):
    head, _, body = data.decode(errors="replace").partition("\r\n\r\n")
    lines = head.split("\r\n")
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.append((name.strip().lower(), value.strip()))
    return lines[0], headers, body


class SipMessage:
    def __init__(self, data):
        self.start, self.headers, self.body = _parse(data)

    def all(self, name):
        return [v for n, v in self.headers if n == name.lower()]

    def get(self, name):
        values = self.all(name)
        return values[0] if values else None

    @property
    def method(self):
        return self.start.split()[0]

    @property
    def status(self):
        return int(self.start.split()[1]) if self.start.startswith("SIP/2.0") else None


class RawSipPeer:
    def __init__(self, user="1002"):
        self.user = user
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        # The panel's RTP goes here and is never read; a bound port keeps ICMP errors away.
        self.rtp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.rtp.bind(("127.0.0.1", 0))
        self.call_id = f"{uuid.uuid4().hex}@127.0.0.1"
        self.from_tag = uuid.uuid4().hex[:8]
        self.to_tag = None
        self.cseq = 1
        self.proxy = None
        self.route = ""
        self.pending = []  # requests received while waiting for something else

    def close(self):
        self.sock.close()
        self.rtp.close()

    def _send(self, text):
        self.sock.sendto(text.encode(), self.proxy)

    def _recv(self, deadline):
        self.sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            return SipMessage(self.sock.recvfrom(65535)[0])
        except socket.timeout:
            return None

    def _dialog_headers(self, method, cseq):
        return (f"Via: SIP/2.0/UDP 127.0.0.1:{self.port};branch=z9hG4bK{uuid.uuid4().hex[:12]};rport\r\n"
                "Max-Forwards: 70\r\n"
                f"From: <sip:{self.user}@client.invalid>;tag={self.from_tag}\r\n"
                f"To: <sip:{self.panel_user}@127.0.0.1>" + (f";tag={self.to_tag}" if self.to_tag else "")
                + "\r\n" + self.route +
                f"Call-ID: {self.call_id}\r\n"
                f"CSeq: {cseq} {method}\r\n"
                f"Contact: <sip:{self.user}@127.0.0.1:{self.port}>\r\n")

    def invite(self, panel):
        """Sends an INVITE to the panel's user through Kamailio (the panel answers it later)."""
        self.panel_user = panel.user
        self.proxy = ("127.0.0.1", panel.kamailio.port)
        sdp = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
               f"m=audio {self.rtp.getsockname()[1]} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")
        self._send(f"INVITE sip:{panel.user}@127.0.0.1:{panel.kamailio.port} SIP/2.0\r\n"
                   + self._dialog_headers("INVITE", self.cseq)
                   + "Allow: INVITE, ACK, BYE, CANCEL, REFER, NOTIFY\r\n"
                   "Content-Type: application/sdp\r\n"
                   f"Content-Length: {len(sdp)}\r\n\r\n{sdp}")

    def wait_answer(self, timeout=timeouts.CALL_SETUP):
        """Waits for the final response to the INVITE; a 2xx is acknowledged."""
        deadline = time.monotonic() + timeout
        while True:
            msg = self._recv(deadline)
            assert msg is not None, "no final response to the INVITE"
            if msg.status is None:
                self.pending.append(msg)
                continue
            if msg.status < 200 or "INVITE" not in msg.get("cseq"):
                continue
            assert msg.status == 200, msg.start
            self.to_tag = msg.get("to").split("tag=")[1].split(";")[0]
            contact = msg.get("contact").split("<", 1)[1].split(">", 1)[0]
            # The route set is the Record-Route of the 2xx, reversed (RFC 3261 12.1.2).
            self.route = "".join(f"Route: {rr}\r\n" for rr in reversed(msg.all("record-route")))
            self._send(f"ACK {contact} SIP/2.0\r\n" + self._dialog_headers("ACK", self.cseq)
                       + "Content-Length: 0\r\n\r\n")
            self.panel_contact = contact
            return msg

    def wait_request(self, method, timeout=timeouts.CALL_SETUP):
        """The next request `method` from the panel; responses and other requests are kept aside."""
        for i, msg in enumerate(self.pending):
            if msg.method == method:
                return self.pending.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            msg = self._recv(deadline)
            assert msg is not None, f"the panel sent no {method} within {timeout} s"
            if msg.status is not None:
                continue
            if msg.method == method:
                return msg
            self.pending.append(msg)

    def respond(self, request, status, phrase, extra=""):
        to = request.get("to")
        if "tag=" not in to:
            to += f";tag={self.from_tag}"
        vias = "".join(f"Via: {v}\r\n" for v in request.all("via"))
        self._send(f"SIP/2.0 {status} {phrase}\r\n{vias}From: {request.get('from')}\r\nTo: {to}\r\n"
                   f"Call-ID: {request.get('call-id')}\r\nCSeq: {request.get('cseq')}\r\n{extra}"
                   "Content-Length: 0\r\n\r\n")

    def notify_refer(self, sipfrag, terminated):
        """An in-dialog NOTIFY reporting the REFER's progress (RFC 3515)."""
        self.cseq += 1
        state = "terminated;reason=noresource" if terminated else "active;expires=60"
        self._send(f"NOTIFY {self.panel_contact} SIP/2.0\r\n" + self._dialog_headers("NOTIFY", self.cseq)
                   + f"Event: refer\r\nSubscription-State: {state}\r\n"
                   "Content-Type: message/sipfrag\r\n"
                   f"Content-Length: {len(sipfrag)}\r\n\r\n{sipfrag}")
