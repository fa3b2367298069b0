"""Consultative transfer with Replaces (XFER-1, XFER-4) against Linphone, which supports
Replaces: Linphone (the client, 1004) talks to the panel (1001); the panel consults a second
telpanel (the colleague, 1005) and completes; Linphone gets REFER whose Refer-To carries our
Replaces, and sends the colleague an INVITE with Replaces, which the colleague's panel matches
to its consultation call, answers at once and ends the consultation.

Signalling only: Linphone sends no RTP without a sound card (see test-infra notes)."""

import pytest

from support import timeouts
from support.scenarios import call_event
from support.wav import read_wav, assert_tone


@pytest.fixture
def colleague(other_panel):
    return other_panel("colleague", "1005", watch=True)


def test_refer_with_replaces_moves_linphone_to_the_colleague(registered_panel, colleague, linphone):
    panel = registered_panel
    linphone.command(f"call sip:1001@{panel.kamailio.addr}")
    client = panel.wait_incoming(peer_user="1004")
    panel.ctl("answer", client["id"], as_json=False)
    panel.wait_call_state(client["id"], "active")
    consult_id = panel.ctl("consult", client["id"], "1005", as_json=False).splitlines()[-1].strip()
    ringing = colleague.wait_incoming(peer_user="1001")
    colleague.ctl("answer", ringing["id"], as_json=False)
    panel.wait_call_state(consult_id, "active")
    colleague.wait_call_state(ringing["id"], "active")

    m = panel.watch.mark()
    mc = colleague.watch.mark()
    panel.ctl("transfer-complete", client["id"], as_json=False)
    trying = call_event(panel, client["id"], lambda c: (c.get("transfer") or {}).get("replaces"),
                        "REFER with Replaces sent", m)
    assert trying["transfer"]["fallback"] is False, trying
    # The colleague's panel takes Linphone's INVITE with Replaces over its consultation call.
    replacing = colleague.watch.wait(
        lambda e: e.get("event") == "call" and (e["call"].get("transfer") or {}).get("kind") == "replacing"
        and e["call"]["state"] == "active", timeouts.CALL_SETUP, "colleague: the replacing call is up",
        since=mc)["call"]
    assert replacing["peer"].startswith("sip:1004@"), replacing
    assert replacing["transfer"]["linked_call"] == ringing["id"], replacing
    call_event(colleague, ringing["id"], lambda c: c["state"] == "ended", "consultation replaced",
               mc, timeouts.CALL_END)
    done = call_event(panel, client["id"], lambda c: c["state"] == "ended", "client call ended", m,
                      timeouts.CALL_END)
    assert done["transfer"]["state"] == "succeeded" and done["end_reason"] == "transferred", done
    panel.wait_call_gone_or_ended(consult_id)
    assert panel.calls() == [], panel.calls()
    assert [c["id"] for c in colleague.calls()] == [replacing["id"]]

    e = panel.wait_journal_closed("1004")
    assert [leg["kind"] for leg in e["legs"]] == ["call", "attended"], e["legs"]
    assert e["legs"][1]["party"].startswith("sip:1005@"), e["legs"]
    ce = colleague.wait_journal_closed("1001")
    assert [leg["kind"] for leg in ce["legs"]] == ["call", "replaced"], ce["legs"]
    assert ce["legs"][1]["party"].startswith("sip:1004@"), ce["legs"]


@pytest.fixture
def client_panel(other_panel):
    return other_panel("client", "1004", tone=440, watch=True)


def test_replaces_between_three_panels_moves_the_audio(registered_panel, client_panel, colleague):
    """The same transfer with our own stack on all three sides, which all send RTP: after the
    transfer the client (440 Hz) and the colleague (800 Hz) hear each other, and the employee's
    panel has no call left."""
    panel = registered_panel
    client_call = client_panel.dial("1001")
    incoming = panel.wait_incoming(peer_user="1004")
    panel.ctl("answer", incoming["id"], as_json=False)
    panel.wait_call_state(incoming["id"], "active")
    consult_id = panel.ctl("consult", incoming["id"], "1005", as_json=False).splitlines()[-1].strip()
    ringing = colleague.wait_incoming(peer_user="1001")
    colleague.ctl("answer", ringing["id"], as_json=False)
    panel.wait_call_state(consult_id, "active")

    m = panel.watch.mark()
    mc = client_panel.watch.mark()
    panel.ctl("transfer-complete", consult_id, as_json=False)
    referred = call_event(client_panel, client_call,
                          lambda c: (c.get("transfer") or {}).get("kind") == "referred",
                          "client: referred with Replaces", mc)
    assert referred["transfer"]["replaces"] is True, referred
    new_call = referred["transfer"]["linked_call"]
    client_panel.wait_call_state(new_call, "active")
    done = call_event(panel, incoming["id"], lambda c: c["state"] == "ended", "client call ended", m,
                      timeouts.CALL_END)
    assert (done["transfer"]["replaces"], done["transfer"]["fallback"]) == (True, False), done
    panel.wait_call_gone_or_ended(consult_id)
    assert panel.calls() == [], panel.calls()
    colleague.wait_call_gone_or_ended(ringing["id"])
    client_panel.wait_call_gone_or_ended(client_call)
    # Each side's second call is the transferred conversation: received-2.wav.
    assert_tone(read_wav(colleague.wait_received_seconds(timeouts.AUDIO_SECONDS, n=2)), 440,
                "audio the colleague received from the client after the transfer")
    assert_tone(read_wav(client_panel.wait_received_seconds(timeouts.AUDIO_SECONDS, n=2)), 800,
                "audio the client received from the colleague after the transfer")
    ce = colleague.wait_journal_closed("1001")
    assert [leg["kind"] for leg in ce["legs"]] == ["call", "replaced"], ce["legs"]
    ke = client_panel.wait_journal_closed("1001")
    assert [leg["kind"] for leg in ke["legs"]] == ["call", "referred"], ke["legs"]
    assert ke["legs"][1]["transferred_by"].startswith("sip:1001@"), ke["legs"]


def test_colleague_ignoring_replaces_still_gets_the_client(registered_panel, linphone, baresip):
    """baresip 1.0.0 as the colleague ignores the Replaces in Linphone's INVITE and answers it as
    a new call; the transfer still succeeds and the panel itself ends the consultation, so the
    colleague is left with the client only."""
    panel = registered_panel
    colleague = baresip("1003", tone=660)
    linphone.command(f"call sip:1001@{panel.kamailio.addr}")
    client = panel.wait_incoming(peer_user="1004")
    panel.ctl("answer", client["id"], as_json=False)
    panel.wait_call_state(client["id"], "active")
    mc = colleague.mark()
    consult_id = panel.ctl("consult", client["id"], "1003", as_json=False).splitlines()[-1].strip()
    colleague.wait_event("CALL_ESTABLISHED", since=mc, param_contains="1001")
    panel.wait_call_state(consult_id, "active")
    m = panel.watch.mark()
    mc = colleague.mark()
    panel.ctl("transfer-complete", client["id"], as_json=False)
    colleague.wait_event("CALL_ESTABLISHED", since=mc, param_contains="1004")
    colleague.wait_event("CALL_CLOSED", since=mc, timeout=timeouts.CALL_END)  # the consultation
    done = call_event(panel, client["id"], lambda c: c["state"] == "ended", "client call ended", m,
                      timeouts.CALL_END)
    assert done["transfer"]["state"] == "succeeded" and done["transfer"]["replaces"], done["transfer"]
    panel.wait_call_gone_or_ended(consult_id)
    assert panel.calls() == []
    calls = colleague.cmd("listcalls")
    assert colleague.call_count() == 1 and "sip:1004@" in calls, calls
