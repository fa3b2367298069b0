"""A REFER answered 491 Request Pending (the client's phone still has an INVITE transaction open
on the call, e.g. it is answering the hold the panel sent for a consultation) is sent again after
a short random wait, unchanged, instead of failing the transfer; a phone that keeps answering 491
ends the transfer with a failure that says so. A scripted peer gives the 491s on demand."""
import time

import pytest

from support import timeouts
from support.raw_sip import RawSipPeer
from support.scenarios import call_event


@pytest.fixture
def client(registered_panel):
    peer = RawSipPeer("1002")
    peer.invite(registered_panel)
    call = registered_panel.wait_incoming(peer_user="1002")
    registered_panel.ctl("answer", call["id"], as_json=False)
    peer.wait_answer()
    registered_panel.wait_call_state(call["id"], "active")
    peer.panel_call = call["id"]
    yield peer
    peer.close()


def test_refer_answered_491_is_sent_again_and_the_transfer_succeeds(registered_panel, client):
    panel = registered_panel
    m = panel.watch.mark()
    panel.ctl("transfer", client.panel_call, "1003", as_json=False)
    first = client.wait_request("REFER")
    client.respond(first, 491, "Request Pending")
    refused_at = time.monotonic()
    # RFC 3261 14.1: the panel did not place this call, so it waits 0-2 s before trying again.
    again = client.wait_request("REFER", timeout=2.0 + timeouts.CALL_SETUP)
    assert time.monotonic() - refused_at >= 0.005, "sent again at once, without the wait"
    assert again.get("refer-to") == first.get("refer-to"), (first.get("refer-to"), again.get("refer-to"))
    assert again.get("refer-to").startswith("<sip:1003@"), again.get("refer-to")
    assert again.get("cseq") != first.get("cseq"), "the second REFER is a new request"
    client.respond(again, 202, "Accepted")
    client.notify_refer("SIP/2.0 200 OK\r\n", terminated=True)
    done = call_event(panel, client.panel_call,
                      lambda c: (c.get("transfer") or {}).get("state") == "succeeded",
                      "transfer succeeded", m)
    assert done["transfer"]["kind"] == "blind", done["transfer"]
    bye = client.wait_request("BYE", timeout=timeouts.CALL_END)
    client.respond(bye, 200, "OK")
    ended = call_event(panel, client.panel_call, lambda c: c["state"] == "ended", "ended", m,
                       timeouts.CALL_END)
    assert ended["end_reason"] == "transferred", ended


def test_refer_answered_491_every_time_fails_the_transfer_with_the_reason(registered_panel, client):
    panel = registered_panel
    m = panel.watch.mark()
    panel.ctl("transfer", client.panel_call, "1003", as_json=False)
    refers = []
    for _ in range(4):  # the first REFER and three more tries
        refer = client.wait_request("REFER", timeout=2.0 + timeouts.CALL_SETUP)
        refers.append(refer)
        client.respond(refer, 491, "Request Pending")
    failed = call_event(panel, client.panel_call,
                        lambda c: (c.get("transfer") or {}).get("state") == "failed",
                        "transfer failed", m, 2.0 + timeouts.CALL_SETUP)
    assert "491" in failed["transfer"]["detail"], failed["transfer"]
    assert len({r.get("cseq") for r in refers}) == 4, [r.get("cseq") for r in refers]
    assert panel.call(client.panel_call)["state"] == "active", "the call goes on with the client"
