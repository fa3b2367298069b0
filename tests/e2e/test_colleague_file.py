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
