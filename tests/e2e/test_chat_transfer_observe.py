"""CHAT-3 and CHAT-4: transfer to a colleague (the previous holder loses the chat unless kept as
observer), observers added from the card, and an @mention making a colleague an observer."""
from support.chat import SYNC, chat_panels, cw, wait_group, wait_ready  # noqa: F401
from support.panel import CtlError


def two_agents(cw, chat_panels):
    anna, anna_token = cw.add_agent("Anna", "anna@example.org")
    boris, boris_token = cw.add_agent("Boris", "boris@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp")
    conv = cw.add_conversation(wa, cw.add_contact("Ivan", "+79123456789"), assignee=anna,
                               messages=[("incoming", "Hello")])
    p1 = chat_panels("anna", cw, anna_token)
    p2 = chat_panels("boris", cw, boris_token)
    for p in (p1, p2):
        wait_ready(p)
    wait_group(p1, "mine", [conv])
    return anna, boris, conv, p1, p2


def test_transfer_moves_the_chat_and_drops_access(cw, chat_panels):
    anna, boris, conv, p1, p2 = two_agents(cw, chat_panels)
    p1.ctl("chat", "transfer", str(conv), "Boris")
    state = cw.conversation(conv)
    assert state["assignee_id"] == boris
    assert anna not in state["participants"], state["participants"]
    wait_group(p1, "mine", [])
    wait_group(p1, "observed", [])
    wait_group(p2, "mine", [conv])


def test_transfer_keeping_observer(cw, chat_panels):
    anna, boris, conv, p1, p2 = two_agents(cw, chat_panels)
    p1.ctl("chat", "transfer", str(conv), "boris", "--keep-observing")
    state = cw.conversation(conv)
    assert state["assignee_id"] == boris
    assert anna in state["participants"], state["participants"]
    wait_group(p1, "observed", [conv])
    wait_group(p2, "mine", [conv])
    # An observer may still write; the reply does not take the chat back.
    r = p1.ctl("chat", "send", str(conv), "Boris will help you")
    assert r["state"] == "sent"
    assert cw.conversation(conv)["assignee_id"] == boris


def test_transfer_to_unknown_agent_is_refused(cw, chat_panels):
    anna, boris, conv, p1, p2 = two_agents(cw, chat_panels)
    try:
        p1.ctl("chat", "transfer", str(conv), "Nobody")
        raise AssertionError("transfer to an unknown agent succeeded")
    except CtlError as e:
        assert "no agent 'Nobody'" in e.stderr and "Boris" in e.stderr, e.stderr
    assert cw.conversation(conv)["assignee_id"] == anna


def test_observer_from_the_card(cw, chat_panels):
    anna, boris, conv, p1, p2 = two_agents(cw, chat_panels)
    mark = p2.watch.mark()
    p1.ctl("chat", "observe", str(conv), "Boris")
    assert boris in cw.conversation(conv)["participants"]
    wait_group(p2, "observed", [conv])
    p2.watch.wait(lambda e: e.get("event") in ("chat.observer", "chat.mention")
                  and e["chat"]["id"] == conv, SYNC, "Boris told he observes the chat", since=mark)
    show = p1.ctl("chat", "show", str(conv))
    assert [o["name"] for o in show["observers"]] == ["Boris"]


def test_mention_makes_an_observer(cw, chat_panels):
    anna, boris, conv, p1, p2 = two_agents(cw, chat_panels)
    mark = p2.watch.mark()
    r = p1.ctl("chat", "mention", str(conv), "Boris", "please look at this")
    assert r["state"] == "sent"
    notes = [m for m in cw.messages(conv) if m["private"]]
    assert len(notes) == 1
    assert f"(mention://user/{boris}/Boris)" in notes[0]["content"]
    assert boris in cw.conversation(conv)["participants"]
    wait_group(p2, "observed", [conv])
    ev = p2.watch.wait(lambda e: e.get("event") == "chat.mention" and e["chat"]["id"] == conv,
                       SYNC, "chat.mention event for Boris", since=mark)
    assert "please look at this" in ev["message"]["text"]
    assert cw.conversation(conv)["assignee_id"] == anna
