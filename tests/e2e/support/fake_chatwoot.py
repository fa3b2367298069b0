"""A fake Chatwoot server (Application API subset of v4.15.1) for tests, the demo and benchmarks.

Chatwoot itself cannot run on this machine, so this is the one mock the e2e tests use. It
follows the project's reference note (chat-api-chatwoot.md): api_access_token auth and its
401 bodies, display ids, the ConversationFinder filters and counts (25 per page,
updated_within without pagination), MessageFinder cursors, multipart attachments served via a
302-redirecting data_url, private-note mentions adding participants, assignments, participants,
toggle_status, canned responses, contacts and write-first (a Telegram inbox answers 500 like the
real server), notifications, and Rack::Attack-style 429s. It also injects faults: errors, lost
replies, a refusing port, delays, malformed JSON.

    with FakeChatwoot() as cw:
        agent_id, token = cw.add_agent("Anna", "anna@example.org")
        ...

CLI (demo environment, benchmarks): prints one JSON line when ready, serves until SIGTERM:
    /usr/bin/python3 tests/e2e/support/fake_chatwoot.py --port N [--tls] [--seed demo|bench
        --conversations 10000 --messages 100000] [--print-tokens] [--rate-limit N]"""
import email.parser
import email.policy
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

if __package__ in (None, ""):  # run as a script: make `support` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from support.fake_chatwoot_model import ApiError, Model  # noqa: E402
from support.fake_chatwoot_routes import dispatch  # noqa: E402

RATE_WINDOW = 60  # seconds, like Rack::Attack's `period: 1.minute` (fixed windows)


class Request:
    def __init__(self, method, path, query, params, files, user):
        self.method, self.path, self.query = method, path, query
        self.params, self.files, self.user = params, files, user


def _flat_query(query):
    return {k: (v[0] if len(v) == 1 else v) for k, v in query.items()}


def _parse_body(ctype, raw):
    """(params, files) of a JSON or multipart/form-data body (fields named a[] become lists)."""
    if not raw:
        return {}, []
    if ctype.startswith("multipart/form-data"):
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + raw)
        params, files = {}, []
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_filename()
            payload = part.get_payload(decode=True) or b""
            if filename is not None:
                if name == "attachments[]":
                    files.append((filename, payload, part.get_content_type()))
            elif name.endswith("[]"):
                params.setdefault(name[:-2], []).append(payload.decode("utf-8", "replace"))
            else:
                params[name] = payload.decode("utf-8", "replace")
        return params, files
    if ctype.startswith("application/x-www-form-urlencoded"):
        return _flat_query(parse_qs(raw.decode("utf-8", "replace"))), []
    try:
        body = json.loads(raw)
    except ValueError:
        # ActionDispatch::Http::Parameters::ParseError -> 400 in production
        raise ApiError(400, {"status": 400, "error": "Bad Request"}) from None
    return (body if isinstance(body, dict) else {}), []


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as behind Chatwoot's Puma/nginx
    server_version = "nginx"
    sys_version = ""

    def log_message(self, fmt, *args):  # quiet; cw.requests is the log
        pass

    def do_GET(self):
        self._serve()

    do_POST = do_PATCH = do_PUT = do_DELETE = do_GET

    def _serve(self):
        fake = self.server.fake
        split = urlsplit(self.path)
        query = parse_qs(split.query, keep_blank_values=True)
        raw = self._read_body()
        token = self.headers.get("api_access_token")
        if token is None:
            token = self.headers.get("api-access-token")
        if split.path.startswith("/rails/active_storage/"):
            return self._blob(split.path)
        status, body, headers, user, fault = fake._handle(self.command, split.path, query, token,
                                                          self.headers.get("Content-Type") or "", raw)
        if fake._delay:
            time.sleep(fake._delay)
        if fault == "drop":
            fake._record(self.command, split.path, query, user, 0)
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        fake._record(self.command, split.path, query, user, status)
        if isinstance(body, bytes):
            data = body
            ctype = headers.pop("Content-Type", "application/json; charset=utf-8") if data else None
        else:
            data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
            ctype = headers.pop("Content-Type", "application/json; charset=utf-8")
        if fault == "malformed":
            data = data[: max(1, len(data) // 2)] + b"<html>"
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _blob(self, path):
        """ActiveStorage: blobs/redirect/<key>/<name> -> 302 -> disk/<key>/<name> (the bytes)."""
        fake = self.server.fake
        parts = path.split("/")[3:]  # ["blobs", "redirect", key, name] or ["disk", key, name]
        redirect = parts[:2] == ["blobs", "redirect"] and len(parts) == 4
        key = parts[2] if redirect else (parts[1] if parts[:1] == ["disk"] and len(parts) == 3 else "")
        with fake.model.lock:
            blob = fake.model.blobs.get(key)
        status = 404 if blob is None else (302 if redirect else 200)
        fake._record(self.command, path, {}, None, status)
        self.send_response(status)
        if status == 302:
            self.send_header("Location", f"{fake.url}/rails/active_storage/disk/{key}/{parts[3]}"
                                         f"?content_type={blob['content_type']}&disposition=inline")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif status == 200:
            self.send_header("Content-Type", blob["content_type"])
            self.send_header("Content-Disposition", f"inline; filename=\"{blob['name']}\"")
            self.send_header("Content-Length", str(len(blob["data"])))
            self.end_headers()
            self.wfile.write(blob["data"])
        else:
            self.send_header("Content-Length", "0")
            self.end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr, fake):
        self.fake = fake
        super().__init__(addr, _Handler)

    def finish_request(self, request, client_address):
        # TLS handshake here, in the connection's own thread, so a stuck client cannot block
        # accept(); connections are tracked so set_down(True) can cut live keep-alives too.
        raw = request
        with self.fake._conn_lock:
            self.fake._conns.add(raw)
        try:
            if self.fake._ssl_ctx is not None:
                raw.settimeout(10)
                request = self.fake._ssl_ctx.wrap_socket(raw, server_side=True)
                request.settimeout(None)
            super().finish_request(request, client_address)
        except (OSError, ssl.SSLError):
            pass
        finally:
            with self.fake._conn_lock:
                self.fake._conns.discard(raw)

    def handle_error(self, request, client_address):
        pass  # a client that went away is not the test's failure


class FakeChatwoot:
    """The fake server; see the module docstring. Thread-safe; serves in background threads."""

    def __init__(self, port=0, tls=False, host="127.0.0.1", account_id=1):
        self.host, self.tls = host, tls
        self.model = Model(account_id)
        self.account_id = account_id
        self.requests = []
        self.ca_file = None
        self._tmp = None
        self._ssl_ctx = None
        self._conns, self._conn_lock = set(), threading.Lock()
        self._fail = []  # [(status, body)] for the next API requests
        self._drop = self._malformed = 0
        self._delay = 0.0
        self._rate, self._retry_after = None, True
        self._rate_counts = {}
        self._server = self._thread = None
        if tls:
            self._make_cert()
        self._listen(port)
        self.port = self._server.server_address[1]
        self.url = f"{'https' if tls else 'http'}://{host}:{self.port}"
        self.model.base_url = self.url

    # ---- lifecycle -------------------------------------------------------------------------
    def _make_cert(self):
        self._tmp = tempfile.mkdtemp(prefix="fake-chatwoot-tls-")
        cert, key = os.path.join(self._tmp, "cert.pem"), os.path.join(self._tmp, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "2", "-subj", "/CN=fake-chatwoot", "-addext",
                        f"subjectAltName=IP:{self.host},DNS:localhost"],
                       check=True, capture_output=True)
        self.ca_file = cert
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        self._ssl_ctx = ctx

    def _listen(self, port):
        self._server = _Server((self.host, port), self)
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def _stop_listening(self):
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._server = None
        with self._conn_lock:
            conns = list(self._conns)
        for c in conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def close(self):
        self._stop_listening()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- seeding and inspection ------------------------------------------------------------
    def add_agent(self, name, email, role="agent", token=None, password="Password1!"):
        """(agent id, api_access_token). role "agent" or "administrator". Agents are members of
        every inbox that was created without an explicit member list. email+password work
        with POST /auth/sign_in."""
        return self.model.add_agent(name, email, role, token, password)

    def add_inbox(self, kind, name, members=None, phone_number=None):
        """kind: whatsapp, telegram, api, web, email, sms or a full "Channel::X"; members: agent
        ids (default: every agent, present and future)."""
        return self.model.add_inbox(kind, name, members, phone_number)

    def add_contact(self, name, phone=None, email=None, identifier=None):
        return self.model.add_contact(name, phone, email, identifier)

    def add_conversation(self, inbox_id, contact_id, assignee=None, status="open", messages=()):
        """display id. messages: (kind, text[, agent id]) with kind incoming, outgoing, private."""
        return self.model.add_conversation(inbox_id, contact_id, assignee, status, messages)

    def incoming_message(self, display_id, text, attachments=None):
        """A customer message arriving (bumps updated_at, reopens resolved); message id."""
        return self.model.incoming_message(display_id, text, attachments)

    def add_canned_response(self, short_code, content):
        return self.model.add_canned_response(short_code, content)

    # What colleagues do in the web UI meanwhile (same effects as through the API).
    def agent_message(self, display_id, agent_id, text, private=False, attachments=None):
        """A message or private note by another agent (mentions apply); message id."""
        return self.model.create_message(display_id, agent_id, text, private=private,
                                         files=attachments)["id"]

    def assign(self, display_id, agent_id, actor_id=None):
        """Assign (agent_id None: unassign) as `actor_id` would through the API."""
        with self.model.lock:
            self.model.assign(self.model.conv(display_id), agent_id, actor_id)

    def set_status(self, display_id, status, actor_id=None):
        with self.model.lock:
            self.model.set_status(self.model.conv(display_id), status, actor_id)

    def add_participant(self, display_id, agent_id):
        with self.model.lock:
            self.model.conv(display_id)["participants"].add(agent_id)

    def remove_participant(self, display_id, agent_id):
        with self.model.lock:
            self.model.conv(display_id)["participants"].discard(agent_id)

    def set_summary(self, text=None, status=200):
        """Captain's dialogue summary: None = the server has no Captain (404, the default);
        a text = summaries are "<text> (chat N)"; status 422 = Captain without an AI key
        (422 {error: text})."""
        with self.model.lock:
            self.model.captain = None if text is None else (status, text)

    def age(self, seconds):
        """Let `seconds` pass for the stored data (every timestamp moves back): for
        updated_within windows and WhatsApp's 24 h can_reply without sleeping."""
        self.model.age(seconds)

    def set_message_status(self, message_id, status, external_error=None):
        """Delivery feedback from the provider (sent/delivered/read/failed); like Chatwoot it
        does not bump the conversation's updated_at."""
        with self.model.lock:
            for msgs in self.model.messages.values():
                for m in msgs:
                    if m["id"] == message_id:
                        m["status"] = status
                        if external_error:
                            m["content_attributes"]["external_error"] = external_error
                        return
        raise KeyError(message_id)

    def conversation(self, display_id):
        """Server-side state as a dict: the API's conversation JSON plus "participants" (ids),
        "assignee_id" and "contact_id"."""
        with self.model.lock:
            conv = self.model.conv(display_id)
            data = self.model.conversation_json(conv)
            data.update(participants=sorted(conv["participants"]), assignee_id=conv["assignee_id"],
                        contact_id=conv["contact_id"])
            return data

    def messages(self, display_id):
        """Every message of the conversation, oldest first, as the API renders them."""
        with self.model.lock:
            return [self.model.message_json(m) for m in self.model.messages[int(display_id)]]

    def notifications(self, agent_id):
        with self.model.lock:
            return [self.model.notification_json(n) for n in self.model.notifications.values()
                    if n["user_id"] == agent_id]

    # ---- faults ----------------------------------------------------------------------------
    def fail_next(self, n, status=500, body=None):
        """The next n API requests answer `status` with `body` (default: Rails' JSON error) and
        change nothing."""
        with self.model.lock:
            self._fail.extend([(status, body)] * n)

    def set_down(self, down):
        """True: close the listening socket and live connections (connect is refused);
        False: listen again on the same port."""
        if down:
            self._stop_listening()
        elif self._server is None:
            self._listen(self.port)

    def set_delay(self, seconds):
        self._delay = float(seconds)

    def drop_replies(self, n):
        """Perform the next n API requests, then close the connection without an answer."""
        with self.model.lock:
            self._drop += n

    def set_rate_limit(self, per_minute, retry_after=True):
        """429 beyond per_minute API requests per token per clock minute (None: unlimited),
        with Retry-After unless retry_after=False (rack-attack's default responder sends it
        only when configured to, so a client must cope without it)."""
        with self.model.lock:
            self._rate = per_minute
            self._retry_after = retry_after
            self._rate_counts = {}

    def set_malformed(self, n):
        """Perform the next n API requests, answer 200 with a broken JSON body."""
        with self.model.lock:
            self._malformed += n

    # ---- request processing ----------------------------------------------------------------
    def _record(self, method, path, query, user, status):
        with self.model.lock:
            self.requests.append((method, path, _flat_query(query), user, status))

    def _handle(self, method, path, query, token, ctype, raw):
        """(status, body, headers, user, fault) with fault None, "drop" or "malformed"."""
        with self.model.lock:
            user = self.model.tokens.get(token) if token else None
            if self._fail:
                status, body = self._fail.pop(0)
                if body is None:
                    body = {"status": status, "error": _reason(status)}
                return status, body, {}, user, None
            if self._rate is not None and token:
                window = int(time.time()) // RATE_WINDOW
                key = (token, window)
                self._rate_counts[key] = self._rate_counts.get(key, 0) + 1
                if self._rate_counts[key] > self._rate:
                    retry = RATE_WINDOW - int(time.time()) % RATE_WINDOW
                    # Rack::Attack's default throttled responder: text/plain "Retry later".
                    headers = {"Content-Type": "text/plain"}
                    if self._retry_after:
                        headers["Retry-After"] = str(retry)
                    return 429, b"Retry later\n", headers, user, None
            fault = None
            if self._drop:
                self._drop -= 1
                fault = "drop"
            elif self._malformed:
                self._malformed -= 1
                fault = "malformed"
            try:
                if path.rstrip("/") == "/auth/sign_in" and method == "POST":
                    status, body, user = self._sign_in(*_parse_body(ctype, raw))
                    return status, body, {}, user, fault
                if not path.startswith("/api/"):
                    raise ApiError(404, {"status": 404, "error": "Not Found"})
                if token is None:
                    raise ApiError(401, {"errors": ["You need to sign in or sign up before continuing."]})
                if user is None:
                    raise ApiError(401, {"error": "Invalid Access Token"})
                params, files = _parse_body(ctype, raw)
                merged = _flat_query(query)
                merged.update(params)
                status, body = dispatch(self.model, Request(method, path, query, merged, files, user))
            except ApiError as e:
                status, body = e.status, e.body
            except Exception:  # noqa: BLE001 -- a bug in the fake: show it, answer like Rails
                traceback.print_exc(file=sys.stderr)
                status, body = 500, {"status": 500, "error": "Internal Server Error"}
            return status, body, {}, user, fault


    def _sign_in(self, params, _files):
        """devise_token_auth's POST /auth/sign_in: {data: user} or its 401."""
        email, password = str(params.get("email") or "").lower(), params.get("password")
        for aid, a in self.model.agents.items():
            if a["email"].lower() == email and a["password"] == password:
                return 200, {"data": self.model.profile_json(aid)}, aid
        return 401, {"success": False, "errors": ["Invalid login credentials. Please try again."]}, None


def _reason(status):
    from http import HTTPStatus
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def main(argv=None):
    import argparse
    from support.fake_chatwoot_seed import seed_bench, seed_demo
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--tls", action="store_true")
    ap.add_argument("--seed", choices=["none", "demo", "bench"], default="none")
    ap.add_argument("--conversations", type=int, default=10000)
    ap.add_argument("--messages", type=int, default=100000)
    ap.add_argument("--agents", type=int, default=5, help="bench seed: number of agents")
    ap.add_argument("--rate-limit", type=int, default=None, help="per token per minute")
    ap.add_argument("--print-tokens", action="store_true",
                    help="also print 'name id token' lines to stderr")
    args = ap.parse_args(argv)
    cw = FakeChatwoot(port=args.port, tls=args.tls, host=args.host)
    if args.seed == "demo":
        seed_demo(cw)
    elif args.seed == "bench":
        seed_bench(cw, args.conversations, args.messages, args.agents)
    if args.rate_limit:
        cw.set_rate_limit(args.rate_limit)
    with cw.model.lock:
        agents = [{"name": a["name"], "id": a["id"], "email": a["email"], "role": a["role"],
                   "token": a["token"]} for a in cw.model.agents.values()]
        inboxes = [{"id": i["id"], "name": i["name"], "channel_type": i["channel_type"]}
                   for i in cw.model.inboxes.values()]
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if args.print_tokens:
        for a in agents:
            print(f"{a['name']}\t{a['id']}\t{a['token']}", file=sys.stderr)
    print(json.dumps({"url": cw.url, "account_id": cw.account_id, "ca_file": cw.ca_file,
                      "agents": agents, "inboxes": inboxes}), flush=True)
    while not stop.wait(0.5):
        pass
    cw.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
