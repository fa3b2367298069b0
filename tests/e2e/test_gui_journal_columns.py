"""The journal's column order (JRN-6) as a person sets it: without a mouse, the arrows in the
Columns chooser; with one, a header dragged — through AT-SPI (XTest) in the windowed telpanel.
The order is the journal's per user (`telpanelctl journal columns`) and is the same after the
panel restarts."""
from support import timeouts
from support.poll import wait_for

TITLES = {"date": "Date", "wait": "Wait, s", "talk": "Talk, s", "position": "Position",
          "client": "Client", "employee": "Employee", "number": "Number",
          "responsible": "Responsible", "responsible_matches": "Responsible answered",
          "status": "Status"}
# Position and the responsible manager start hidden (no source for them yet).
DEFAULT = ["date", "wait", "talk", "client", "employee", "number", "status"]
HIDDEN = ["Position", "Responsible", "Responsible answered"]  # the chooser lists them last


def _open(gui, restart=False, env=None, online="Online", journal="Journal",
          table="Call journal"):
    window, ui, shot = gui.restart(env) if restart else gui()
    window.x_focus(window.x_window())
    ui.wait_app()
    ui.find("label", name=online, timeout=timeouts.REGISTER)
    ui.click("radio button", name=journal)
    ui.find("table", name=table)
    return window, ui, shot


def _chooser_order(ui):
    """The chooser's check boxes top to bottom (shown columns first, in their order)."""
    boxes = [b for b in ui.all("check box") if b["name"] in TITLES.values()]
    return [b["name"] for b in sorted(boxes, key=lambda b: b["y"])]


def _header_order(ui):
    headers = [h for h in ui.all("table column header") if h["name"] in TITLES.values()]
    return [h["name"] for h in sorted(headers, key=lambda h: h["x"])]


def test_reorder_columns_from_the_chooser_survives_a_restart(gui, panel):
    window, ui, shot = _open(gui)
    assert panel.ctl("journal", "columns") == DEFAULT
    assert _header_order(ui) == [TITLES[c] for c in DEFAULT]
    ui.click("toggle button", name="Columns")
    assert _chooser_order(ui) == [TITLES[c] for c in DEFAULT] + HIDDEN
    assert not ui.find("push button", name="Move “Position” up")["sensitive"]
    assert not ui.find("push button", name="Move “Date” up")["sensitive"]
    assert not ui.find("push button", name="Move “Status” down")["sensitive"]

    for _ in range(3):
        ui.click("push button", name="Move “Client” up")
    ui.click("push button", name="Move “Date” down")
    ui.click("check box", name="Wait, s")  # hidden: it goes to the end, its arrows go off
    expected = ["client", "date", "talk", "employee", "number", "status"]
    wait_for(lambda: panel.ctl("journal", "columns") == expected, timeouts.CALL_END,
             f"telpanelctl journal columns says {expected}")
    assert _chooser_order(ui) == [TITLES[c] for c in expected] + ["Wait, s"] + HIDDEN
    assert not ui.find("push button", name="Move “Client” up")["sensitive"]
    assert not ui.find("push button", name="Move “Wait, s” up")["sensitive"]
    assert not ui.find("push button", name="Move “Wait, s” down")["sensitive"]
    shot("chooser")
    ui.keys("Escape")
    assert _header_order(ui) == [TITLES[c] for c in expected]

    window, ui, shot = _open(gui, restart=True)
    assert panel.ctl("journal", "columns") == expected
    assert _header_order(ui) == [TITLES[c] for c in expected]
    ui.click("toggle button", name="Columns")
    assert _chooser_order(ui) == [TITLES[c] for c in expected] + ["Wait, s"] + HIDDEN
    shot("after-restart")
    ui.keys("Escape")

    # With the mouse: the Status header dragged onto the left edge of Client's goes first.
    client = ui.find("table column header", name="Client")
    ui.drag("table column header", (client["x"] + 4, client["y"] + client["h"] // 2),
            name="Status")
    dragged = ["status"] + expected[:-1]
    wait_for(lambda: panel.ctl("journal", "columns") == dragged, timeouts.CALL_END,
             f"telpanelctl journal columns says {dragged} after the drag")
    assert _header_order(ui) == [TITLES[c] for c in dragged]
    ui.click("toggle button", name="Columns")
    assert _chooser_order(ui) == [TITLES[c] for c in dragged] + ["Wait, s"] + HIDDEN

    # In Russian: the same order, the arrows named for a screen reader.
    window, ui, shot = _open(gui, restart=True, online="В сети", journal="Журнал",
                             table="Журнал звонков",
                             env={"LANGUAGE": "ru", "LANG": "C.UTF-8", "LC_ALL": "",
                                  "LC_MESSAGES": ""})
    ui.click("toggle button", name="Столбцы")
    assert not ui.find("push button", name="Переместить «Статус» выше")["sensitive"]
    assert ui.find("push button", name="Переместить «Клиент» выше")["sensitive"]
    shot("chooser-ru")
