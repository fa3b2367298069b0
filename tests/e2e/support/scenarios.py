"""Call set-ups shared by several test files."""
from . import timeouts


def outgoing_call(panel, peer):
    """Panel dials an auto-answering peer; returns the panel's call id once both ends are up."""
    m = peer.mark()
    call_id = panel.dial(peer.user)
    peer.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    panel.wait_call_state(call_id, "active")
    return call_id


def incoming_call(panel, peer):
    """Peer dials the panel, the panel answers; returns the panel's call id."""
    m = peer.mark()
    peer.dial(panel.user)
    call = panel.wait_incoming(peer_user=peer.user)
    panel.ctl("answer", call["id"], as_json=False)
    peer.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    panel.wait_call_state(call["id"], "active")
    return call["id"]


def call_event(panel, call_id, predicate, what, since=0, timeout=timeouts.CALL_SETUP):
    """The call object of the first "call" watch event (from index `since`) about call_id for
    which predicate(call) holds."""
    e = panel.watch.wait(
        lambda e: e.get("event") == "call" and e.get("call", {}).get("id") == call_id
        and predicate(e["call"]), timeout, f"call {call_id}: {what}", since=since)
    return e["call"]
