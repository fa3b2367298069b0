"""CHAT-2: the first reply to a queued chat takes it; when two panels reply at once exactly one
reply reaches the customer, and the loser keeps the draft and is told who took the chat."""
import threading

from support.chat import SEND, chat_panels, cw, wait_group, wait_ready  # noqa: F401
from support.panel import CtlError
from support.poll import wait_for


def outgoing(cw, conv):
    return [m for m in cw.messages(conv) if m["message_type"] == 1 and not m["private"]]


def test_first_reply_takes_a_queued_chat(cw, chat_panels):
    anna, token = cw.add_agent("Anna", "anna@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp")
    conv = cw.add_conversation(wa, cw.add_contact("Ivan", "+79123456789"),
                               messages=[("incoming", "Hello")])
    p = chat_panels("anna", cw, token)
    wait_ready(p)
    wait_group(p, "queue", [conv])
    r = p.ctl("chat", "send", str(conv), "Good afternoon!")
    assert r["state"] == "sent" and r["message_id"]
    assert cw.conversation(conv)["assignee_id"] == anna
    assert [m["content"] for m in outgoing(cw, conv)] == ["Good afternoon!"]
    wait_group(p, "mine", [conv])
    wait_group(p, "queue", [])


def test_reply_to_a_chat_someone_took_keeps_the_draft(cw, chat_panels):
    anna, token = cw.add_agent("Anna", "anna@example.org")
    boris, _ = cw.add_agent("Boris", "boris@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp")
    conv = cw.add_conversation(wa, cw.add_contact("Ivan", "+79123456789"),
                               messages=[("incoming", "Hello")])
    p = chat_panels("anna", cw, token, poll_interval=60, resync_interval=600)
    wait_ready(p)
    wait_group(p, "queue", [conv])
    cw.assign(conv, boris, actor_id=boris)  # Anna's panel has not seen it yet
    try:
        p.ctl("chat", "send", str(conv), "My answer")
        raise AssertionError("the reply went out although Boris had taken the chat")
    except CtlError as e:
        assert "taken by Boris" in e.stderr, e.stderr
        assert "draft is kept" in e.stderr, e.stderr
    assert outgoing(cw, conv) == []
    assert cw.conversation(conv)["assignee_id"] == boris
    drafts = p.ctl("chat", "show", str(conv))["drafts"]
    assert [(d["text"], d["state"]) for d in drafts] == [("My answer", "held")]
    assert "Boris" in drafts[0]["error"]


def test_two_panels_reply_at_once_one_wins(cw, chat_panels):
    anna, anna_token = cw.add_agent("Anna", "anna@example.org")
    boris, boris_token = cw.add_agent("Boris", "boris@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp")
    conv = cw.add_conversation(wa, cw.add_contact("Ivan", "+79123456789"),
                               messages=[("incoming", "Hello")])
    p1 = chat_panels("anna", cw, anna_token)
    p2 = chat_panels("boris", cw, boris_token)
    for p in (p1, p2):
        wait_ready(p)
        wait_group(p, "queue", [conv])

    results = {}

    def reply(name, panel):
        r = panel.ctl_raw("chat", "send", str(conv), f"Reply from {name}", "--json")
        results[name] = r

    threads = [threading.Thread(target=reply, args=(n, p)) for n, p in (("Anna", p1), ("Boris", p2))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(SEND)
    ok = [n for n, r in results.items() if r.returncode == 0]
    lost = [n for n, r in results.items() if r.returncode != 0]
    assert len(ok) == 1 and len(lost) == 1, {n: (r.returncode, r.stdout, r.stderr) for n, r in results.items()}
    winner, loser = ok[0], lost[0]
    assert f"taken by {winner}" in results[loser].stderr, results[loser].stderr
    sent = outgoing(cw, conv)
    assert [m["content"] for m in sent] == [f"Reply from {winner}"]
    assert cw.conversation(conv)["assignee_id"] == (anna if winner == "Anna" else boris)
    loser_panel = p1 if loser == "Anna" else p2
    wait_for(lambda: [d["state"] for d in loser_panel.ctl("chat", "show", str(conv))["drafts"]]
             == ["held"], SEND, "the loser's draft is kept")
