"""The Chats page's reply box and chat head against the fake Chatwoot, driven as a person would
(AT-SPI, real clicks and keys): files attached through the desktop's file chooser reach the
server byte for byte, a file the server would refuse is named with its reason and nothing typed
or chosen is lost; "@" offers the colleagues and a mention goes out as a private note that adds
them to the chat; the AI summary is asked for only when the person presses the button, which
goes away once the server says it offers none; the Chats tab and the tray count the chats with
unread messages."""
import os
import subprocess

from support.chat import SEND, SYNC, cw, write_chat_config  # noqa: F401
from support.gui import sni
from support.poll import wait_for


def _start(gui, panel, cw, token, env=None, helpers=("notifyd",), **keys):
    write_chat_config(panel, cw, token, **keys)
    window, ui, shot = gui(extra_env=env, config=False, helpers=helpers)
    window.x_focus(window.x_window())
    ui.wait_app()
    return window, ui, shot


def _open(ui, group, contact, first_message):
    ui.click("radio button", contains="Chats")
    ui.click("radio button", contains=group, timeout=SYNC)
    ui.click("list item", contains=contact, timeout=SYNC)
    ui.find("label", name=f"{contact}: {first_message}", timeout=SYNC)


def _x_window_named(window, title):
    def find():
        r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
                           env=window.env, capture_output=True, text=True, timeout=5)
        ids = r.stdout.split()
        return ids[-1] if ids else None
    return wait_for(find, 10, f"the window {title!r} is mapped")


def _attach(window, ui, path):
    """The attach button, then the file chooser's location entry (Ctrl+L), where a person types
    a path, and Enter. Without a window manager nothing gives the new dialog the keyboard, so
    the test does what one would."""
    main = window.x_window()
    ui.click("push button", name="Attach files")
    window.x_focus(_x_window_named(window, "Attach files"))
    # A person looks at the files first: the keyboard goes where the click was.
    ui.click("table", name="Files")
    ui.keys("<Control>l")
    # The dialog may reach above the screen (no window manager places it): type into the
    # focused entry without clicking it. XTest can lose a key in a window just mapped: retype.
    for _ in range(3):
        ui.keys("<Control>a")
        subprocess.run(["xdotool", "type", "--delay", "30", path], env=window.env, timeout=30,
                       check=True)
        if ui.find("text", name=LOCATION)["text"] == path:
            break
    assert ui.find("text", name=LOCATION)["text"] == path
    ui.keys("Return")
    wait_for(lambda: "Attach files" not in ui.frames(), 10, "the file chooser closes")
    window.x_focus(main)


LOCATION = ""  # the chooser's location entry has no accessible name; the only one showing


def _type_on(window, text):
    """Keys to whatever has the keyboard now, as a person typing on does (dogtail's typeText
    would first focus the field, which selects its text)."""
    subprocess.run(["xdotool", "type", "--delay", "30", text], env=window.env, timeout=30,
                   check=True)


def _blob(cw, attachment_id):
    with cw.model.lock:
        att = cw.model.attachments[attachment_id]
        return cw.model.blobs[att["blob"]]["data"]


def _chat_with(cw, assignee=None, messages=(("incoming", "Hello"),)):
    wa = cw.add_inbox("whatsapp", "WhatsApp Sales")
    return cw.add_conversation(wa, cw.add_contact("Ivan Petrov", "+79123456789"),
                               assignee=assignee, messages=list(messages))


def test_attach_files_from_the_window(gui, panel, cw, run_dir):
    anna, token = cw.add_agent("Anna", "anna@example.org")
    conv = _chat_with(cw, assignee=anna)
    contract = os.path.join(run_dir, "contract.pdf")
    body = b"%PDF-1.4 contract\n" * 300
    with open(contract, "wb") as f:
        f.write(body)
    notes = os.path.join(run_dir, "notes.txt")
    with open(notes, "w") as f:
        f.write("notes\n")
    big = os.path.join(run_dir, "scan.jpg")  # over the 5 MiB limit for images
    with open(big, "wb") as f:
        f.write(b"\xff\xd8\xff" + b"\0" * (6 * 1024 * 1024))
    window, ui, shot = _start(gui, panel, cw, token)
    _open(ui, "My chats (1)", "Ivan Petrov", "Hello")

    ui.type_text("text", "The signed contract", name="Reply")
    _attach(window, ui, contract)
    ui.find("push button", name="Remove contract.pdf")
    # Too big: refused with the reason; the text and the other file stay.
    _attach(window, ui, big)
    ui.find("label", contains="Not attached: cannot attach " + big + ": ")
    ui.find("label", contains="over the 5 MiB limit for images")
    ui.gone("push button", name="Remove scan.jpg")
    ui.find("push button", name="Remove contract.pdf")
    assert ui.find("text", name="Reply")["text"] == "The signed contract"
    # A file chosen and taken back again.
    _attach(window, ui, notes)
    ui.click("push button", name="Remove notes.txt")
    ui.gone("push button", name="Remove notes.txt")
    shot("attached")

    # The file vanishes before Send: refused by name, nothing sent, the draft kept.
    os.rename(contract, contract + ".away")
    ui.click("push button", name="Send")
    ui.find("label", contains="cannot attach " + contract + ": no such file", timeout=SEND)
    assert ui.find("text", name="Reply")["text"] == "The signed contract"
    ui.find("push button", name="Remove contract.pdf")
    assert [m for m in cw.messages(conv) if m["message_type"] == 1] == []

    os.rename(contract + ".away", contract)
    ui.click("push button", name="Send")
    sent = wait_for(lambda: [m for m in cw.messages(conv) if m["message_type"] == 1], SEND,
                    "the reply with the file is on the server")
    assert len(sent) == 1 and sent[0]["content"] == "The signed contract", sent
    assert not sent[0]["private"]
    files = sent[0]["attachments"]
    assert [(a["file_size"], a["content_type"]) for a in files] == [(len(body), "application/pdf")]
    assert _blob(cw, files[0]["id"]) == body
    ui.gone("push button", name="Remove contract.pdf", timeout=SYNC)
    assert ui.find("text", name="Reply")["text"] == ""
    ui.find("push button", name="contract.pdf", timeout=SYNC)  # shown in the chat, openable


def test_mention_a_colleague_sends_a_private_note(gui, panel, cw):
    anna, token = cw.add_agent("Anna", "anna@example.org")
    boris, _ = cw.add_agent("Boris", "boris@example.org")
    vera, _ = cw.add_agent("Vera Orlova", "vera@example.org")
    conv = _chat_with(cw, assignee=anna)
    window, ui, shot = _start(gui, panel, cw, token)
    _open(ui, "My chats (1)", "Ivan Petrov", "Hello")

    ui.type_text("text", "@", name="Reply")
    ui.find("list item", name="Boris")  # every colleague, not me
    ui.find("list item", name="Vera Orlova")
    ui.gone("list item", name="Anna")
    _type_on(window, "or")  # typing on: a word of the name filters
    ui.gone("list item", name="Boris")
    ui.find("list item", name="Vera Orlova")
    shot("mention-offered")
    ui.keys("Return")  # the keyboard picks the one offered
    wait_for(lambda: ui.find("text", name="Reply")["text"] == "@Vera Orlova ", 10,
             "the name is in the reply")
    ui.gone("list item", name="Vera Orlova")
    _type_on(window, "please check the order")
    ui.find("label", contains="Private note: the customer will not see it; Vera Orlova will be")
    shot("mention")
    ui.click("push button", name="Send note")
    notes = wait_for(lambda: [m for m in cw.messages(conv) if m["private"]], SEND,
                     "the note is on the server")
    assert [n["content"] for n in notes] == [
        f"[@Vera Orlova](mention://user/{vera}/Vera%20Orlova) please check the order"]
    assert [m for m in cw.messages(conv) if m["message_type"] == 1 and not m["private"]] == []
    assert vera in cw.conversation(conv)["participants"]
    assert boris not in cw.conversation(conv)["participants"]
    ui.find("label", name="Note sent to colleagues", timeout=SEND)
    # In the chat the note reads as written, marked private.
    ui.find("label", name="Anna: @Vera Orlova please check the order", timeout=SYNC)
    ui.find("label", contains="Anna, private note · ")
    ui.find("push button", name="Send")  # the box is a reply to the customer again


def test_summary_when_the_server_offers_it(gui, panel, cw):
    anna, token = cw.add_agent("Anna", "anna@example.org")
    conv = _chat_with(cw, assignee=anna, messages=[("incoming", "Where is my order?")])
    cw.set_summary("The customer asks where the order is")
    window, ui, shot = _start(gui, panel, cw, token)
    _open(ui, "My chats (1)", "Ivan Petrov", "Where is my order?")
    ui.click("push button", name="Summary", timeout=SEND)
    summary = ui.find("label", name="Summary", timeout=SEND)
    assert summary["text"] == f"The customer asks where the order is (chat {conv})", summary
    shot("summary")
    # The server loses its AI key: said specifically, and the button goes.
    cw.set_summary("OpenAI API key is not configured", status=422)
    ui.click("push button", name="Hide the summary")
    ui.click("push button", name="Summary")
    ui.find("label", contains="No summary: the chat server offers no AI summary for chat "
            f"{conv} (", timeout=SEND)
    ui.gone("push button", name="Summary")


def test_no_summary_button_once_the_server_says_it_has_none(gui, panel, cw):
    anna, token = cw.add_agent("Anna", "anna@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp Sales")
    cw.add_conversation(wa, cw.add_contact("Ivan Petrov", "+79123456789"), assignee=anna,
                        messages=[("incoming", "Hello")])
    cw.add_conversation(wa, cw.add_contact("Olga", "+79160001122"), assignee=anna,
                        messages=[("incoming", "Hi")])
    window, ui, shot = _start(gui, panel, cw, token)
    _open(ui, "My chats (2)", "Ivan Petrov", "Hello")
    # A summary is a paid AI request: never asked for without the person pressing the button.
    summaries = lambda: [r[4] for r in cw.requests if r[1].endswith("/captain/tasks/summarize")]
    assert summaries() == []
    ui.click("push button", name="Summary", timeout=SEND)
    ui.find("label", contains="No summary: the chat server offers no AI summary", timeout=SEND)
    assert summaries() == [404]
    ui.gone("push button", name="Summary")
    # Nor on the next chat of this run.
    ui.click("list item", contains="Olga", timeout=SYNC)
    ui.find("label", name="Olga: Hi", timeout=SYNC)
    ui.gone("push button", name="Summary")
    assert summaries() == [404]


def _tray_title(window, predicate, what):
    def title():
        items = [i for i in sni(window.env) if i["Id"] == "telpanel"]
        return items and predicate(items[0]["Title"]) and items[0]["Title"]
    return wait_for(title, SYNC, what)


def test_unread_badge_on_the_chats_tab_and_the_tray(gui, panel, cw):
    anna, token = cw.add_agent("Anna", "anna@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp Sales")
    cw.add_conversation(wa, cw.add_contact("Ivan Petrov", "+79123456789"),
                        messages=[("incoming", "Hello")])
    cw.add_conversation(wa, cw.add_contact("Olga", "+79160001122"), assignee=anna,
                        messages=[("incoming", "Hi"), ("incoming", "Are you there?")])
    pavel = cw.add_conversation(wa, cw.add_contact("Pavel", "+79160003344"), assignee=anna)
    window, ui, shot = _start(gui, panel, cw, token, helpers=("notifyd", "sni"))
    ui.find("radio button", name="Chats 2", timeout=SYNC)
    _tray_title(window, lambda t: "2 unread chats" in t, "the tray counts 2 unread chats")

    # A customer writes in a chat read so far: one more.
    cw.incoming_message(pavel, "Can I pay by card?")
    ui.find("radio button", name="Chats 3", timeout=SYNC)
    _tray_title(window, lambda t: "3 unread chats" in t, "the tray counts 3 unread chats")
    shot("badge")

    # Reading a chat (it is opened on the page) takes it off.
    _open(ui, "My chats (2)", "Olga", "Are you there?")
    ui.find("radio button", name="Chats 2", timeout=SYNC)
    ui.click("list item", contains="Pavel")
    ui.find("label", name="Pavel: Can I pay by card?", timeout=SYNC)
    ui.find("radio button", name="Chats 1", timeout=SYNC)
    ui.click("radio button", contains="Queue (1)")
    ui.click("list item", contains="Ivan Petrov")
    ui.find("label", name="Ivan Petrov: Hello", timeout=SYNC)
    ui.find("radio button", name="Chats", timeout=SYNC)
    _tray_title(window, lambda t: "unread chat" not in t, "the tray has no unread chats")
    # The server agrees: the chats are read there, not only in the panel.
    assert all(c["unread_count"] == 0 for c in (cw.conversation(i) for i in (1, 2, 3)))


def test_reply_box_in_russian(gui, panel, cw):
    anna, token = cw.add_agent("Anna", "anna@example.org")
    cw.add_agent("Вера Орлова", "vera@example.org")
    _chat_with(cw, assignee=anna, messages=[("incoming", "Здравствуйте, где мой заказ?")])
    cw.set_summary("Клиент спрашивает, где его заказ")
    window, ui, shot = _start(gui, panel, cw, token,
                              env={"LANGUAGE": "ru", "LANG": "C.UTF-8", "LC_ALL": "",
                                   "LC_MESSAGES": ""})
    ui.click("radio button", contains="Чаты")
    ui.click("radio button", contains="Мои чаты (1)", timeout=SYNC)
    ui.click("list item", contains="Ivan Petrov", timeout=SYNC)
    ui.find("label", name="Ivan Petrov: Здравствуйте, где мой заказ?", timeout=SYNC)
    ui.click("push button", name="Сводка", timeout=SEND)
    ui.find("label", name="Сводка", timeout=SEND)
    ui.type_text("text", "@", name="Ответ")
    ui.keys("Return")
    ui.find("push button", name="Отправить заметку")
    ui.find("push button", name="Прикрепить файлы")
    shot("reply-ru")


def test_files_dropped_on_the_chat_are_attached(gui, panel, cw, run_dir):
    anna, token = cw.add_agent("Anna", "anna@example.org")
    conv = _chat_with(cw, assignee=anna)
    photo = os.path.join(run_dir, "photo.png")
    body = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    with open(photo, "wb") as f:
        f.write(body)
    window, ui, shot = _start(gui, panel, cw, token)
    _open(ui, "My chats (1)", "Ivan Petrov", "Hello")
    here = os.path.dirname(os.path.abspath(__file__))
    source = subprocess.Popen(["/usr/bin/python3", os.path.join(here, "support",
                                                                 "file_drag_source.py"), photo],
                              env=window.env, stdout=subprocess.PIPE, text=True)
    try:
        ready = source.stdout.readline().split()
        assert ready[:1] == ["READY"], ready
        sx, sy = int(ready[1]), int(ready[2])
        target = ui.find("list box", name="Messages")
        tx, ty = target["x"] + target["w"] // 2, target["y"] + target["h"] // 2
        # Press, move in steps (GTK starts a drag after a few pixels), release over the chat.
        subprocess.run(["xdotool", "mousemove", str(sx), str(sy), "mousedown", "1",
                        "mousemove", str(sx + 20), str(sy + 20), "sleep", "0.3",
                        "mousemove", str(tx), str(ty), "sleep", "0.3",
                        "mousemove", str(tx + 10), str(ty + 10), "sleep", "0.3", "mouseup", "1"],
                       env=window.env, timeout=30, check=True)
        ui.find("push button", name="Remove photo.png", timeout=SYNC)
    finally:
        source.terminate()
        source.wait(10)
    window.x_focus(window.x_window())
    ui.click("push button", name="Send")
    sent = wait_for(lambda: [m for m in cw.messages(conv) if m["message_type"] == 1], SEND,
                    "the dropped file is on the server")
    assert [_blob(cw, a["id"]) for a in sent[0]["attachments"]] == [body]


def test_a_chat_is_read_only_while_its_window_is_in_front(gui, panel, cw):
    """A message that arrives in the open chat while another program's window has the keyboard
    stays unread (badge, tray, server) until the panel's window is in front again."""
    anna, token = cw.add_agent("Anna", "anna@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp Sales")
    olga = cw.add_conversation(wa, cw.add_contact("Olga", "+79160001122"), assignee=anna,
                               messages=[("incoming", "Hi")])
    window, ui, shot = _start(gui, panel, cw, token, helpers=("notifyd", "sni"))
    main = window.x_window()
    _open(ui, "My chats (1)", "Olga", "Hi")
    ui.find("radio button", name="Chats", timeout=SYNC)  # read: the window is in front

    other = subprocess.Popen(["xmessage", "-title", "other-app", "Another program"],
                             env=window.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        window.x_focus(_x_window_named(window, "other-app"))
        mark = len(cw.requests)
        cw.incoming_message(olga, "Are you there?")
        # Shown in the open chat (so the panel has it), counted, and not marked read, through
        # two more polls of the server after it was shown.
        ui.find("label", name="Olga: Are you there?", timeout=SYNC)
        ui.find("radio button", name="Chats 1", timeout=SYNC)
        shown = len(cw.requests)
        wait_for(lambda: len([r for r in cw.requests[shown:] if r[0] == "GET"]) >= 2, SYNC,
                 "two more polls of the chat server")
        seen = [r for r in cw.requests[mark:] if r[1].endswith("/update_last_seen")]
        assert seen == [], f"marked read while another window was in front: {seen}"
        assert cw.conversation(olga)["unread_count"] == 1
        _tray_title(window, lambda t: "1 unread chat" in t, "the tray counts the chat")
        shot("behind-another-window")
    finally:
        other.terminate()
        other.wait(5)

    window.x_focus(main)
    ui.find("radio button", name="Chats", timeout=SYNC)
    wait_for(lambda: cw.conversation(olga)["unread_count"] == 0, SYNC, "the server has it read")
