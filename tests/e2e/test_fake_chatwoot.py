"""The fake Chatwoot server answers like Chatwoot v4.15.1 (per docs/reference chat-api-chatwoot.md),
checked with plain urllib so the chat adapter's tests can trust it."""
import http.client
import json
import os
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest

from support.fake_chatwoot import FakeChatwoot
from support.poll import wait_for


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def call(cw, method, path, token=None, body=None, form=None, follow=True, context=None, timeout=5):
    """(status, headers, parsed JSON or raw bytes) of one request to the fake."""
    url = path if path.startswith("http") else cw.url + path
    headers, data = {}, None
    if token is not None:
        headers["api_access_token"] = token
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if form is not None:
        data, ctype = multipart(form)
        headers["Content-Type"] = ctype
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    handlers = [] if follow else [NoRedirect()]
    if context is not None:
        handlers.append(urllib.request.HTTPSHandler(context=context))
    opener = urllib.request.build_opener(*handlers)
    try:
        resp = opener.open(req, timeout=timeout)
        status, hdrs, raw = resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as e:
        status, hdrs, raw = e.code, e.headers, e.read()
    if raw and (hdrs.get("Content-Type") or "").startswith("application/json"):
        try:
            return status, hdrs, json.loads(raw)
        except ValueError:
            pass  # set_malformed: the caller gets the raw bytes
    return status, hdrs, raw


def multipart(fields):
    boundary = uuid.uuid4().hex
    out = []
    for name, value in fields:
        out.append(f"--{boundary}\r\n".encode())
        if isinstance(value, tuple):
            filename, data, ctype = value
            out.append(f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                       f"Content-Type: {ctype}\r\n\r\n".encode() + data + b"\r\n")
        else:
            out.append(f'Content-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def cw():
    with FakeChatwoot() as server:
        server.anna, server.anna_token = server.add_agent("Anna", "anna@example.org")
        server.boris, server.boris_token = server.add_agent("Boris", "boris@example.org")
        server.wa = server.add_inbox("whatsapp", "WhatsApp Sales")
        server.tg = server.add_inbox("telegram", "Telegram Support")
        server.ivan = server.add_contact("Ivan Petrov", "+79123456789")
        yield server


def api(cw, suffix):
    return f"/api/v1/accounts/{cw.account_id}{suffix}"


def test_auth_errors_have_chatwoots_bodies(cw):
    st, _, body = call(cw, "GET", api(cw, "/conversations"))
    assert (st, body) == (401, {"errors": ["You need to sign in or sign up before continuing."]})
    st, _, body = call(cw, "GET", api(cw, "/conversations"), token="wrong")
    assert (st, body) == (401, {"error": "Invalid Access Token"})
    st, _, body = call(cw, "GET", f"/api/v1/accounts/{cw.account_id + 1}/conversations", token=cw.anna_token)
    assert (st, body) == (401, {"error": "You are not authorized to access this account"})
    st, _, body = call(cw, "GET", "/api/v1/profile", token=cw.anna_token)
    assert st == 200 and body["id"] == cw.anna and body["access_token"] == cw.anna_token
    assert body["accounts"][0]["id"] == cw.account_id
    assert [r[3] for r in cw.requests] == [None, None, cw.anna, cw.anna]
    assert [r[4] for r in cw.requests] == [401, 401, 401, 200]
    st, _, body = call(cw, "POST", "/auth/sign_in", body={"email": "anna@example.org", "password": "nope"})
    assert (st, body) == (401, {"success": False, "errors": ["Invalid login credentials. Please try again."]})
    st, _, body = call(cw, "POST", "/auth/sign_in", body={"email": "anna@example.org", "password": "Password1!"})
    assert st == 200 and body["data"]["access_token"] == cw.anna_token


def test_pages_of_25_and_counts_before_the_assignee_filter(cw):
    for _ in range(30):
        cw.add_conversation(cw.wa, cw.ivan, messages=[("incoming", "hi")])
    for _ in range(4):
        cw.add_conversation(cw.wa, cw.ivan, assignee=cw.anna)
    for _ in range(2):
        cw.add_conversation(cw.tg, cw.ivan, assignee=cw.boris)
    cw.add_conversation(cw.wa, cw.ivan, assignee=cw.anna, status="resolved")
    expected_anna = {"mine_count": 4, "assigned_count": 6, "unassigned_count": 30, "all_count": 36}
    pages = []
    for page in (1, 2):
        st, _, body = call(cw, "GET", api(cw, f"/conversations?assignee_type=unassigned&page={page}"),
                           token=cw.anna_token)
        assert st == 200 and body["data"]["meta"] == expected_anna
        pages.append(body["data"]["payload"])
    assert [len(p) for p in pages] == [25, 5]
    ids = [c["id"] for p in pages for c in p]
    assert len(set(ids)) == 30 and all(c["meta"].get("assignee") is None for p in pages for c in p)
    st, _, body = call(cw, "GET", api(cw, "/conversations?assignee_type=me"), token=cw.boris_token)
    assert body["data"]["meta"]["mine_count"] == 2
    assert {c["meta"]["assignee"]["id"] for c in body["data"]["payload"]} == {cw.boris}
    st, _, body = call(cw, "GET", api(cw, "/conversations?assignee_type=me"), token=cw.anna_token)
    assert len(body["data"]["payload"]) == 4 and all(c["status"] == "open" for c in body["data"]["payload"])
    st, _, body = call(cw, "GET", api(cw, "/conversations?assignee_type=assigned"), token=cw.anna_token)
    assert {c["meta"]["assignee"]["id"] for c in body["data"]["payload"]} == {cw.anna, cw.boris}
    # "mine" is not a value Chatwoot knows: it means all, like no assignee_type at all.
    st, _, body = call(cw, "GET", api(cw, "/conversations?assignee_type=mine"), token=cw.anna_token)
    assert len(body["data"]["payload"]) == 25 and body["data"]["meta"] == expected_anna
    st, _, body = call(cw, "GET", api(cw, "/conversations?status=all&assignee_type=me"), token=cw.anna_token)
    assert len(body["data"]["payload"]) == 5
    st, _, body = call(cw, "GET", api(cw, "/conversations/meta?status=resolved"), token=cw.anna_token)
    assert body == {"meta": {"mine_count": 1, "assigned_count": 1, "unassigned_count": 0, "all_count": 1}}


def test_updated_within_sees_changes_without_pagination(cw):
    old = [cw.add_conversation(cw.wa, cw.ivan, messages=[("incoming", "hi")]) for _ in range(30)]
    cw.age(120)
    cw.incoming_message(old[3], "news")
    st, _, body = call(cw, "GET", api(cw, "/conversations?status=all&updated_within=1"), token=cw.anna_token)
    assert [c["id"] for c in body["data"]["payload"]] == [old[3]]
    before = cw.conversation(old[7])["updated_at"]
    call(cw, "POST", api(cw, f"/conversations/{old[7]}/toggle_status"), cw.boris_token, {"status": "resolved"})
    assert cw.conversation(old[7])["updated_at"] > before
    st, _, body = call(cw, "GET", api(cw, "/conversations?status=all&updated_within=1"), token=cw.anna_token)
    assert sorted(c["id"] for c in body["data"]["payload"]) == sorted([old[3], old[7]])
    st, _, body = call(cw, "GET", api(cw, "/conversations?status=all&updated_within=600"), token=cw.anna_token)
    assert len(body["data"]["payload"]) == 30  # no page size with updated_within
    assert cw.conversation(old[0])["can_reply"] is True
    cw.age(25 * 3600)  # WhatsApp's 24 h window since the customer's last message is over
    assert cw.conversation(old[0])["can_reply"] is False


def test_assignment_and_participants(cw):
    conv = cw.add_conversation(cw.wa, cw.ivan, messages=[("incoming", "Hello")])
    before = cw.conversation(conv)["updated_at"]
    st, _, body = call(cw, "POST", api(cw, f"/conversations/{conv}/assignments"), cw.anna_token,
                       {"assignee_id": cw.anna})
    assert st == 200 and body["id"] == cw.anna and body["name"] == "Anna"
    state = cw.conversation(conv)
    assert state["meta"]["assignee"]["id"] == cw.anna and state["participants"] == [cw.anna]
    assert state["updated_at"] > before
    # Transfer: the old assignee stays a participant until removed.
    call(cw, "POST", api(cw, f"/conversations/{conv}/assignments"), cw.anna_token, {"assignee_id": cw.boris})
    assert cw.conversation(conv)["participants"] == [cw.anna, cw.boris]
    after_assign = cw.conversation(conv)["updated_at"]
    st, _, body = call(cw, "DELETE", api(cw, f"/conversations/{conv}/participants"), cw.boris_token,
                       {"user_ids": [cw.anna]})
    assert st == 200 and body == b""
    st, _, body = call(cw, "GET", api(cw, f"/conversations/{conv}/participants"), cw.boris_token)
    assert [a["id"] for a in body] == [cw.boris]
    # POST answers the newly added ones; a user outside the inbox is rendered but not saved.
    outsider, _ = cw.add_agent("Olga", "olga@example.org")
    other_inbox = cw.add_inbox("api", "Other", members=[cw.anna, cw.boris])
    conv2 = cw.add_conversation(other_inbox, cw.ivan)
    st, _, body = call(cw, "POST", api(cw, f"/conversations/{conv2}/participants"), cw.anna_token,
                       {"user_ids": [cw.anna, outsider]})
    assert sorted(a["id"] for a in body) == sorted([cw.anna, outsider])
    assert cw.conversation(conv2)["participants"] == [cw.anna]
    st, _, body = call(cw, "PATCH", api(cw, f"/conversations/{conv}/participants"), cw.anna_token,
                       {"user_ids": [cw.anna]})
    assert [a["id"] for a in body] == [cw.anna] and cw.conversation(conv)["participants"] == [cw.anna]
    assert cw.conversation(conv)["updated_at"] == after_assign  # participants do not bump it
    st, _, body = call(cw, "POST", api(cw, f"/conversations/{conv}/assignments"), cw.anna_token,
                       {"assignee_id": None})
    assert (st, body) == (200, None) and "assignee" not in cw.conversation(conv)["meta"]
    st, _, body = call(cw, "GET", api(cw, "/notifications/unread_count"), cw.boris_token)
    assert body == 1  # the assignment by Anna


def test_mention_in_private_note_adds_participant(cw):
    conv = cw.add_conversation(cw.wa, cw.ivan, assignee=cw.anna)
    mention = f"[@Boris](mention://user/{cw.boris}/Boris)"
    call(cw, "POST", api(cw, f"/conversations/{conv}/messages"), cw.anna_token,
         {"content": f"{mention} please look", "private": False})
    assert cw.conversation(conv)["participants"] == [cw.anna]  # public replies are not parsed
    st, _, msg = call(cw, "POST", api(cw, f"/conversations/{conv}/messages"), cw.anna_token,
                      {"content": f"{mention} please look", "private": True})
    assert st == 200 and msg["private"] is True and msg["message_type"] == 1
    assert msg["sender"]["id"] == cw.anna and msg["sender"]["type"] == "user"
    assert cw.conversation(conv)["participants"] == [cw.anna, cw.boris]
    for kind in ("participating", "mention"):
        st, _, body = call(cw, "GET", api(cw, f"/conversations?conversation_type={kind}"), cw.boris_token)
        assert [c["id"] for c in body["data"]["payload"]] == [conv]
    assert [n["notification_type"] for n in cw.notifications(cw.boris)] == ["conversation_mention"]


def test_attachment_upload_and_download_via_redirect(cw):
    conv = cw.add_conversation(cw.wa, cw.ivan, assignee=cw.anna)
    photo = os.urandom(3000)
    st, _, msg = call(cw, "POST", api(cw, f"/conversations/{conv}/messages"), cw.anna_token,
                      form=[("content", "Your invoice"), ("private", "false"), ("echo_id", "e1"),
                            ("attachments[]", ("invoice.pdf", b"%PDF-1.4 test", "application/pdf")),
                            ("attachments[]", ("photo.jpg", photo, "image/jpeg"))])
    assert st == 200 and msg["content"] == "Your invoice" and msg["echo_id"] == "e1"
    assert [(a["file_type"], a["extension"], a["file_size"]) for a in msg["attachments"]] == \
        [("file", "pdf", 13), ("image", "jpg", 3000)]
    url = msg["attachments"][1]["data_url"]
    st, hdrs, _ = call(cw, "GET", url, follow=False)
    assert st == 302 and "/rails/active_storage/disk/" in hdrs["Location"]
    st, hdrs, data = call(cw, "GET", url)
    assert st == 200 and data == photo and hdrs["Content-Type"] == "image/jpeg"
    cw.incoming_message(conv, "scan", attachments=[("scan.png", b"\x89PNG", "image/png")])
    st, _, body = call(cw, "GET", api(cw, f"/conversations/{conv}/messages"), cw.anna_token)
    last = body["payload"][-1]
    assert last["message_type"] == 0 and last["attachments"][0]["file_type"] == "image"
    assert call(cw, "GET", last["attachments"][0]["data_url"])[2] == b"\x89PNG"


def test_messages_cursor_pagination(cw):
    conv = cw.add_conversation(cw.wa, cw.ivan, messages=[("incoming", f"m{i}") for i in range(130)])
    ids = [m["id"] for m in cw.messages(conv)]
    st, _, body = call(cw, "GET", api(cw, f"/conversations/{conv}/messages"), cw.anna_token)
    assert [m["id"] for m in body["payload"]] == ids[-20:]
    assert body["meta"]["contact"]["id"] == cw.ivan
    st, _, body = call(cw, "GET", api(cw, f"/conversations/{conv}/messages?before={ids[-20]}"), cw.anna_token)
    assert [m["id"] for m in body["payload"]] == ids[-40:-20]
    st, _, body = call(cw, "GET", api(cw, f"/conversations/{conv}/messages?after={ids[0]}"), cw.anna_token)
    assert [m["id"] for m in body["payload"]] == ids[1:101]


def test_error_bodies_404_422_and_telegram_write_first(cw):
    st, _, body = call(cw, "GET", api(cw, "/conversations/999"), cw.anna_token)
    assert (st, body) == (404, {"error": "Resource could not be found"})
    conv = cw.add_conversation(cw.wa, cw.ivan)
    st, _, body = call(cw, "POST", api(cw, f"/conversations/{conv}/messages"), cw.anna_token,
                       {"content": "x", "message_type": "incoming"})
    assert (st, body) == (422, {"error": "Incoming messages are only allowed in Api inboxes"})
    st, _, body = call(cw, "POST", api(cw, "/contacts"), cw.anna_token, {"name": "Bad", "phone_number": "89123"})
    assert (st, body) == (422, {"message": "Phone number should be in e164 format", "attributes": ["phone_number"]})
    st, _, body = call(cw, "POST", api(cw, "/contacts"), cw.anna_token,
                       {"name": "Petr", "phone_number": "+79001112233"})
    assert st == 200 and body["payload"]["contact_inbox"] == {"inbox": None, "source_id": None}
    petr = body["payload"]["contact"]["id"]
    st, _, body = call(cw, "POST", api(cw, "/conversations"), cw.anna_token,
                       {"inbox_id": cw.tg, "contact_id": petr, "message": {"content": "Hi"}})
    assert (st, body) == (500, {"status": 500, "error": "Internal Server Error"})
    st, _, body = call(cw, "POST", api(cw, "/conversations"), cw.anna_token,
                       {"inbox_id": cw.wa, "contact_id": petr, "assignee_id": cw.anna,
                        "message": {"content": "Hello {{contact.name}}"}})
    assert st == 200 and body["meta"]["assignee"]["id"] == cw.anna
    assert cw.messages(body["id"])[-1]["content"] == "Hello Petr"
    st, _, body = call(cw, "GET", api(cw, "/contacts/search?q=7900111"), cw.anna_token)
    assert body["payload"][0]["contact_inboxes"][0]["source_id"] == "79001112233"
    st, _, body = call(cw, "GET", api(cw, f"/contacts/{petr}/contactable_inboxes"), cw.anna_token)
    assert [i["inbox"]["channel_type"] for i in body["payload"]] == ["Channel::Whatsapp"]


def test_inboxes_agents_canned_toggle_status(cw):
    st, _, body = call(cw, "GET", api(cw, "/inboxes"), cw.anna_token)
    assert [(i["id"], i["channel_type"]) for i in body["payload"]] == \
        [(cw.wa, "Channel::Whatsapp"), (cw.tg, "Channel::Telegram")]
    st, _, body = call(cw, "GET", api(cw, "/agents"), cw.anna_token)
    assert [a["name"] for a in body] == ["Anna", "Boris"]
    cw.add_canned_response("hello", "Hello {{contact.name}}")
    st, _, body = call(cw, "GET", api(cw, "/canned_responses?search=hel"), cw.anna_token)
    assert [c["short_code"] for c in body] == ["hello"]
    conv = cw.add_conversation(cw.wa, cw.ivan, assignee=cw.boris)
    st, _, body = call(cw, "POST", api(cw, f"/conversations/{conv}/toggle_status"), cw.boris_token)
    assert body["payload"]["current_status"] == "resolved"
    # An agent who reopens a chat takes it, even from someone else (should_assign_conversation?).
    st, _, body = call(cw, "POST", api(cw, f"/conversations/{conv}/toggle_status"), cw.anna_token,
                       {"status": "open"})
    assert body["payload"] == {"success": True, "conversation_id": conv, "current_status": "open",
                               "snoozed_until": None}
    assert cw.conversation(conv)["assignee_id"] == cw.anna


def test_rate_limit_429_with_retry_after(cw):
    cw.set_rate_limit(5)
    statuses = [call(cw, "GET", api(cw, "/agents"), cw.anna_token)[0] for _ in range(5)]
    st, hdrs, body = call(cw, "GET", api(cw, "/agents"), cw.anna_token)
    if statuses != [200] * 5:  # the minute turned over mid-burst: the budget restarted
        statuses = [call(cw, "GET", api(cw, "/agents"), cw.anna_token)[0] for _ in range(5)]
        st, hdrs, body = call(cw, "GET", api(cw, "/agents"), cw.anna_token)
    assert st == 429 and body == b"Retry later\n" and 1 <= int(hdrs["Retry-After"]) <= 60
    assert call(cw, "GET", api(cw, "/agents"), cw.boris_token)[0] == 200  # per token
    cw.set_rate_limit(0, retry_after=False)
    st, hdrs, _ = call(cw, "GET", api(cw, "/agents"), cw.boris_token)
    assert st == 429 and hdrs["Retry-After"] is None


def test_faults_fail_drop_malformed_delay(cw):
    conv = cw.add_conversation(cw.wa, cw.ivan, assignee=cw.anna)
    cw.fail_next(1, status=503)
    st, _, body = call(cw, "GET", api(cw, "/agents"), cw.anna_token)
    assert (st, body) == (503, {"status": 503, "error": "Service Unavailable"})
    cw.drop_replies(1)
    with pytest.raises((http.client.RemoteDisconnected, urllib.error.URLError, ConnectionError)):
        call(cw, "POST", api(cw, f"/conversations/{conv}/messages"), cw.anna_token, {"content": "lost reply"})
    assert cw.messages(conv)[-1]["content"] == "lost reply"  # performed, only the answer was lost
    assert cw.requests[-1][4] == 0
    cw.set_malformed(1)
    st, _, raw = call(cw, "GET", api(cw, "/agents"), cw.anna_token)
    assert st == 200 and isinstance(raw, bytes)
    with pytest.raises(ValueError):
        json.loads(raw)
    cw.set_delay(0.3)
    t0 = time.monotonic()
    assert call(cw, "GET", api(cw, "/agents"), cw.anna_token)[0] == 200
    assert time.monotonic() - t0 >= 0.3


def test_set_down_refuses_then_recovers(cw):
    cw.set_down(True)
    with pytest.raises(urllib.error.URLError) as e:
        call(cw, "GET", api(cw, "/agents"), cw.anna_token, timeout=2)
    assert isinstance(e.value.reason, ConnectionRefusedError)
    cw.set_down(False)
    assert wait_for(lambda: call(cw, "GET", api(cw, "/agents"), cw.anna_token)[0] == 200, 5,
                    "the fake to accept connections again")


def test_tls_verifies_with_ca_file_only():
    with FakeChatwoot(tls=True) as cw:
        _, token = cw.add_agent("Anna", "anna@example.org")
        assert cw.url.startswith("https://") and os.path.exists(cw.ca_file)
        ctx = ssl.create_default_context(cafile=cw.ca_file)
        assert call(cw, "GET", "/api/v1/profile", token, context=ctx)[0] == 200
        with pytest.raises(urllib.error.URLError) as e:
            call(cw, "GET", "/api/v1/profile", token, context=ssl.create_default_context())
        assert isinstance(e.value.reason, ssl.SSLCertVerificationError)


def test_cli_prints_ready_line_and_stops_on_sigterm():
    script = os.path.join(os.path.dirname(__file__), "support", "fake_chatwoot.py")
    proc = subprocess.Popen([sys.executable, script, "--port", "0", "--seed", "demo"],
                            stdout=subprocess.PIPE, text=True)
    try:
        ready = json.loads(proc.stdout.readline())
        assert ready["account_id"] == 1 and len(ready["agents"]) == 3
        assert {i["channel_type"] for i in ready["inboxes"]} >= {"Channel::Whatsapp", "Channel::Telegram"}
        token = ready["agents"][0]["token"]

        class Server:
            url = ready["url"]
        st, _, body = call(Server, "GET", "/api/v1/accounts/1/conversations?assignee_type=unassigned", token)
        assert st == 200 and body["data"]["meta"]["unassigned_count"] >= 2
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
