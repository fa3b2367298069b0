"""CHAT-5 attachments both ways (over HTTPS with certificate checks), CHAT-6 templates and
CHAT-7 write first (a Telegram inbox refused up front)."""
import os

import pytest

from support.chat import SYNC, chat_panels, chat_status, wait_group, wait_ready  # noqa: F401
from support.fake_chatwoot import FakeChatwoot
from support.panel import CtlError
from support.poll import wait_for

PHOTO = b"\xff\xd8\xff\xe0" + b"JPEGDATA" * 500


@pytest.fixture
def cw_tls():
    with FakeChatwoot(port=0, tls=True) as server:
        yield server


def test_attachments_both_ways_over_https(cw_tls, chat_panels, run_dir):
    cw = cw_tls
    anna, token = cw.add_agent("Anna", "anna@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp")
    conv = cw.add_conversation(wa, cw.add_contact("Ivan", "+79123456789"), assignee=anna,
                               messages=[("incoming", "Hello")])
    p = chat_panels("anna", cw, token)
    wait_ready(p)
    wait_group(p, "mine", [conv])

    cw.incoming_message(conv, "my passport", attachments=[("photo.jpg", PHOTO, "image/jpeg")])
    show = wait_for(lambda: [m for m in p.ctl("chat", "show", str(conv))["messages"]
                             if m["attachments"]], SYNC, "the incoming photo is listed")
    att = show[-1]["attachments"][0]
    assert att["file_type"] == "image" and att["name"] == "photo.jpg" and att["size"] == len(PHOTO)
    path = p.ctl("chat", "download", str(conv), str(att["id"]))["path"]
    assert path.startswith(p.xdg["XDG_CACHE_HOME"]), path
    with open(path, "rb") as f:
        assert f.read() == PHOTO

    contract = os.path.join(run_dir, "contract.docx")
    with open(contract, "wb") as f:
        f.write(b"PK\x03\x04docx" * 50)
    r = p.ctl("chat", "send", str(conv), "the contract", "--attach", contract)
    assert r["state"] == "sent"
    sent = [m for m in cw.messages(conv) if m["message_type"] == 1]
    assert sent[-1]["content"] == "the contract"
    a = sent[-1]["attachments"][0]
    assert a["file_size"] == len(b"PK\x03\x04docx" * 50)
    assert a["content_type"].endswith("wordprocessingml.document")


def test_untrusted_certificate_is_refused(cw_tls, chat_panels):
    cw = cw_tls
    _, token = cw.add_agent("Anna", "anna@example.org")
    p = chat_panels("anna", cw, token, ca_file=None)
    wait_for(lambda: "certificate" in (chat_status(p)["last_error"] or "").lower(), SYNC,
             "a certificate error is reported")
    assert chat_status(p)["ready"] is False
    assert cw.requests == [], "no request got through without a trusted certificate"


def test_templates_with_variables(cw_tls, chat_panels):
    cw = cw_tls
    _, token = cw.add_agent("Anna", "anna@example.org")
    cw.add_canned_response("hello", "Hello {{contact.name}}, this is {{ agent.name }}!")
    cw.add_canned_response("bye", "Goodbye")
    p = chat_panels("anna", cw, token)
    wait_ready(p)
    t = {x["short_code"]: x for x in p.ctl("chat", "templates")}
    assert t["hello"]["variables"] == ["contact.name", "agent.name"]
    assert t["bye"]["variables"] == [] and t["bye"]["content"] == "Goodbye"


def test_write_first_whatsapp_and_telegram_refused(cw_tls, chat_panels):
    cw = cw_tls
    anna, token = cw.add_agent("Anna", "anna@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp")
    tg = cw.add_inbox("telegram", "Telegram bot")
    known = cw.add_contact("Ivan", "+79123456789")
    p = chat_panels("anna", cw, token)
    wait_ready(p)

    c = p.ctl("chat", "start", "+7 (912) 345-67-89", "--inbox", str(wa),
              "Hello from the office")
    state = cw.conversation(c["id"])
    assert state["contact_id"] == known, "the existing contact was found by phone"
    assert state["assignee_id"] == anna
    assert [m["content"] for m in cw.messages(c["id"])][-1] == "Hello from the office"

    c2 = p.ctl("chat", "start", "+7 900 000-00-01", "--inbox", str(wa), "Hi")
    assert cw.conversation(c2["id"])["contact_id"] != known
    assert c2["contact"]["phone"] == "+79000000001"
    wait_group(p, "mine", sorted([c["id"], c2["id"]]))

    before = len(cw.requests)
    with pytest.raises(CtlError) as e:
        p.ctl("chat", "start", "+79123456789", "--inbox", str(tg), "Hi")
    assert "cannot start a conversation" in e.value.stderr and "telegram" in e.value.stderr
    assert not [r for r in cw.requests[before:] if r[0] == "POST"], "nothing was created"


def test_ai_summary_not_offered_is_said_clearly(cw_tls, chat_panels):
    cw = cw_tls
    anna, token = cw.add_agent("Anna", "anna@example.org")
    wa = cw.add_inbox("whatsapp", "WhatsApp")
    conv = cw.add_conversation(wa, cw.add_contact("Ivan", "+79123456789"), assignee=anna)
    p = chat_panels("anna", cw, token)
    wait_ready(p)
    r = p.ctl_raw("chat", "summary", str(conv))
    assert r.returncode == 1
    assert "offers no AI summary" in r.stderr, r.stderr
    assert any(q[1].endswith("/captain/tasks/summarize") for q in cw.requests)
