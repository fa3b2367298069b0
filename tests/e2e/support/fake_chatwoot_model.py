"""State and JSON views of the fake Chatwoot server (see fake_chatwoot.py).

Shapes follow Chatwoot v4.15.1's jbuilder views as recorded in the project's reference note
(chat-api-chatwoot.md); fields a client does not need are still sent, so a client that breaks
on unknown fields fails here as it would against the real server. Every mutation that Chatwoot
does with `save`/`update_columns(last_activity_at, updated_at)` bumps `updated_at`; the ones it
does without (participants, last-seen markers) deliberately do not."""
import re
import secrets
import threading
import time
import uuid

MSG_INCOMING, MSG_OUTGOING, MSG_ACTIVITY, MSG_TEMPLATE = 0, 1, 2, 3
CHANNEL_TYPES = {
    "whatsapp": "Channel::Whatsapp",
    "telegram": "Channel::Telegram",
    "api": "Channel::Api",
    "web": "Channel::WebWidget",
    "webwidget": "Channel::WebWidget",
    "email": "Channel::Email",
    "sms": "Channel::Sms",
}
STATUSES = ("open", "resolved", "pending", "snoozed")
MENTION_RE = re.compile(r"\(mention://user/(\d+)/(.+?)\)")
PHONE_RE = re.compile(r"\+[1-9]\d{1,14}\Z")
MAX_CONTENT = 150000


class ApiError(Exception):
    """An answer other than 2xx, with Chatwoot's body for it."""

    def __init__(self, status, body):
        super().__init__(f"{status} {body}")
        self.status, self.body = status, body


def not_found():
    return ApiError(404, {"error": "Resource could not be found"})


def could_not_create(message):
    return ApiError(422, {"error": message})


def record_invalid(messages, attributes):
    return ApiError(422, {"message": ", ".join(messages), "attributes": attributes})


def server_error():
    # What Rails' PublicExceptions renders for a JSON request on an unrescued exception.
    return ApiError(500, {"status": 500, "error": "Internal Server Error"})


class Model:
    """All server-side state, guarded by `lock` (an RLock, held for a whole request)."""

    def __init__(self, account_id=1, account_name="Telpanel Test"):
        self.lock = threading.RLock()
        self.account_id = account_id
        self.account_name = account_name
        self.base_url = ""
        self.agents, self.tokens, self.inboxes, self.contacts = {}, {}, {}, {}
        self.conversations, self.messages, self.attachments = {}, {}, {}
        self.canned, self.notifications, self.blobs = {}, {}, {}
        self._ids = {}
        self._clock = 0.0
        # Captain's summary (set_summary): None = no Captain (404), else (status, body).
        self.captain = None

    # ---- ids and time -------------------------------------------------------------------
    def next_id(self, kind, start=1):
        self._ids[kind] = self._ids.get(kind, start - 1) + 1
        return self._ids[kind]

    def now(self):
        """Strictly increasing server time, so two changes never share an updated_at."""
        self._clock = max(time.time(), self._clock + 1e-6)
        return self._clock

    # ---- seeding (also used by the Python API) ------------------------------------------
    def add_agent(self, name, email, role="agent", token=None, password="Password1!"):
        with self.lock:
            aid = self.next_id("user")
            token = token or secrets.token_urlsafe(18)[:24]
            self.agents[aid] = {
                "id": aid, "name": name, "email": email, "role": role, "token": token,
                "availability": "online", "auto_offline": True, "created_at": self.now(),
                "pubsub_token": secrets.token_urlsafe(18)[:24], "password": password,
            }
            self.tokens[token] = aid
            for inbox in self.inboxes.values():
                if inbox["all_members"]:
                    inbox["members"].add(aid)
            return aid, token

    def add_inbox(self, kind, name, members=None, phone_number=None):
        with self.lock:
            channel = CHANNEL_TYPES.get(kind.lower(), kind)
            iid = self.next_id("inbox")
            self.inboxes[iid] = {
                "id": iid, "name": name, "channel_type": channel, "channel_id": 100 + iid,
                "all_members": members is None,
                "members": set(self.agents) if members is None else set(members),
                "phone_number": phone_number or ("+15550000%03d" % iid if "Whatsapp" in channel else None),
            }
            return iid

    def add_contact(self, name, phone=None, email=None, identifier=None, additional=None):
        with self.lock:
            cid = self.next_id("contact")
            self.contacts[cid] = {
                "id": cid, "name": name, "phone_number": phone, "email": email,
                "identifier": identifier, "additional_attributes": dict(additional or {}),
                "custom_attributes": {}, "created_at": self.now(), "last_activity_at": None,
                "contact_inboxes": {},  # inbox id -> source id
            }
            return cid

    def contact_inbox(self, contact, inbox, source_id=None):
        """ContactInboxBuilder: the per-channel source id, or the exception Chatwoot raises."""
        if source_id is None:
            source_id = contact["contact_inboxes"].get(inbox["id"])
        if source_id is None:
            ch = inbox["channel_type"]
            if ch == "Channel::Whatsapp":
                if not contact["phone_number"]:
                    raise could_not_create("param is missing or the value is empty: contact phone number")
                source_id = contact["phone_number"].lstrip("+")
            elif ch == "Channel::Sms":
                if not contact["phone_number"]:
                    raise could_not_create("param is missing or the value is empty: contact phone number")
                source_id = contact["phone_number"]
            elif ch == "Channel::Email":
                if not contact["email"]:
                    raise could_not_create("param is missing or the value is empty: contact email")
                source_id = contact["email"]
            elif ch in ("Channel::Api", "Channel::WebWidget"):
                source_id = str(uuid.uuid4())
            else:
                # raise "Unsupported operation for this channel: Channel::Telegram" -- a bare
                # RuntimeError nothing rescues, so the client gets Rails' 500.
                raise server_error()
        contact["contact_inboxes"][inbox["id"]] = source_id
        return source_id

    def add_conversation(self, inbox_id, contact_id, assignee=None, status="open", messages=(),
                         source_id=None, created_at=None):
        with self.lock:
            inbox, contact = self.inboxes[inbox_id], self.contacts[contact_id]
            if source_id is None and inbox["channel_type"] == "Channel::Telegram":
                source_id = contact["contact_inboxes"].get(inbox_id) or str(10**9 + contact_id)
            source_id = self.contact_inbox(contact, inbox, source_id)
            display_id = self.next_id("display")
            t = created_at if created_at is not None else self.now()
            conv = {
                "id": display_id + 1000, "display_id": display_id, "uuid": str(uuid.uuid4()),
                "inbox_id": inbox_id, "contact_id": contact_id, "source_id": source_id,
                "assignee_id": None, "status": status, "priority": None, "muted": False,
                "snoozed_until": None, "labels": [], "additional_attributes": {},
                "custom_attributes": {}, "participants": set(), "mentioned": set(), "created_at": t,
                "updated_at": t, "last_activity_at": t, "agent_last_seen_at": 0,
                "assignee_last_seen_at": 0, "contact_last_seen_at": 0,
                "first_reply_created_at": 0, "waiting_since": 0,
            }
            self.conversations[display_id] = conv
            self.messages[display_id] = []
            if assignee is not None:
                conv["assignee_id"] = assignee
                conv["participants"].add(assignee)
            for item in messages:
                kind, text = item[0], item[1]
                sender = item[2] if len(item) > 2 else None
                if kind == "incoming":
                    self.incoming_message(display_id, text)
                else:
                    self.create_message(display_id, sender or assignee, text,
                                        private=(kind == "private"))
            return display_id

    def add_canned_response(self, short_code, content):
        with self.lock:
            cid = self.next_id("canned")
            t = self.now()
            self.canned[cid] = {"id": cid, "account_id": self.account_id, "short_code": short_code,
                                "content": content, "created_at": iso(t), "updated_at": iso(t)}
            return cid

    def age(self, seconds):
        """Move every stored time `seconds` into the past: as if that much time had passed."""
        def shift(d, keys):
            for k in keys:
                if d.get(k):
                    d[k] -= seconds
        with self.lock:
            for conv in self.conversations.values():
                shift(conv, ("created_at", "updated_at", "last_activity_at", "agent_last_seen_at",
                             "assignee_last_seen_at", "contact_last_seen_at",
                             "first_reply_created_at", "waiting_since"))
            for msgs in self.messages.values():
                for m in msgs:
                    shift(m, ("created_at", "updated_at"))
            for c in self.contacts.values():
                shift(c, ("created_at", "last_activity_at"))
            for n in self.notifications.values():
                shift(n, ("created_at", "read_at"))

    # ---- lookups ------------------------------------------------------------------------
    def conv(self, display_id):
        try:
            return self.conversations[int(display_id)]
        except (KeyError, ValueError, TypeError):
            raise not_found() from None

    def can_see(self, user_id, conv):
        user = self.agents[user_id]
        return user["role"] == "administrator" or user_id in self.inboxes[conv["inbox_id"]]["members"]

    def assignable(self, user_id, inbox_id):
        user = self.agents.get(user_id)
        return user is not None and (user["role"] == "administrator"
                                     or user_id in self.inboxes[inbox_id]["members"])

    def touch(self, conv, activity=True):
        t = self.now()
        conv["updated_at"] = t
        if activity:
            conv["last_activity_at"] = t
        return t

    # ---- messages -----------------------------------------------------------------------
    def _store_files(self, files):
        out = []
        for name, data, ctype in files or ():
            key = secrets.token_hex(14)
            self.blobs[key] = {"name": name, "data": bytes(data), "content_type": ctype}
            out.append(key)
        return out

    def _new_message(self, conv, mtype, content, sender, private=False, files=(), **extra):
        if content is not None and len(content) > MAX_CONTENT:
            raise record_invalid(["Content is too long (maximum is 150000 characters)"], ["content"])
        mid = self.next_id("message")
        t = self.now()
        msg = {
            "id": mid, "content": content, "conversation_id": conv["display_id"],
            "inbox_id": conv["inbox_id"], "message_type": mtype, "content_type": "text",
            "status": "sent", "content_attributes": {}, "created_at": t, "updated_at": t,
            "private": bool(private), "source_id": None, "sender": sender, "attachments": [],
            "echo_id": None,
        }
        msg.update(extra)
        for key in self._store_files(files):
            aid = self.next_id("attachment")
            self.attachments[aid] = {"id": aid, "message_id": mid, "blob": key}
            msg["attachments"].append(aid)
        self.messages[conv["display_id"]].append(msg)
        self.touch(conv)  # Message#set_conversation_activity, for every message type
        return msg

    def incoming_message(self, display_id, text, attachments=None):
        with self.lock:
            conv = self.conv(display_id)
            msg = self._new_message(conv, MSG_INCOMING, text, ("contact", conv["contact_id"]),
                                    files=attachments, source_id="wamid." + secrets.token_hex(8))
            self.contacts[conv["contact_id"]]["last_activity_at"] = msg["created_at"]
            if not conv["waiting_since"]:
                conv["waiting_since"] = msg["created_at"]
            if conv["status"] in ("resolved", "snoozed") and not conv["muted"]:
                conv["status"] = "open"  # Conversation#reopen_conversation
            for uid in self._new_message_watchers(conv):
                self.notify(uid, "assigned_conversation_new_message" if uid == conv["assignee_id"]
                            else "participating_conversation_new_message", conv, msg)
            return msg["id"]

    def _new_message_watchers(self, conv):
        watchers = set(conv["participants"])
        if conv["assignee_id"]:
            watchers.add(conv["assignee_id"])
        return sorted(watchers)

    def create_message(self, display_id, user_id, content, private=False, message_type="outgoing",
                       files=(), echo_id=None, content_attributes=None):
        """Messages::MessageBuilder for an agent (the API's POST .../messages)."""
        with self.lock:
            conv = self.conv(display_id)
            inbox = self.inboxes[conv["inbox_id"]]
            if message_type not in ("outgoing", "incoming", "template"):
                message_type = "outgoing"
            if message_type == "incoming" and inbox["channel_type"] != "Channel::Api":
                raise could_not_create("Incoming messages are only allowed in Api inboxes")
            if message_type == "incoming":
                return self.messages_by_id(conv, self.incoming_message(display_id, content, files))
            if content:  # Liquidable: outgoing messages and notes are rendered before save
                content = self.render_liquid(content, conv, user_id)
            mtype = MSG_TEMPLATE if message_type == "template" else MSG_OUTGOING
            msg = self._new_message(conv, mtype, content, ("user", user_id) if user_id else None,
                                    private=private, files=files, echo_id=echo_id,
                                    content_attributes=dict(content_attributes or {}))
            if not private and user_id:
                if not conv["first_reply_created_at"]:
                    conv["first_reply_created_at"] = msg["created_at"]
                conv["waiting_since"] = 0
            if private and content:
                self.apply_mentions(conv, msg, user_id)
            return msg

    def messages_by_id(self, conv, mid):
        return next(m for m in self.messages[conv["display_id"]] if m["id"] == mid)

    def render_liquid(self, content, conv, user_id):
        contact = self.contacts[conv["contact_id"]]
        agent = self.agents.get(user_id, {})
        name = contact["name"] or ""
        values = {
            "contact.name": name, "contact.first_name": name.split(" ")[0] if name else "",
            "contact.last_name": name.split(" ")[-1] if " " in name else "",
            "contact.email": contact["email"] or "", "contact.phone": contact["phone_number"] or "",
            "agent.name": agent.get("name", ""),
            "agent.first_name": agent.get("name", "").split(" ")[0],
            "agent.email": agent.get("email", ""), "conversation.id": str(conv["display_id"]),
            "inbox.name": self.inboxes[conv["inbox_id"]]["name"], "account.name": self.account_name,
        }
        return re.sub(r"\{\{\s*([a-z_.]+)\s*\}\}", lambda m: values.get(m.group(1), ""), content)

    def apply_mentions(self, conv, msg, author_id):
        """Messages::MentionService: inbox members/admins mentioned in a private note become
        participants and get a conversation_mention notification."""
        ids = {int(m.group(1)) for m in MENTION_RE.finditer(msg["content"])}
        for uid in sorted(ids):
            if not self.assignable(uid, conv["inbox_id"]):
                continue
            conv["participants"].add(uid)
            conv["mentioned"].add(uid)
            if uid != author_id:
                self.notify(uid, "conversation_mention", conv, msg)

    def activity(self, conv, text):
        self._new_message(conv, MSG_ACTIVITY, text, None)

    # ---- assignment, status, participants ---------------------------------------------------
    def assign(self, conv, assignee_id, actor_id):
        """Conversation#assignee= + save!; ParticipationListener adds the new assignee."""
        old = conv["assignee_id"]
        new = assignee_id if assignee_id in self.agents else None
        conv["assignee_id"] = new
        self.touch(conv, activity=False)
        if new is not None:
            conv["participants"].add(new)
            if new != actor_id:
                self.notify(new, "conversation_assignment", conv, None)
        if old != new:
            actor = self.agents.get(actor_id, {}).get("name", "System")
            if new is None:
                self.activity(conv, f"Conversation unassigned by {actor}")
            elif new == actor_id:
                self.activity(conv, f"{actor} self-assigned this conversation")
            else:
                self.activity(conv, f"Assigned to {self.agents[new]['name']} by {actor}")
        return new

    def set_status(self, conv, status, actor_id, snoozed_until=None):
        conv["status"] = status
        conv["snoozed_until"] = snoozed_until if status == "snoozed" else None
        self.touch(conv, activity=False)
        actor = self.agents.get(actor_id, {}).get("name", "System")
        texts = {"resolved": f"Conversation was marked resolved by {actor}",
                 "open": f"Conversation was reopened by {actor}",
                 "pending": f"Conversation was marked pending by {actor}",
                 "snoozed": f"Conversation was snoozed by {actor}"}
        self.activity(conv, texts[status])

    # ---- notifications ------------------------------------------------------------------
    def notify(self, user_id, ntype, conv, msg):
        nid = self.next_id("notification")
        t = self.now()
        self.notifications[nid] = {
            "id": nid, "user_id": user_id, "notification_type": ntype, "conversation": conv["display_id"],
            "message_id": msg["id"] if msg else None, "read_at": None, "created_at": t,
        }

    # ---- JSON views ---------------------------------------------------------------------
    def agent_json(self, aid):
        a = self.agents[aid]
        return {
            "id": aid, "account_id": self.account_id, "availability_status": a["availability"],
            "auto_offline": a["auto_offline"], "confirmed": True, "email": a["email"],
            "provider": "email", "available_name": a["name"], "name": a["name"], "role": a["role"],
            "thumbnail": "", "custom_role_id": None,
        }

    def profile_json(self, aid):
        a = self.agents[aid]
        data = self.agent_json(aid)
        data.update({
            "access_token": a["token"], "avatar_url": "", "display_name": None,
            "message_signature": None, "hmac_identifier": secrets.token_hex(8),
            "inviter_id": None, "pubsub_token": a["pubsub_token"], "custom_attributes": {},
            "ui_settings": {}, "uid": a["email"], "type": "user",
            "accounts": [{"id": self.account_id, "name": self.account_name, "status": "active",
                          "active_at": iso(a["created_at"]), "role": a["role"],
                          "permissions": [a["role"]], "availability": a["availability"],
                          "availability_status": a["availability"], "auto_offline": a["auto_offline"],
                          "custom_role_id": None, "custom_role": None}],
        })
        return data

    def contact_json(self, cid, with_inboxes=False):
        c = self.contacts[cid]
        data = {
            "additional_attributes": c["additional_attributes"], "availability_status": "offline",
            "email": c["email"], "id": cid, "name": c["name"], "phone_number": c["phone_number"],
            "blocked": False, "identifier": c["identifier"], "thumbnail": "",
            "custom_attributes": c["custom_attributes"],
            "last_activity_at": unix(c["last_activity_at"]), "created_at": unix(c["created_at"]),
        }
        if with_inboxes:
            data["contact_inboxes"] = [{"source_id": sid, "inbox": self.inbox_slim(iid)}
                                       for iid, sid in c["contact_inboxes"].items()]
        return data

    def inbox_slim(self, iid):
        i = self.inboxes[iid]
        return {"id": iid, "avatar_url": "", "channel_id": i["channel_id"], "name": i["name"],
                "channel_type": i["channel_type"], "provider": self._provider(i)}

    @staticmethod
    def _provider(inbox):
        return "whatsapp_cloud" if inbox["channel_type"] == "Channel::Whatsapp" else None

    def inbox_json(self, iid):
        i = self.inboxes[iid]
        data = self.inbox_slim(iid)
        data.update({
            "greeting_enabled": False, "greeting_message": None, "working_hours_enabled": False,
            "enable_email_collect": True, "csat_survey_enabled": False, "enable_auto_assignment": False,
            "auto_assignment_config": {}, "out_of_office_message": None, "working_hours": [],
            "timezone": "UTC", "callback_webhook_url": None, "allow_messages_after_resolved": True,
            "lock_to_single_conversation": False, "sender_name_type": "friendly",
            "business_name": None, "phone_number": i["phone_number"], "website_url": None,
            "widget_color": None, "website_token": None, "web_widget_script": None,
            "welcome_title": None, "welcome_tagline": None, "hmac_mandatory": False,
            "selected_feature_flags": [], "reply_time": "in_a_few_minutes",
            "messaging_service_sid": None, "medium": None,
        })
        if i["channel_type"] == "Channel::Telegram":
            data["bot_name"] = "telpanel_test_bot"
        if i["channel_type"] == "Channel::Whatsapp":
            data["message_templates"] = [{"name": "hello_world", "status": "APPROVED", "language": "en_US",
                                          "category": "UTILITY",
                                          "components": [{"type": "BODY", "text": "Hello {{1}}"}]}]
        return data

    def sender_json(self, sender):
        if sender is None:
            return None
        kind, sid = sender
        if kind == "contact":
            data = self.contact_json(sid)
            data["type"] = "contact"
            return data
        a = self.agents[sid]
        return {"id": sid, "name": a["name"], "available_name": a["name"], "avatar_url": "",
                "type": "user", "availability_status": a["availability"], "thumbnail": ""}

    def attachment_json(self, aid):
        att = self.attachments[aid]
        blob = self.blobs[att["blob"]]
        name, ctype = blob["name"], blob["content_type"]
        major = ctype.split("/")[0]
        file_type = major if major in ("image", "audio", "video") else "file"
        url = f"{self.base_url}/rails/active_storage/blobs/redirect/{att['blob']}/{quote_name(name)}"
        return {"id": aid, "message_id": att["message_id"], "file_type": file_type,
                "account_id": self.account_id, "extension": name.rsplit(".", 1)[-1] if "." in name else None,
                "data_url": url, "thumb_url": url if file_type == "image" else "",
                "file_size": len(blob["data"]), "width": None, "height": None,
                "content_type": ctype}

    def message_json(self, msg):
        return {
            "id": msg["id"], "content": msg["content"], "account_id": self.account_id,
            "inbox_id": msg["inbox_id"],
            "conversation_id": msg["conversation_id"], "message_type": msg["message_type"],
            "content_type": msg["content_type"], "status": msg["status"],
            "content_attributes": msg["content_attributes"], "created_at": unix(msg["created_at"]),
            "private": msg["private"], "source_id": msg["source_id"],
            "sender": self.sender_json(msg["sender"]), "echo_id": msg["echo_id"],
            "sender_type": {"contact": "Contact", "user": "User"}.get((msg["sender"] or ("",))[0]),
            "sender_id": msg["sender"][1] if msg["sender"] else None,
            "external_source_ids": {}, "additional_attributes": {},
            "processed_message_content": msg["content"], "sentiment": {},
            "updated_at": iso(msg["updated_at"]),
            "conversation": {"assignee_id": self.conversations[msg["conversation_id"]]["assignee_id"]},
            "attachments": [self.attachment_json(a) for a in msg["attachments"]],
        }

    def unread_count(self, conv):
        seen = conv["agent_last_seen_at"]
        unread = [m for m in self.messages[conv["display_id"]]
                  if m["message_type"] == MSG_INCOMING and m["created_at"] > seen]
        return min(len(unread), 10)

    def conversation_json(self, conv):
        msgs = self.messages[conv["display_id"]]
        non_activity = [m for m in msgs if m["message_type"] != MSG_ACTIVITY]
        inbox = self.inboxes[conv["inbox_id"]]
        meta = {"sender": self.contact_json(conv["contact_id"]), "channel": inbox["channel_type"],
                "hmac_verified": False}
        if conv["assignee_id"]:
            meta["assignee"] = self.agent_json(conv["assignee_id"])
            meta["assignee_type"] = "User"
        can_reply = True
        if inbox["channel_type"] == "Channel::Whatsapp":
            last_in = [m for m in msgs if m["message_type"] == MSG_INCOMING]
            can_reply = bool(last_in) and time.time() - last_in[-1]["created_at"] < 24 * 3600
        return {
            "meta": meta, "id": conv["display_id"], "messages": [self.message_json(msgs[-1])] if msgs else [],
            "account_id": self.account_id, "uuid": conv["uuid"],
            "additional_attributes": conv["additional_attributes"],
            "agent_last_seen_at": unix(conv["agent_last_seen_at"]),
            "assignee_last_seen_at": unix(conv["assignee_last_seen_at"]), "can_reply": can_reply,
            "contact_last_seen_at": unix(conv["contact_last_seen_at"]),
            "custom_attributes": conv["custom_attributes"], "inbox_id": conv["inbox_id"],
            "labels": conv["labels"], "muted": conv["muted"], "snoozed_until": conv["snoozed_until"],
            "status": conv["status"], "created_at": unix(conv["created_at"]),
            "updated_at": conv["updated_at"], "timestamp": unix(conv["last_activity_at"]),
            "first_reply_created_at": unix(conv["first_reply_created_at"]),
            "unread_count": self.unread_count(conv),
            "last_non_activity_message": self.message_json(non_activity[-1]) if non_activity else None,
            "last_activity_at": unix(conv["last_activity_at"]), "priority": conv["priority"],
            "waiting_since": unix(conv["waiting_since"]), "sla_policy_id": None,
        }

    def notification_json(self, n):
        conv = self.conversations[n["conversation"]]
        titles = {"conversation_assignment": "A conversation (#%d) has been assigned to you",
                  "conversation_mention": "You have been mentioned in conversation (#%d)",
                  "assigned_conversation_new_message": "A new message is created in conversation (#%d)",
                  "participating_conversation_new_message": "A new message is created in conversation (#%d)"}
        return {
            "id": n["id"], "notification_type": n["notification_type"],
            "push_message_title": titles[n["notification_type"]] % conv["display_id"],
            "push_message_body": "", "primary_actor_type": "Conversation",
            "primary_actor_id": conv["id"],
            "primary_actor": {"id": conv["display_id"], "inbox_id": conv["inbox_id"],
                              "status": conv["status"], "meta": {"assignee": self.agent_json(
                                  conv["assignee_id"]) if conv["assignee_id"] else None}},
            "read_at": unix(n["read_at"]) if n["read_at"] else None, "secondary_actor": None,
            "user": self.agent_json(n["user_id"]), "created_at": unix(n["created_at"]),
            "last_activity_at": unix(n["created_at"]), "snoozed_until": None, "meta": {},
        }


def unix(t):
    return int(t) if t else 0


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%03dZ" % int((t % 1) * 1000)


def quote_name(name):
    from urllib.parse import quote
    return quote(name, safe="")
