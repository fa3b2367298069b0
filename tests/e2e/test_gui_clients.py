"""The Clients page of the window, driven as a person would (AT-SPI, real clicks and keys): a
directory imported with `telpanelctl clients import`, found by the smart search as you type,
called with the row's Call button (the call lands in the journal and in the client's card), and
the card with contacts, phones and calls. Without [chat], Write is insensitive and says why."""
import os

from support import timeouts
from support.gui import set_clipboard
from support.poll import wait_for

CSV = (
    "name,organization,contact,phone,label,email,note\n"
    "\"Ромашка, ООО\",Ромашка,,+7 495 123-45-67,work,office@romashka.example,\n"
    "\"Ромашка, ООО\",Ромашка,Иванова Анна,8 916 000 11 22,,,\n"
    "Ромашкин Олег,,,8 912 345-67-89,cell,,\n"
)


def _import(panel, run_dir):
    path = os.path.join(run_dir, "clients.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(CSV)
    report = panel.ctl("clients", "import", path)
    assert report["clients_created"] == 2, report


def _enter(window, ui, name, text):
    """Replaces the entry's text with `text` (Cyrillic goes through the clipboard: XTest typing
    is ASCII only), as a person pasting it would."""
    set_clipboard(window.env, text)
    ui.type_text("text", "", name=name, replace=True)  # focus and select what is there
    ui.keys("<Control>v")


def _open_clients(window, ui, page):
    window.x_focus(window.x_window())
    ui.wait_app()
    ui.click("radio button", name=page)


def test_search_call_and_open_the_card(gui, panel, run_dir):
    window, ui, shot = gui()
    _open_clients(window, ui, "Clients")
    ui.find("label", name="Online", timeout=timeouts.REGISTER)
    _import(panel, run_dir)

    # As you type: "Ромаш" finds both; the name prefix ranks the company and Oleg.
    _enter(window, ui, "Search clients", "Ромаш")
    ui.find("push button", name="Card of Ромашка, ООО")
    ui.find("push button", name="Card of Ромашкин Олег")
    # A number's digits find its owner, as typed in any format.
    ui.type_text("text", "916 000", name="Search clients", replace=True)
    ui.find("push button", name="Call Иванова Анна")
    ui.gone("push button", name="Card of Ромашкин Олег")
    _enter(window, ui, "Search clients", "Ромашка")
    write = ui.find("push button", name="Write to Ромашка, ООО")
    assert not write["sensitive"], write  # no [chat]: Write says why in its tooltip
    shot("search")

    # Call dials the client's number; the call goes into the journal.
    assert panel.journal() == []
    ui.click("push button", name="Call Ромашка, ООО")
    entry = panel.wait_journal_entry(
        lambda e: "74951234567" in e.get("peer", "") and e.get("ended_at"), timeouts.CALL_END,
        "the call to the client's number, ended, in the journal")
    assert entry["direction"] == "outgoing", entry

    # The card: organization, email, phones, the contact person and the call just made.
    ui.click("push button", name="Card of Ромашка, ООО")
    wait_for(lambda: "Ромашка, ООО" in ui.frames(), 10, "the card's window")
    ui.find("label", name="office@romashka.example")
    ui.find("label", name="+7 495 123-45-67 (work)")
    ui.find("label", contains="Иванова Анна · 8 916 000 11 22")
    ui.find("label", contains="74951234567 · outgoing")
    shot("card")
    ui.click("push button", name="Close the card")
    wait_for(lambda: "Ромашка, ООО" not in ui.frames(), 10, "the card closes")


def test_clients_page_in_russian(gui, panel, run_dir):
    window, ui, shot = gui({"LANGUAGE": "ru", "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""})
    _open_clients(window, ui, "Клиенты")
    _import(panel, run_dir)
    _enter(window, ui, "Поиск клиентов", "Ромашка")
    ui.click("push button", name="Карточка Ромашка, ООО")
    ui.find("label", name="Контактные лица")
    ui.find("label", name="Телефоны")
    shot("card-ru")
    ui.click("push button", name="Закрыть карточку")
    ui.find("push button", name="Позвонить Ромашка, ООО")
    shot("search-ru")
