"""Own status published with PUBLISH through Kamailio's presence server and read back by another
watcher: a second telpanel (every status, the text) and baresip's presence module."""
from support import timeouts
from support.poll import hold_true, wait_for
from support.presence import colleague_sections, second_panel, wait_colleague

UPDATE = 5 * timeouts._SCALE  # "updates arrive within a few seconds"


def start_pair(run_dir, kamailio, ports, panel):
    panel.write_config(more_sections=colleague_sections("1002"))
    panel.start()
    other = second_panel(run_dir, kamailio, ports, "1002")
    other.write_config(more_sections=colleague_sections("1001"))
    other.start()
    panel.wait_registration("registered", timeouts.REGISTER)
    other.wait_registration("registered", timeouts.REGISTER)
    return other


def test_each_status_and_text_round_trip_to_another_panel(run_dir, kamailio, ports, panel):
    other = start_pair(run_dir, kamailio, ports, panel)
    try:
        wait_colleague(panel, "1002", UPDATE, "registered colleague", presence="available",
                       reachable=True, on_call=False)
        for status in ("busy", "dnd", "available"):
            other.ctl("presence", "set", status)
            assert other.ctl("presence", "show")["presence"] == status
            wait_colleague(panel, "1002", UPDATE, f"after `presence set {status}`",
                           presence=status, reachable=True)
        other.ctl("presence", "set", "busy", "--text", "На совещании до 15:00 <&>")
        row = wait_colleague(panel, "1002", UPDATE, "text status", presence="busy",
                             text="На совещании до 15:00 <&>")
        assert row["name"] == "User 1002" and row["groups"] == ["support"], row
        other.ctl("presence", "set", "offline")
        row = wait_colleague(panel, "1002", UPDATE, "offline", presence="offline",
                             reachable=False)
        assert row["last_seen"], f"an offline colleague has a last-seen time: {row}"
        other.ctl("presence", "set", "online")
        wait_colleague(panel, "1002", UPDATE, "back online", presence="busy", reachable=True)
    finally:
        other.shutdown()


def test_baresip_watcher_reads_our_status(panel, kamailio, baresip):
    panel.write_config()
    panel.start()
    panel.wait_registration("registered", timeouts.REGISTER)
    peer = baresip("1003", presence=True, watch=("1001",))

    def baresip_sees(word):
        # `contacts` lists "<status> "User 1001" <sip:...>"; the status is the last NOTIFY's.
        def check():
            listing = peer.cmd("contacts")
            return word in listing or print(listing)
        return check
    wait_for(baresip_sees("Online"), UPDATE * 3, "baresip shows 1001 Online")
    panel.ctl("presence", "set", "busy")
    wait_for(baresip_sees("Busy"), UPDATE * 3, "baresip shows 1001 Busy")
    panel.ctl("presence", "set", "available")
    wait_for(baresip_sees("Online"), UPDATE * 3, "baresip shows 1001 Online again")
    panel.ctl("presence", "set", "offline")
    wait_for(baresip_sees("Offline"), UPDATE * 3, "baresip shows 1001 Offline")


def test_bad_status_is_refused_and_changes_nothing(registered_panel):
    before = registered_panel.ctl("presence", "show")
    r = registered_panel.ctl_raw("presence", "set", "sleepy", "--text", "zzz")
    assert r.returncode != 0 and "unknown status 'sleepy'" in r.stderr, r
    r = registered_panel.ctl_raw("presence", "set", "away")
    assert r.returncode != 0 and "unknown status" in r.stderr, r
    r = registered_panel.ctl_raw("presence", "set", "busy", "--text", "two\nlines")
    assert r.returncode != 0 and "one line" in r.stderr, r
    assert registered_panel.ctl("presence", "show") == before


def test_publication_is_refreshed_before_it_expires(run_dir, kamailio, ports, panel):
    """publish_expires=10: without refreshes Kamailio drops the document after 10 s (its
    clean_period is 10 s) and the watcher would fall back to plain "available"."""
    panel.write_config(more_sections=[("presence", {"publish_expires": 10})])
    panel.start()
    panel.wait_registration("registered", timeouts.REGISTER)
    panel.ctl("presence", "set", "dnd", "--text", "still here")
    other = second_panel(run_dir, kamailio, ports, "1002")
    try:
        other.write_config(more_sections=colleague_sections("1001"))
        other.start()
        wait_colleague(other, "1001", UPDATE, "dnd", presence="dnd", text="still here")

        def still_dnd():
            c = [c for c in other.ctl("colleagues") if c["extension"] == "1001"][0]
            return c["presence"] == "dnd" and c["text"] == "still here"
        hold_true(still_dnd, 35, "the watcher keeps seeing dnd across three publish lifetimes",
                  interval=0.5)
    finally:
        other.shutdown()
