"""The Chats page of the window against the fake Chatwoot, driven as a person would (AT-SPI,
real clicks and keys): the queue with its count in the switcher, a chat opened from the list,
a reply typed and sent from the window (it reaches the server and takes the chat), a template
inserted, a customer's new message appearing live, a new chat as a desktop notification, and a
reply refused because a colleague took the chat first (the draft stays in the box)."""
import os

from support.chat import SEND, SYNC, chats, cw, write_chat_config  # noqa: F401
from support.poll import wait_for


def _outgoing(cw, conv):
    return [m["content"] for m in cw.messages(conv) if m["message_type"] == 1 and not m["private"]]


def _start(gui, panel, cw, token, env=None, **keys):
    write_chat_config(panel, cw, token, **keys)
    window, ui, shot = gui(extra_env=env, config=False, helpers=("notifyd",))
    window.x_focus(window.x_window())
    ui.wait_app()
    return window, ui, shot


def test_reply_from_the_window_reaches_the_server(gui, panel, cw):
    anna, token = cw.add_agent("Anna", "anna@example.org")
    cw.add_agent("Boris", "boris@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp Sales")
    conv = cw.add_conversation(wa, cw.add_contact("Ivan Petrov", "+79123456789"),
                               messages=[("incoming", "Hello, where is my order?")])
    cw.add_canned_response("thanks", "Thank you for waiting!")
    window, ui, shot = _start(gui, panel, cw, token)

    ui.click("radio button", contains="Chats")
    ui.find("radio button", contains="Queue (1)", timeout=SYNC)
    ui.click("list item", contains="Ivan Petrov")
    ui.find("label", name="Ivan Petrov: Hello, where is my order?", timeout=SYNC)
    ui.find("push button", name="Take")

    ui.type_text("text", "We are checking it now", name="Reply")
    ui.click("push button", name="Send")
    wait_for(lambda: _outgoing(cw, conv) == ["We are checking it now"], SEND,
             "the reply typed in the window is on the server")
    assert cw.conversation(conv)["assignee_id"] == anna  # the first reply took the chat
    ui.find("radio button", contains="My chats (1)", timeout=SYNC)
    ui.find("radio button", contains="Queue (0)")
    ui.find("label", contains=": We are checking it now", timeout=SYNC)
    assert ui.find("text", name="Reply")["text"] == ""

    # The customer answers: the open chat shows it without any click.
    cw.incoming_message(conv, "Thanks, I will wait")
    ui.find("label", name="Ivan Petrov: Thanks, I will wait", timeout=SYNC)

    # A template fills the reply box; Enter sends it.
    ui.click("toggle button", name="Templates")
    ui.click("menu item", name="thanks")
    wait_for(lambda: ui.find("text", name="Reply")["text"] == "Thank you for waiting!", 10,
             "the template is in the reply box")
    shot("chat")
    ui.keys("Return")
    wait_for(lambda: _outgoing(cw, conv)[-1:] == ["Thank you for waiting!"], SEND,
             "the template reply is on the server")

    # A new chat in the queue: a desktop notification, and the queue count follows.
    cw.add_conversation(wa, cw.add_contact("Olga", "+79160001122"),
                        messages=[("incoming", "Do you deliver on Sundays?")])
    notes = wait_for(lambda: [n for n in window.helpers["notifyd"].json_lines()
                              if n["summary"] == "New chat"], SYNC, "a New chat notification")
    assert notes[0]["body"] == "Olga: Do you deliver on Sundays?", notes
    ui.find("radio button", contains="Queue (1)", timeout=SYNC)


def test_reply_to_a_chat_a_colleague_took_keeps_the_draft(gui, panel, cw):
    _, token = cw.add_agent("Anna", "anna@example.org")
    boris, _ = cw.add_agent("Boris", "boris@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp Sales")
    conv = cw.add_conversation(wa, cw.add_contact("Ivan Petrov", "+79123456789"),
                               messages=[("incoming", "Hello")])
    window, ui, shot = _start(gui, panel, cw, token, poll_interval=60, resync_interval=600)
    ui.click("radio button", contains="Chats")
    ui.click("list item", contains="Ivan Petrov", timeout=SYNC)
    ui.find("label", name="Ivan Petrov: Hello", timeout=SYNC)
    cw.assign(conv, boris, actor_id=boris)  # the panel has not seen it yet
    ui.type_text("text", "My answer", name="Reply")
    ui.click("push button", name="Send")
    ui.find("label", name="Taken by Boris, your draft is kept", timeout=SEND)
    assert ui.find("text", name="Reply")["text"] == "My answer"
    ui.find("label", contains="assigned to Boris")
    assert _outgoing(cw, conv) == []
    shot("taken")


def test_chats_page_in_russian(gui, panel, cw):
    _, token = cw.add_agent("Anna", "anna@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp Sales")
    cw.add_conversation(wa, cw.add_contact("Иван Петров", "+79123456789"),
                        messages=[("incoming", "Здравствуйте, где мой заказ?")])
    window, ui, shot = _start(gui, panel, cw, token,
                              env={"LANGUAGE": "ru", "LANG": "C.UTF-8", "LC_ALL": "",
                                   "LC_MESSAGES": ""})
    ui.click("radio button", contains="Чаты")
    ui.find("radio button", contains="Очередь (1)", timeout=SYNC)
    ui.click("list item", contains="Иван Петров")
    ui.find("label", name="Иван Петров: Здравствуйте, где мой заказ?", timeout=SYNC)
    ui.find("push button", name="Отправить")
    ui.find("toggle button", name="Шаблоны")
    shot("chat-ru")


def test_write_to_a_client_starts_a_chat(gui, panel, cw, run_dir):
    anna, token = cw.add_agent("Anna", "anna@example.org")
    cw.add_inbox("whatsapp", "WhatsApp Sales")
    window, ui, shot = _start(gui, panel, cw, token)
    path = os.path.join(run_dir, "clients.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("name,organization,contact,phone,label,email,note\nOlga Smirnova,,,8 916 000 11 22,,,\n")
    assert panel.ctl("clients", "import", path)["clients_created"] == 1

    ui.click("radio button", name="Clients")
    ui.type_text("text", "916000", name="Search clients")
    ui.click("push button", name="Write to Olga Smirnova")
    wait_for(lambda: "New chat" in ui.frames(), 10, "the New chat dialog")
    # XTest can lose the first key typed into a window just mapped (no window manager here):
    # like a person, look at the field and type again if it is not what was meant.
    for _ in range(3):
        ui.type_text("text", "Hello from the office", name="First message", replace=True)
        if ui.find("text", name="First message")["text"] == "Hello from the office":
            break
    assert ui.find("text", name="First message")["text"] == "Hello from the office"
    ui.click("push button", name="Start chat")
    ui.find("label", contains=": Hello from the office", timeout=SEND)
    ui.find("radio button", contains="My chats (1)", timeout=SYNC)
    mine = chats(panel, "mine")
    assert [c["contact"]["phone"] for c in mine] == ["+79160001122"], mine
    assert cw.conversation(mine[0]["id"])["assignee_id"] == anna
    assert [m["content"] for m in cw.messages(mine[0]["id"])][-1] == "Hello from the office"
    wait_for(lambda: "New chat" not in ui.frames(), 10, "the New chat dialog closes")
    shot("started")


def _default_app_for_text(panel, marker):
    """The desktop's default app for text/plain (mimeapps.list in the panel's XDG dirs): a
    .desktop whose command copies the file it is given to `marker`."""
    apps = os.path.join(panel.xdg["XDG_DATA_HOME"], "applications")
    os.makedirs(apps, exist_ok=True)
    with open(os.path.join(apps, "e2e-opener.desktop"), "w") as f:
        f.write("[Desktop Entry]\nType=Application\nName=E2E opener\nMimeType=text/plain;\n"
                f"Exec=/bin/cp %f {marker}\n")
    with open(os.path.join(panel.xdg["XDG_CONFIG_HOME"], "mimeapps.list"), "w") as f:
        f.write("[Default Applications]\ntext/plain=e2e-opener.desktop\n")


def test_an_attachment_opens_with_the_default_app(gui, panel, cw):
    anna, token = cw.add_agent("Anna", "anna@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp Sales")
    conv = cw.add_conversation(wa, cw.add_contact("Ivan Petrov", "+79123456789"), assignee=anna,
                               messages=[("incoming", "Hello")])
    body = b"order 1234: 2 boxes\n"
    cw.incoming_message(conv, "the list", attachments=[("order.txt", body, "text/plain")])
    marker = os.path.join(panel.dir, "opened.txt")
    _default_app_for_text(panel, marker)
    window, ui, shot = _start(gui, panel, cw, token)
    ui.click("radio button", contains="Chats")
    ui.click("radio button", contains="My chats (1)", timeout=SYNC)
    ui.click("list item", contains="Ivan Petrov")
    ui.click("push button", name="order.txt", timeout=SYNC)
    wait_for(lambda: os.path.exists(marker) and open(marker, "rb").read() == body, SEND,
             "the default app got the downloaded file")
    ui.find("label", contains="Opened ")
    shot("attachment")


def test_add_an_observer_then_transfer_from_the_window(gui, panel, cw):
    anna, token = cw.add_agent("Anna", "anna@example.org")
    boris, _ = cw.add_agent("Boris", "boris@example.org")
    vera, _ = cw.add_agent("Vera", "vera@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp Sales")
    conv = cw.add_conversation(wa, cw.add_contact("Ivan Petrov", "+79123456789"), assignee=anna,
                               messages=[("incoming", "Hello")])
    window, ui, shot = _start(gui, panel, cw, token)
    ui.click("radio button", contains="Chats")
    ui.click("radio button", contains="My chats (1)", timeout=SYNC)
    ui.click("list item", contains="Ivan Petrov")
    ui.find("label", name="Ivan Petrov: Hello", timeout=SYNC)

    ui.click("toggle button", name="Add observer")
    ui.click("menu item", name="Vera")
    ui.find("label", name="Vera now observes this chat", timeout=SEND)
    ui.click("toggle button", name="Transfer")
    ui.click("menu item", name="Boris")
    ui.find("label", name="Transferred to Boris", timeout=SEND)
    assert cw.conversation(conv)["assignee_id"] == boris
    ui.find("radio button", contains="My chats (0)", timeout=SYNC)
    assert vera in cw.conversation(conv)["participants"]
