"""A panel killed with SIGKILL during a call leaves an open journal entry; the next start
closes it as interrupted."""
from support import timeouts
from support.scenarios import outgoing_call


def test_killed_panel_journal_entry_is_closed_on_next_start(registered_panel, baresip):
    panel = registered_panel
    peer = baresip("1002")
    outgoing_call(panel, peer)
    peer.wait_rx_audio(0.5)
    open_entries = [e for e in panel.journal() if e["ended_at"] is None]
    assert len(open_entries) == 1 and open_entries[0]["peer"].startswith("sip:1002@"), \
        f"an ongoing call must have an open journal entry: {panel.journal()}"
    entry_id = open_entries[0]["id"]
    panel.kill9()
    panel.start()
    journal = panel.journal()
    recovered = [e for e in journal if e["id"] == entry_id]
    assert recovered, f"journal entry {entry_id} lost after the crash: {journal}"
    e = recovered[0]
    assert e["ended_at"] is not None, e
    assert (e["end_reason"], e["ended_by"]) == ("interrupted", "system"), e
    assert e["answered_at"] is not None, e
    assert all(x["ended_at"] is not None for x in journal), journal
