"""Colleague provisioning from a JSON or CSV file ([presence] colleagues_file=), merged after the
config's own [colleague:EXT] groups; a bad file stops the start with a message naming the
entry."""
import json
import os
import subprocess

from support.panel import TELPANEL_BIN


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


def test_colleagues_from_a_url_and_a_dead_url_does_not_stop_the_start(run_dir, ports, panel,
                                                                      kamailio):
    import http.server
    import threading
    served = {"body": b"extension,name\n1003,Over HTTP\n"}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path == "/colleagues.csv" else 404)
            self.end_headers()
            if self.path == "/colleagues.csv":
                self.wfile.write(served["body"])

        def log_message(self, *args):
            pass
    port = ports.take(1)
    server = http.server.HTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        panel.write_config(more_sections=colleague_sections_for_url(
            f"http://127.0.0.1:{port}/colleagues.csv"))
        panel.start()
        assert rows(panel)["1003"]["name"] == "Over HTTP"
        panel.stop()
        panel.write_config(more_sections=colleague_sections_for_url(
            f"http://127.0.0.1:{port}/missing.csv"))
        panel.start()
        assert list(rows(panel)) == ["1002"]
        assert "colleagues from the URL are missing this time" in panel.log()
        assert "HTTP 404" in panel.log()
    finally:
        server.shutdown()
    panel.stop()
    panel.write_config(more_sections=colleague_sections_for_url("ftp://example.org/x.csv"))
    r = subprocess.run([TELPANEL_BIN, "--headless"], env=panel.env, capture_output=True,
                       text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert r.returncode == 2 and "not an http:// or https:// URL" in r.stderr, r.stderr


def colleague_sections_for_url(url):
    return [("colleague:1002", {"name": "Configured"}), ("presence", {"colleagues_url": url})]


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
