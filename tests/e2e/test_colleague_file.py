"""Colleague provisioning from a JSON or CSV file ([presence] colleagues_file=), merged after the
config's own [colleague:EXT] groups; a bad file stops the start with a message naming the
entry. From an http(s) URL the list arrives without delaying the start, follows changes on the
server, and survives the server failing."""
import json
import os
import subprocess

from support import timeouts
from support.panel import TELPANEL_BIN
from support.poll import wait_for


def rows(panel):
    return {c["extension"]: c for c in panel.ctl("colleagues")}


def test_json_and_csv_files_with_config_entries_winning(run_dir, panel, kamailio):
    path = os.path.join(run_dir, "colleagues.json")
    with open(path, "w") as f:
        json.dump([{"extension": 1002, "name": "From file", "groups": ["a", "b"]},
                   {"extension": "1004", "name": "Вера", "position": "бухгалтер",
                    "groups": "finance; board"}], f, ensure_ascii=False)
    panel.write_config(more_sections=[
        ("colleague:1002", {"name": "From config", "position": "lead", "groups": "sales"}),
        ("presence", {"colleagues_file": path})])
    panel.start()
    r = rows(panel)
    assert list(r) == ["1002", "1004"]
    assert (r["1002"]["name"], r["1002"]["groups"]) == ("From config", ["sales"])
    assert r["1004"] == {**r["1004"], "name": "Вера", "position": "бухгалтер",
                         "groups": ["finance", "board"]}
    for c in r.values():
        assert set(c) >= {"extension", "name", "presence", "text", "last_seen", "on_call",
                          "reachable"}
    panel.stop()
    csv_path = os.path.join(run_dir, "colleagues.csv")
    with open(csv_path, "w") as f:
        f.write('extension,name,position,groups\n1005,"Smith, John",agent,support;night\n')
    panel.write_config(more_sections=[("presence", {"colleagues_file": csv_path})])
    panel.start()
    assert rows(panel)["1005"]["name"] == "Smith, John"
    assert rows(panel)["1005"]["groups"] == ["support", "night"]


def test_bad_file_is_refused_with_the_entry_named(run_dir, panel, kamailio):
    path = os.path.join(run_dir, "colleagues.json")
    with open(path, "w") as f:
        json.dump([{"extension": "1002"}, {"name": "no number"}], f)
    panel.write_config(more_sections=[("presence", {"colleagues_file": path})])
    r = subprocess.run([TELPANEL_BIN, "--headless"], env=panel.env, capture_output=True,
                       text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert r.returncode == 2, r
    assert "entry 2 has no \"extension\"" in r.stderr and path in r.stderr, r.stderr
    with open(path, "w") as f:
        f.write("name\nAnna\n")
    r = subprocess.run([TELPANEL_BIN, "--headless"], env=panel.env, capture_output=True,
                       text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert r.returncode == 2 and "no \"extension\" column" in r.stderr, r.stderr


class ColleagueServer:
    """An intranet directory: serves `body` with `status`; while `hold` is clear it does not
    answer at all (a slow server)."""

    def __init__(self, port):
        import http.server
        import threading
        self.body = b""
        self.status = 200
        self.hold = threading.Event()
        self.hold.set()
        self.requests = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests += 1
                outer.hold.wait(60)
                ok = self.path == "/colleagues.csv" and outer.status == 200
                self.send_response(outer.status if self.path == "/colleagues.csv" else 404)
                self.end_headers()
                if ok:
                    self.wfile.write(outer.body)

            def log_message(self, *args):
                pass
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.hold.set()
        self.server.shutdown()


def test_colleagues_from_a_url_arrive_without_delaying_the_start_and_follow_changes(
        ports, panel, kamailio, baresip):
    server = ColleagueServer(ports.take(1))
    try:
        # A directory server that does not answer yet: the panel starts and registers anyway.
        server.hold.clear()
        server.body = b"extension,name\n1003,Over HTTP\n1002,Not this name\n"
        panel.write_config(more_sections=colleague_sections_for_url(
            f"http://127.0.0.1:{server.server.server_port}/colleagues.csv", refresh=1))
        panel.start()
        panel.wait_registration("registered", timeouts.REGISTER)
        assert list(rows(panel)) == ["1002"]
        server.hold.set()
        wait_for(lambda: list(rows(panel)) == ["1002", "1003"], timeouts.PROVISION,
                 "the colleague from the URL is added once the server answers")
        assert rows(panel)["1003"]["name"] == "Over HTTP"
        assert rows(panel)["1002"]["name"] == "Configured"  # the config's group wins

        # The list changes on the server: 1003 leaves, 1004 joins and is watched at once.
        server.body = b"extension,name\n1004,Vera\n"
        wait_for(lambda: list(rows(panel)) == ["1002", "1004"], timeouts.PROVISION,
                 "the refreshed list replaces the fetched colleagues")
        baresip("1004")
        wait_for(lambda: rows(panel)["1004"]["reachable"], timeouts.RECOVERY,
                 "the newly listed colleague's registration is seen")

        # A failing server keeps the last good list and says why.
        server.status = 500
        wait_for(lambda: "HTTP 500" in panel.log(), timeouts.PROVISION, "the failure is logged")
        assert "colleagues from the URL are missing this time" in panel.log()
        assert list(rows(panel)) == ["1002", "1004"]
        assert rows(panel)["1004"]["reachable"]
    finally:
        server.stop()


def test_a_dead_or_bad_colleague_url(ports, panel, kamailio):
    port = ports.take(1)  # nothing listens there
    panel.write_config(more_sections=colleague_sections_for_url(
        f"http://127.0.0.1:{port}/colleagues.csv"))
    panel.start()
    panel.wait_registration("registered", timeouts.REGISTER)
    wait_for(lambda: "colleagues from the URL are missing this time" in panel.log(),
             timeouts.PROVISION, "the refused connection is logged")
    assert "Could not connect" in panel.log() or "Couldn't connect" in panel.log(), panel.log()
    assert list(rows(panel)) == ["1002"]
    panel.stop()
    panel.write_config(more_sections=colleague_sections_for_url("ftp://example.org/x.csv"))
    r = subprocess.run([TELPANEL_BIN, "--headless"], env=panel.env, capture_output=True,
                       text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert r.returncode == 2 and "not an http:// or https:// URL" in r.stderr, r.stderr


def colleague_sections_for_url(url, refresh=3600):
    return [("colleague:1002", {"name": "Configured"}),
            ("presence", {"colleagues_url": url, "colleagues_refresh": str(refresh)})]


def test_bad_presence_keys_are_refused_by_name(panel, kamailio):
    for sections, extra, words in (
            ([], {"presence": "maybe"}, "[account] presence=maybe is not server, p2p or off"),
            ([("presence", {"away_after": "-5"})], {}, "[presence] away_after=-5 must be a number"),
            ([("presence", {"idle_source": "keyboard"})], {}, "idle_source=keyboard is not"),
            ([("colleague:10 02", {"name": "x"})], {}, "'10 02' is not an extension")):
        panel.write_config(more_sections=sections, extra_account=extra)
        r = subprocess.run([TELPANEL_BIN, "--headless"], env=panel.env, capture_output=True,
                           text=True, timeout=30, stdin=subprocess.DEVNULL)
        assert r.returncode == 2 and words in r.stderr, (words, r.stderr)
