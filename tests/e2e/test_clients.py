"""The client directory through telpanelctl (DIR-1..7): CSV/vCard import with broken rows,
ranked search, caller ID lookup, export, and a client created from the number of a real
earlier call (baresip through Kamailio) whose card then lists that call."""
import json
import os

import pytest

from support import timeouts
from support.panel import CtlError
from support.scenarios import incoming_call

CSV = (
    "name,organization,contact,phone,label,email,note\n"              # 1
    "Иванов Пётр,,,8 (912) 345-67-89,cell,petr@example.org,\n"        # 2
    "\"Ромашка, ООО\",Ромашка,,+7 495 123-45-67,work,,\"two\n"        # 3
    "lines\"\n"                                                        # 4
    "\"Ромашка, ООО\",Ромашка,Иванова Анна,8 916 000 11 22,,,\n"       # 5
    "Broken,,,not a number,,,\n"                                       # 6
    "Too,many,fields,1,2,3,4,5,6\n"                                    # 7
    "Duplicate,,,+79123456789,,,\n"                                    # 8
    ",,,89160001133,,,\n"                                              # 9
    "Иваненко,,,89160001144,,,\n"                                      # 10
)


def _write(run_dir, name, text):
    path = os.path.join(run_dir, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


@pytest.fixture
def started_panel(panel):
    panel.write_config()
    panel.start()
    return panel


def test_import_csv_reports_bad_lines_keeps_good_rows_then_search_and_lookup(started_panel, run_dir):
    p = started_panel
    path = _write(run_dir, "clients.csv", CSV)
    report = p.ctl("clients", "import", path)
    assert (report["records"], report["clients_created"], report["phones_added"]) == (7, 3, 4), report
    problems = {(e["line"], e["message"].split(" already")[0]) for e in report["problems"]}
    assert problems == {
        (6, "'not a number' holds no phone number"),
        (7, "9 fields, but the header has 7"),
        (8, "number +79123456789"),
        (9, "a client needs a name"),
    }, report["problems"]
    # Importing the same file again adds nothing and reports the same bad lines.
    again = p.ctl("clients", "import", path)
    assert (again["clients_created"], again["phones_added"]) == (0, 0), again
    assert [e["line"] for e in again["problems"]] == [6, 7, 8, 9], again["problems"]
    # The text form prints the counts and one line per problem.
    text = p.ctl("clients", "import", _write(run_dir, "again.csv", CSV.splitlines()[0] + "\nX,,,abc\n"),
                 as_json=False)
    assert text.splitlines() == ["read 1 records: created 0 clients, added 0 phones",
                                 "line 2: 'abc' holds no phone number"], text

    # Caller ID in any formatting.
    for form in ("+7 912 345 67 89", "89123456789", "sip:89123456789@127.0.0.1"):
        m = p.ctl("clients", "lookup", form)
        assert m["client_name"] == "Иванов Пётр" and m["key"] == "+79123456789", (form, m)
    anna = p.ctl("clients", "lookup", "+79160001122")
    assert (anna["client_name"], anna["contact_name"]) == ("Ромашка, ООО", "Иванова Анна"), anna
    assert p.ctl("clients", "lookup", "89990000000") is None

    # Ranking: name prefixes first (alphabetical), then the contact person's name.
    hits = p.ctl("clients", "search", "иван")
    assert [(h["client_name"], h["contact_name"], h["match"]) for h in hits] == [
        ("Иваненко", "", "name_prefix"),
        ("Иванов Пётр", "", "name_prefix"),
        ("Ромашка, ООО", "Иванова Анна", "contact_prefix"),
    ], hits
    hits = p.ctl("clients", "search", "8 912 345")
    assert [(h["client_name"], h["match"]) for h in hits] == [("Иванов Пётр", "number_infix")], hits
    hits = p.ctl("clients", "search", "7495")
    assert [(h["client_name"], h["match"]) for h in hits] == [("Ромашка, ООО", "number_prefix")], hits

    # Export to both formats and read the vCard back into a fresh panel's view: same clients.
    vcf = os.path.join(run_dir, "out.vcf")
    assert p.ctl("clients", "export", vcf)["clients"] == 3
    with open(vcf, encoding="utf-8") as f:
        card = f.read()
    assert "FN:Ромашка\\, ООО" in card and "X-TELPANEL-CONTACT:Иванова Анна" in card, card
    csv_out = os.path.join(run_dir, "out.csv")
    assert p.ctl("clients", "export", csv_out)["clients"] == 3
    with open(csv_out, encoding="utf-8") as f:
        assert f.readline().strip() == '"name","organization","contact","phone","label","email","note"'


def test_bad_files_and_arguments_get_clear_errors(started_panel, run_dir):
    p = started_panel
    with pytest.raises(CtlError) as e:
        p.ctl("clients", "import", os.path.join(run_dir, "missing.csv"))
    assert "missing.csv" in e.value.stderr and "No such file" in e.value.stderr, e.value.stderr
    with pytest.raises(CtlError) as e:
        p.ctl("clients", "import", _write(run_dir, "notes.txt", "hello\n"))
    assert "neither a vCard (.vcf) nor a CSV file (.csv)" in e.value.stderr, e.value.stderr
    with pytest.raises(CtlError) as e:
        p.ctl("clients", "export", os.path.join(run_dir, "out.txt"))
    assert "must end in .vcf (vCard) or .csv" in e.value.stderr, e.value.stderr
    with pytest.raises(CtlError) as e:
        p.ctl("clients", "create", "Colleague", "--phone", "101")
    assert "'101' is an internal extension (a colleague), not a client's number" in e.value.stderr
    with pytest.raises(CtlError) as e:
        p.ctl("clients", "show", "abc")
    assert e.value.rc == 2 and "ID must be a client id" in e.value.stderr
    with pytest.raises(CtlError) as e:
        p.ctl("clients", "show", "42")
    assert "no client 42" in e.value.stderr
    # Nothing was stored by the failures.
    assert p.ctl("clients", "search", "Colleague") == []


def test_client_created_from_an_earlier_calls_number_gets_that_call(panel, kamailio, baresip):
    # With 3-digit extensions, the peer's 1002 is an outside number (a client's), not a colleague.
    panel.write_config(more_sections=[("general", {"extension_length": "3"})])
    panel.start()
    panel.start_watch()
    panel.wait_registration("registered", timeouts.REGISTER)
    peer = baresip("1002")
    call_id = incoming_call(panel, peer)
    panel.ctl("hangup", call_id, as_json=False)
    earlier = panel.wait_journal_closed("1002")
    assert panel.ctl("clients", "lookup", earlier["peer"]) is None
    assert earlier["client"] is None, earlier

    client = int(panel.ctl("clients", "create", "Bob Baresip", "--phone", "1002", as_json=False))
    m = panel.ctl("clients", "lookup", earlier["peer"])
    assert (m["client"], m["client_name"], m["key"]) == (client, "Bob Baresip", "1002"), m
    card = panel.ctl("clients", "show", str(client))
    assert card["name"] == "Bob Baresip" and card["phones"][0]["key"] == "1002", card
    assert [c["id"] for c in card["calls"]] == [earlier["id"]], card["calls"]
    # The journal shows the client on the earlier call too (DIR-6, journal "client").
    entry = next(e for e in panel.ctl("journal") if e["id"] == earlier["id"])
    assert entry["client"] == {"id": client, "name": "Bob Baresip"}, entry
    panel.watch.wait(lambda e: e.get("event") == "client" and e.get("change") == "created"
                     and e.get("id") == client, timeouts.CALL_END, "client created event")

    # Bind a second number to a contact person of that client; a number of someone else is refused.
    contact = int(panel.ctl("clients", "add-contact", str(client), "Alice", as_json=False))
    panel.ctl("clients", "bind", "+7 912 000 00 01", str(client), "--contact", "Alice")
    m = panel.ctl("clients", "lookup", "89120000001")
    assert (m["client"], m["contact"], m["contact_name"]) == (client, contact, "Alice"), m
    other = int(panel.ctl("clients", "create", "Other", as_json=False))
    with pytest.raises(CtlError) as e:
        panel.ctl("clients", "bind", "1002", str(other))
    assert f"number 1002 already belongs to client {client} (Bob Baresip)" in e.value.stderr


def test_bad_extension_length_or_region_stops_the_panel_with_the_reason(panel):
    panel.write_config(more_sections=[("general", {"extension_length": "5-2"})])
    panel.start(wait_ready=False)
    assert panel.wait_exit(timeouts.PANEL_START) == 2
    assert "extension_length must be like 2-5, 3 or none, not '5-2'" in panel.log(), panel.log()


def test_import_larger_than_one_chunk_keeps_every_good_row(started_panel, run_dir):
    # The panel stores 100 records per main-loop turn; 250 rows span three turns.
    rows = ["name,phone"] + [f"Client {i:03},8 912 000 {i // 100:02} {i % 100:02}" for i in range(250)]
    rows[150] = "Bad row,12a"  # line 151
    report = started_panel.ctl("clients", "import", _write(run_dir, "big.csv", "\n".join(rows) + "\n"))
    assert (report["records"], report["clients_created"], report["phones_added"]) == (250, 249, 249), report
    assert report["problems"] == [{"line": 151, "message": "'12a' holds no phone number"}], report
    assert started_panel.ctl("clients", "lookup", "+7 912 000 02 49")["client_name"] == "Client 249"
