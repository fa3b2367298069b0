"""The journal's free date range (JRN-4) driven as a person would: three real missed calls
through Kamailio, moved to three days in March while the panel is down (calls on several days
cannot be made in one test run), then the windowed telpanel's "Custom range…" with From and To
typed through AT-SPI. Checked: exactly the calls of the range show, To is a whole day, and a bad
or reversed range is refused with its reason while the previous rows stay."""
import os
import sqlite3
import time

from support import timeouts
from support.gui_calls import missed_call, open_window

CLIENT_NUMBERS = {"extension_length": "2-3"}
RU = {"LANGUAGE": "ru", "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
# Who called and when (local time): the last two are 1 h apart across midnight.
DAYS = {"1003": (2026, 3, 10, 10, 0), "1002": (2026, 3, 12, 23, 30),
        "1004": (2026, 3, 13, 0, 30)}
NAMES = {"1003": "Olga Smirnova", "1002": "Ivan Petrov", "1004": "Boris Orlov"}


def _open(gui, extra_env=None, online="Online", restart=False):
    return open_window(gui, extra_env, online, restart, config={"general": CLIENT_NUMBERS})


def _missed_call(window, panel, peer):
    """`peer` calls and gives up; returns the call's closed journal entry."""
    missed_call(window, panel, peer)
    return panel.wait_journal_closed(peer.user)


def _move_to_days(panel, entries):
    """Shifts each call (start, end, legs) to its day in DAYS, keeping its length."""
    db = sqlite3.connect(os.path.join(panel.xdg["XDG_DATA_HOME"], "telpanel", "telpanel.db"))
    with db:
        for user, entry in entries.items():
            at = int(time.mktime(DAYS[user] + (0, 0, 0, -1))) * 1000
            (started,) = db.execute("SELECT started_at FROM calls WHERE id = ?",
                                    (entry["id"],)).fetchone()
            shift = at - started
            db.execute("UPDATE calls SET started_at = started_at + ?1, "
                       "ended_at = ended_at + ?1, alive_at = alive_at + ?1 WHERE id = ?2",
                       (shift, entry["id"]))
            db.execute("UPDATE call_legs SET started_at = started_at + ?1, "
                       "ended_at = ended_at + ?1 WHERE call_ref = ?2", (shift, entry["id"]))
    db.close()


def _range(ui, start, end):
    ui.type_text("text", start, name="From date", replace=True)
    ui.type_text("text", end, name="To date", replace=True)
    ui.click("push button", name="Apply")


def _shown(ui, text):
    ui.find("label", name=text, timeout=timeouts.CALL_END)


def _names(ui):
    return sorted(n["name"] for n in ui.all("table cell")
                  if n["name"] in NAMES.values())


def test_custom_range_shows_exactly_its_calls(gui, panel, baresip):
    window, ui, _ = _open(gui)
    entries = {}
    for user, name in NAMES.items():
        entries[user] = _missed_call(window, panel, baresip(user, display_name=name))
    ui.stop()
    window.stop()
    _move_to_days(panel, entries)

    window, ui, shot = _open(gui, restart=True)
    ui.click("radio button", name="Journal")
    _shown(ui, "3 calls shown")
    ui.click("combo box", name="Period")
    ui.click("menu item", name="Custom range…")
    # The first look is the last 7 days: none of March's calls.
    _shown(ui, "0 calls shown")

    _range(ui, "2026-03-10", "2026-03-12")
    _shown(ui, "2 calls shown")
    assert _names(ui) == ["Ivan Petrov", "Olga Smirnova"]  # 23:30 on the 12th is in, 00:30 not
    shot("range")
    _range(ui, "2026-03-13", "2026-03-13")
    _shown(ui, "1 call shown")
    assert _names(ui) == ["Boris Orlov"]
    _range(ui, "2026-03-11", "2026-03-12")
    _shown(ui, "1 call shown")
    assert _names(ui) == ["Ivan Petrov"]

    # Refused: the reason shows and the rows of the last good range stay.
    _range(ui, "2026-03-15", "2026-03-10")
    ui.find("label", name="The range starts (2026-03-15) after it ends (2026-03-10)")
    assert _names(ui) == ["Ivan Petrov"]
    _shown(ui, "1 call shown")
    _range(ui, "2026-02-30", "2026-03-12")
    ui.find("label", name="From: “2026-02-30” is not a date; type it as 2026-03-12")
    assert _names(ui) == ["Ivan Petrov"]
    shot("refused")
    # The other filters keep working over the last good range.
    ui.click("combo box", name="Direction")
    ui.click("menu item", name="Outgoing")
    _shown(ui, "0 calls shown")
    ui.click("combo box", name="Direction")
    ui.click("menu item", name="Incoming")
    _shown(ui, "1 call shown")
    assert _names(ui) == ["Ivan Petrov"]

    # The calendar: its button opens it on the To date; the arrow moves it a day on (the entry
    # follows), Enter closes it; Apply applies.
    ui.type_text("text", "2026-03-11", name="From date", replace=True)
    ui.click("toggle button", name="Pick the To date on a calendar")
    ui.find("calendar")
    shot("calendar")
    for key in ("Right", "Return"):
        ui.keys(key)
    ui.gone("calendar")
    assert ui.find("text", name="To date")["text"] == "2026-03-13"
    ui.click("push button", name="Apply")
    _shown(ui, "2 calls shown")
    assert _names(ui) == ["Boris Orlov", "Ivan Petrov"]

    window, ui, shot = _open(gui, RU, online="В сети", restart=True)
    ui.click("radio button", name="Журнал")
    ui.click("combo box", name="Период")
    ui.click("menu item", name="Выбрать даты…")
    _range_ru = (("Начальная дата", "2026-03-10"), ("Конечная дата", "2026-03-13"))
    for field, day in _range_ru:
        ui.type_text("text", day, name=field, replace=True)
    ui.click("push button", name="Применить")
    _shown(ui, "Показано 3 звонка")
    shot("range-ru")
