"""Seed data for the fake Chatwoot server's CLI: a small believable office (demo) and a large
deterministic account (bench)."""
import random

DEMO_AGENTS = [("Anna Smirnova", "anna@example.org", "agent"),
               ("Boris Volkov", "boris@example.org", "agent"),
               ("Vera Admin", "vera@example.org", "administrator")]
DEMO_CONTACTS = [("Ivan Petrov", "+79123456789"), ("Maria Ivanova", "+79035550101"),
                 ("Oleg Sidorov", "+79265550202"), ("Elena Kuznetsova", "+79165550303"),
                 ("Dmitry Orlov", "+79995550404"), ("Svetlana Popova", "+79055550505"),
                 ("Pavel Lebedev", None), ("Olga Morozova", None)]


def seed_demo(cw):
    agents = [cw.add_agent(n, e, r, token=f"demo-token-{n.split()[0].lower()}")[0]
              for n, e, r in DEMO_AGENTS]
    wa = cw.add_inbox("whatsapp", "WhatsApp Sales")
    tg = cw.add_inbox("telegram", "Telegram Support")
    api = cw.add_inbox("api", "Website Bridge")
    contacts = [cw.add_contact(n, p) for n, p in DEMO_CONTACTS]
    anna, boris = agents[0], agents[1]
    cw.add_conversation(wa, contacts[0], None, "open",
                        [("incoming", "Hello! Is the blue sofa still available?")])
    cw.add_conversation(wa, contacts[1], None, "open",
                        [("incoming", "Good afternoon"), ("incoming", "I'd like to change my delivery date")])
    cw.add_conversation(tg, contacts[6], None, "open", [("incoming", "My order #1042 has not arrived")])
    cw.add_conversation(wa, contacts[2], anna, "open",
                        [("incoming", "Can you send me the invoice?"),
                         ("outgoing", "Of course, one moment please."), ("incoming", "Thanks!")])
    cw.add_conversation(tg, contacts[7], anna, "open",
                        [("incoming", "Do you deliver on Sundays?"), ("outgoing", "Yes, until 18:00.")])
    watched = cw.add_conversation(wa, contacts[3], boris, "open",
                                  [("incoming", "The courier did not call me"),
                                   ("outgoing", "Sorry about that, checking now.")])
    cw.model.conversations[watched]["participants"].add(anna)
    cw.add_conversation(api, contacts[4], boris, "resolved",
                        [("incoming", "Where can I find the warranty?"), ("outgoing", "On page 3.")])
    cw.add_conversation(wa, contacts[5], None, "pending", [("incoming", "Hi")])
    cw.add_canned_response("hello", "Hello {{contact.name}}, how can I help you?")
    cw.add_canned_response("thanks", "Thank you for contacting us, {{contact.first_name}}!")
    cw.add_canned_response("hours", "We work every day from 9:00 to 21:00.")
    # So a newcomer sees the Summary button work (a real server needs Captain with an AI key).
    cw.set_summary("Demo summary: the customer's question and what has been answered so far")


def seed_bench(cw, conversations, messages, agent_count=5):
    """`conversations` conversations over 3 inboxes and `messages` messages spread over them;
    a third unassigned, the rest spread over the agents; deterministic (seeded RNG)."""
    rng = random.Random(6)
    agents = [cw.add_agent(f"Agent {i + 1}", f"agent{i + 1}@example.org", "agent",
                           token=f"bench-token-{i + 1}")[0] for i in range(agent_count)]
    inboxes = [cw.add_inbox("whatsapp", "WhatsApp"), cw.add_inbox("telegram", "Telegram"),
               cw.add_inbox("api", "API")]
    statuses = ["open"] * 6 + ["resolved"] * 3 + ["pending"]
    ids = []
    for n in range(conversations):
        contact = cw.add_contact(f"Customer {n + 1}", "+7900%07d" % n)
        assignee = None if n % 3 == 0 else agents[n % len(agents)]
        ids.append(cw.add_conversation(inboxes[n % 3], contact, assignee, rng.choice(statuses)))
    model = cw.model
    with model.lock:
        for k in range(messages):
            display_id = ids[rng.randrange(len(ids))] if ids else None
            if display_id is None:
                break
            conv = model.conversations[display_id]
            if k % 2 == 0 or not conv["assignee_id"]:
                model._new_message(conv, 0, f"Customer message {k}", ("contact", conv["contact_id"]))
            else:
                model._new_message(conv, 1, f"Agent reply {k}", ("user", conv["assignee_id"]))
        _backdate(model, rng)


def _backdate(model, rng):
    """Spread the seeded history over the past week, so an updated_within poll sees only what
    changes after start-up (as on a real server), not the whole account."""
    import time
    now = time.time()
    for conv in model.conversations.values():
        t = now - rng.uniform(3600, 7 * 86400)
        conv["created_at"] = conv["updated_at"] = conv["last_activity_at"] = t
        for msg in model.messages[conv["display_id"]]:
            t = min(t + rng.uniform(5, 600), now - 60)
            msg["created_at"] = msg["updated_at"] = t
            conv["updated_at"] = conv["last_activity_at"] = t
        conv["waiting_since"] = conv["waiting_since"] and conv["created_at"]
        conv["first_reply_created_at"] = conv["first_reply_created_at"] and conv["last_activity_at"]
