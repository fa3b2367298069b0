"""CHAT-1: Queue / My chats / Observed for two agents with their own panels and tokens."""
from support.chat import chat_panels, chats, cw, wait_group, wait_ready  # noqa: F401
from support.poll import wait_for


def test_three_groups_for_two_agents(cw, chat_panels):
    anna, anna_token = cw.add_agent("Anna", "anna@example.org")
    boris, boris_token = cw.add_agent("Boris", "boris@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp")
    tg = cw.add_inbox("telegram", "Telegram bot")
    ivan = cw.add_contact("Ivan Petrov", "+79123456789")
    olga = cw.add_contact("Olga", "+79001112233")
    queued = cw.add_conversation(wa, ivan, messages=[("incoming", "Hello")])
    annas = cw.add_conversation(tg, olga, assignee=anna, messages=[("incoming", "Hi Anna")])
    boris_observed_by_anna = cw.add_conversation(wa, olga, assignee=boris,
                                                 messages=[("incoming", "Need help")])
    cw.add_participant(boris_observed_by_anna, anna)
    resolved = cw.add_conversation(wa, ivan, assignee=anna, status="resolved")

    p1 = chat_panels("anna", cw, anna_token)
    p2 = chat_panels("boris", cw, boris_token)
    wait_ready(p1)
    wait_ready(p2)

    wait_group(p1, "queue", [queued])
    wait_group(p1, "mine", [annas])
    wait_group(p1, "observed", [boris_observed_by_anna])
    wait_group(p2, "queue", [queued])
    wait_group(p2, "mine", [boris_observed_by_anna])
    wait_group(p2, "observed", [])

    everything = chats(p1)
    assert resolved not in [c["id"] for c in everything], "a resolved chat is in no group"
    mine = next(c for c in everything if c["id"] == annas)
    assert mine["group"] == "mine"
    assert mine["status"] == "open"
    assert mine["assignee"] == "Anna"
    assert mine["contact"]["name"] == "Olga"
    assert mine["contact"]["phone"] == "+79001112233"
    assert mine["inbox"] == "telegram"
    assert isinstance(mine["unread"], int) and mine["unread"] >= 1
    assert mine["last_message"]["text"] == "Hi Anna"
    queue = next(c for c in everything if c["id"] == queued)
    assert queue["assignee"] is None and queue["inbox"] == "whatsapp"

    status = p1.ctl("chat", "status")
    assert status["me"]["name"] == "Anna"
    assert status["counts"] == {"queue": 1, "mine": 1, "observed": 1}

    # A new customer chat shows in both queues and is announced.
    mark = p1.watch.mark()
    fresh = cw.add_conversation(wa, cw.add_contact("New", "+79005550000"),
                                messages=[("incoming", "Anyone?")])
    wait_group(p1, "queue", [queued, fresh])
    wait_group(p2, "queue", [queued, fresh])
    p1.watch.wait(lambda e: e.get("event") == "chat.new" and e["chat"]["id"] == fresh, 10,
                  "chat.new event for the new queued chat", since=mark)

    # Boris takes it on the server: it leaves both queues, lands in Boris's chats only.
    cw.assign(fresh, boris, actor_id=boris)
    wait_group(p1, "queue", [queued])
    wait_group(p2, "mine", [boris_observed_by_anna, fresh])
    wait_for(lambda: fresh not in [c["id"] for c in chats(p1)], 10, "fresh gone from Anna's lists")

    # A customer message in Anna's chat is announced to Anna.
    mark = p1.watch.mark()
    cw.incoming_message(annas, "Are you there?")
    ev = p1.watch.wait(lambda e: e.get("event") == "chat.message" and e["chat"]["id"] == annas,
                       10, "chat.message for Anna's chat", since=mark)
    assert ev["message"]["text"] == "Are you there?"


def test_token_in_a_config_readable_by_others_is_refused(cw, chat_panels):
    _, token = cw.add_agent("Anna", "anna@example.org")
    p = chat_panels("anna", cw, token, start=False, mode=0o644)
    p.start(wait_ready=False)
    assert p.wait_exit(10) == 2
    assert "chmod 600" in p.log()
    assert cw.requests == [], "nothing was sent with a token from an unsafe file"


def test_wrong_token_is_reported(cw, chat_panels):
    cw.add_agent("Anna", "anna@example.org")
    p = chat_panels("anna", cw, "not-a-token")
    wait_for(lambda: "refused the token" in (p.ctl("chat", "status")["last_error"] or ""), 10,
             "a clear 401 message")
    assert p.ctl("chat", "status")["ready"] is False


def test_chats_link_to_the_directory_client_with_the_contacts_number(cw, chat_panels):
    """DIR-6: a chat shows the client whose number is the contact's, in any formatting."""
    anna, token = cw.add_agent("Anna", "anna@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp")
    chat = cw.add_conversation(wa, cw.add_contact("Ivan Petrov", "+79123456789"),
                               messages=[("incoming", "Hello")])
    other = cw.add_conversation(wa, cw.add_contact("Stranger", "+79005550000"),
                                messages=[("incoming", "Hi")])
    p = chat_panels("anna", cw, token)
    wait_ready(p)
    wait_group(p, "queue", [chat, other])
    assert all(c["client"] is None for c in chats(p)), chats(p)

    created = p.ctl("clients", "create", "Petrov LLC", "--phone", "8 (912) 345-67-89")
    client_id = created["id"] if isinstance(created, dict) else int(created)
    by_id = {c["id"]: c for c in chats(p)}
    assert by_id[chat]["client"] == {"id": client_id, "name": "Petrov LLC"}, by_id[chat]
    assert by_id[other]["client"] is None, by_id[other]
    shown = p.ctl("chat", "show", str(chat))
    assert shown["client"] == {"id": client_id, "name": "Petrov LLC"}, shown
