"""Application API routes of the fake Chatwoot server: (method, path) -> handler(model, req).

Handlers run with model.lock held and return (status, json-able body) or raise ApiError with
the body Chatwoot sends. `req` has .method .path .query (name -> list of str) .params (JSON
body or multipart fields, merged with the query like Rails' params) .files [(name, bytes,
content type)] and .user (agent id)."""
import re

from support.fake_chatwoot_model import (STATUSES, PHONE_RE, ApiError, not_found, record_invalid,
                                         server_error, MSG_ACTIVITY)

CONVERSATIONS_PER_PAGE = 25
CONTACTS_PER_PAGE = 15
NOTIFICATIONS_PER_PAGE = 15
ROUTES = []


def route(method, pattern):
    def deco(fn):
        ROUTES.append((method, re.compile("^" + pattern + "$"), fn))
        return fn
    return deco


def dispatch(model, req):
    """(status, body) for an authenticated request; ApiError for Chatwoot's error answers."""
    prefix = f"/api/v1/accounts/{model.account_id}"
    path = req.path.rstrip("/") if req.path != "/" else req.path
    if path.startswith("/api/v1/accounts/"):
        m = re.match(r"^/api/v1/accounts/(\d+)(/.*)?$", path)
        if not m or int(m.group(1)) != model.account_id:
            raise ApiError(401, {"error": "You are not authorized to access this account"})
        path = path[len(prefix):] or "/"
        scope = "account"
    else:
        scope = "global"
    for method, pattern, fn in ROUTES:
        if method != req.method:
            continue
        m = pattern.match(path)
        if m and (fn.__name__.startswith("g_") == (scope == "global")):
            return fn(model, req, *m.groups())
    raise ApiError(404, {"status": 404, "error": "Not Found"})


def param(req, name, default=None):
    value = req.params.get(name, default)
    return value


def int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def visible_conv(model, req, display_id):
    conv = model.conv(display_id)
    if not model.can_see(req.user, conv):
        raise ApiError(401, {"error": "You are not authorized to do this action"})
    return conv


# ---- profile, agents, inboxes, canned responses --------------------------------------
@route("GET", r"/api/v1/profile")
def g_profile(model, req):
    return 200, model.profile_json(req.user)


@route("POST", r"/api/v1/profile/availability")
def g_availability(model, req):
    profile = param(req, "profile") or {}
    value = profile.get("availability")
    if value not in ("online", "busy", "offline"):
        raise record_invalid(["Availability is not included in the list"], ["availability"])
    model.agents[req.user]["availability"] = value
    return 200, model.profile_json(req.user)


@route("POST", r"/api/v1/profile/auto_offline")
def g_auto_offline(model, req):
    profile = param(req, "profile") or {}
    model.agents[req.user]["auto_offline"] = bool(profile.get("auto_offline", False))
    return 200, model.profile_json(req.user)


@route("GET", r"/agents")
def agents(model, req):
    return 200, [model.agent_json(a) for a in sorted(model.agents)]


@route("GET", r"/assignable_agents")
def assignable_agents(model, req):
    ids = [int_or_none(v) for v in req.query.get("inbox_ids[]", [])]
    users = [a for a in sorted(model.agents)
             if all(i in model.inboxes and model.assignable(a, i) for i in ids)]
    return 200, {"payload": [model.agent_json(a) for a in users]}


@route("GET", r"/inboxes")
def inboxes(model, req):
    user = model.agents[req.user]
    ids = [i for i in sorted(model.inboxes)
           if user["role"] == "administrator" or req.user in model.inboxes[i]["members"]]
    return 200, {"payload": [model.inbox_json(i) for i in ids]}


@route("GET", r"/canned_responses")
def canned_index(model, req):
    q = (param(req, "search") or "").lower()
    items = [c for c in model.canned.values()
             if not q or q in c["short_code"].lower() or q in c["content"].lower()]
    return 200, items


@route("POST", r"/canned_responses")
def canned_create(model, req):
    body = param(req, "canned_response") or {}
    if not body.get("short_code") or not body.get("content"):
        missing = [k for k in ("short_code", "content") if not body.get(k)]
        raise record_invalid([f"{k.replace('_', ' ').capitalize()} can't be blank" for k in missing],
                             missing)
    return 200, model.canned[model.add_canned_response(body["short_code"], body["content"])]


# ---- Captain (AI) ------------------------------------------------------------------------
@route("POST", r"/captain/tasks/summarize")
def captain_summarize(model, req):
    """Captain::TasksController#summarize: 404 where Captain is absent (the route is unknown),
    422 {error} without an AI key; else {message} (here: the text given, then the chat id)."""
    if model.captain is None:
        raise ApiError(404, {"status": 404, "error": "Not Found"})
    conv = visible_conv(model, req, param(req, "conversation_display_id"))
    status, text = model.captain
    if status != 200:
        raise ApiError(status, {"error": text})
    return 200, {"message": f"{text} (chat {conv['display_id']})"}


# ---- conversations ----------------------------------------------------------------------
SORTS = {
    "last_activity_at_desc": (lambda c: -c["last_activity_at"]),
    "latest": (lambda c: -c["last_activity_at"]),
    "last_activity_at_asc": (lambda c: c["last_activity_at"]),
    "created_at_asc": (lambda c: c["created_at"]),
    "sort_on_created_at": (lambda c: c["created_at"]),
    "created_at_desc": (lambda c: -c["created_at"]),
    "waiting_since_asc": (lambda c: (c["waiting_since"] or float("inf"))),
    "waiting_since_desc": (lambda c: -(c["waiting_since"] or 0)),
}


def conversation_query(model, req):
    """ConversationFinder: (meta counts, filtered+sorted list before pagination)."""
    import time as _time
    q = req.params
    user = req.user
    if q.get("conversation_type") == "participating":
        convs = [c for c in model.conversations.values() if user in c["participants"]]
    elif q.get("conversation_type") == "mention":
        convs = [c for c in model.conversations.values() if user in c["mentioned"]]
    else:
        convs = [c for c in model.conversations.values() if model.can_see(user, c)]
        if q.get("conversation_type") == "unattended":
            convs = [c for c in convs if not c["first_reply_created_at"] or c["waiting_since"]]
    if q.get("inbox_id") not in (None, ""):
        convs = [c for c in convs if c["inbox_id"] == int_or_none(q["inbox_id"])]
    status = q.get("status") or "open"
    text = q.get("q")
    if text:
        needle = text.lower()
        convs = [c for c in convs if any(needle in (m["content"] or "").lower()
                                         for m in model.messages[c["display_id"]])]
    elif status != "all":
        convs = [c for c in convs if c["status"] == status]
    labels = req.query.get("labels[]")
    if labels:
        convs = [c for c in convs if set(labels) & set(c["labels"])]
    if q.get("source_id"):
        convs = [c for c in convs if c["source_id"] == q["source_id"]]
    within = int_or_none(q.get("updated_within"))
    if within is not None:
        since = _time.time() - within
        convs = [c for c in convs if c["updated_at"] > since]
    meta = {
        "mine_count": sum(1 for c in convs if c["assignee_id"] == user),
        "assigned_count": sum(1 for c in convs if c["assignee_id"]),
        "unassigned_count": sum(1 for c in convs if not c["assignee_id"]),
        "all_count": len(convs),
    }
    kind = q.get("assignee_type")
    if kind == "me":
        convs = [c for c in convs if c["assignee_id"] == user]
    elif kind == "unassigned":
        convs = [c for c in convs if not c["assignee_id"]]
    elif kind == "assigned":
        convs = [c for c in convs if c["assignee_id"]]
    key = SORTS.get(q.get("sort_by") or "", SORTS["last_activity_at_desc"])
    convs.sort(key=lambda c: (key(c), c["display_id"]))
    if within is None:
        page = max(int_or_none(q.get("page")) or 1, 1)
        convs = convs[(page - 1) * CONVERSATIONS_PER_PAGE:page * CONVERSATIONS_PER_PAGE]
    return meta, convs


@route("GET", r"/conversations")
def conversations_index(model, req):
    meta, convs = conversation_query(model, req)
    return 200, {"data": {"meta": meta, "payload": [model.conversation_json(c) for c in convs]}}


@route("GET", r"/conversations/meta")
def conversations_meta(model, req):
    meta, _ = conversation_query(model, req)
    return 200, {"meta": meta}


@route("GET", r"/conversations/(\d+)")
def conversation_show(model, req, cid):
    return 200, model.conversation_json(visible_conv(model, req, cid))


@route("POST", r"/conversations")
def conversation_create(model, req):
    p = req.params
    inbox = model.inboxes.get(int_or_none(p.get("inbox_id")))
    contact = model.contacts.get(int_or_none(p.get("contact_id")))
    if inbox is None or contact is None:
        raise not_found()
    source_id = model.contact_inbox(contact, inbox, p.get("source_id"))
    status = p.get("status") if p.get("status") in STATUSES else "open"
    assignee = int_or_none(p.get("assignee_id"))
    display_id = model.add_conversation(inbox["id"], contact["id"], status=status,
                                        source_id=source_id)
    conv = model.conversations[display_id]
    if assignee in model.agents:
        model.assign(conv, assignee, req.user)
    message = p.get("message")
    if isinstance(message, dict) and message.get("content"):
        model.create_message(display_id, req.user, message["content"])
    return 200, model.conversation_json(conv)


@route("POST", r"/conversations/(\d+)/toggle_status")
def toggle_status(model, req, cid):
    conv = visible_conv(model, req, cid)
    status = req.params.get("status")
    if status is None:
        status = "resolved" if conv["status"] == "open" else "open"
    if status not in STATUSES:
        raise server_error()  # the enum's ArgumentError is not rescued by Chatwoot
    snoozed = req.params.get("snoozed_until")
    model.set_status(conv, status, req.user, int_or_none(snoozed))
    # should_assign_conversation?: an agent (not an administrator) who opens it takes it.
    if conv["status"] == "open" and model.agents[req.user]["role"] == "agent":
        model.assign(conv, req.user, req.user)
    return 200, {"meta": {}, "payload": {"success": True, "conversation_id": conv["display_id"],
                                         "current_status": conv["status"],
                                         "snoozed_until": conv["snoozed_until"]}}


@route("POST", r"/conversations/(\d+)/assignments")
def assignments(model, req, cid):
    conv = visible_conv(model, req, cid)
    if "assignee_id" not in req.params:  # team assignment and bots are not modelled
        return 200, None
    new = model.assign(conv, int_or_none(req.params.get("assignee_id")), req.user)
    return 200, model.agent_json(new) if new else None


@route("POST", r"/conversations/(\d+)/update_last_seen")
def update_last_seen(model, req, cid):
    import time as _time
    conv = visible_conv(model, req, cid)
    now = _time.time()
    conv["agent_last_seen_at"] = now  # update_columns: updated_at stays as it is
    if conv["assignee_id"] == req.user:
        conv["assignee_last_seen_at"] = now
    for n in model.notifications.values():
        if n["user_id"] == req.user and n["conversation"] == conv["display_id"] and not n["read_at"]:
            n["read_at"] = now
    return 200, model.conversation_json(conv)


@route("GET", r"/conversations/(\d+)/participants")
def participants_index(model, req, cid):
    conv = visible_conv(model, req, cid)
    return 200, [model.agent_json(u) for u in sorted(conv["participants"])]


def _user_ids(req):
    ids = req.params.get("user_ids")
    if ids is None:
        ids = req.query.get("user_ids[]", [])
    if not isinstance(ids, list):
        ids = [ids]
    return [i for i in (int_or_none(v) for v in ids) if i is not None]


@route("POST", r"/conversations/(\d+)/participants")
def participants_add(model, req, cid):
    conv = visible_conv(model, req, cid)
    added = [u for u in _user_ids(req) if u in model.agents and u not in conv["participants"]]
    for u in added:
        if model.assignable(u, conv["inbox_id"]):  # ensure_inbox_access; invalid ones are not saved
            conv["participants"].add(u)
    return 200, [model.agent_json(u) for u in added]


@route("PATCH", r"/conversations/(\d+)/participants")
def participants_update(model, req, cid):
    conv = visible_conv(model, req, cid)
    requested = set(_user_ids(req))
    kept = conv["participants"] & requested
    added = {u for u in requested - kept if model.assignable(u, conv["inbox_id"])}
    conv["participants"] = kept | added
    return 200, [model.agent_json(u) for u in sorted(conv["participants"])]


@route("DELETE", r"/conversations/(\d+)/participants")
def participants_delete(model, req, cid):
    conv = visible_conv(model, req, cid)
    if "user_ids" not in req.params and "user_ids[]" not in req.query:
        raise server_error()  # params[:user_ids].map on nil
    conv["participants"] -= set(_user_ids(req))
    return 200, b""


@route("GET", r"/conversations/(\d+)/attachments")
def conversation_attachments(model, req, cid):
    conv = visible_conv(model, req, cid)
    out = []
    for m in model.messages[conv["display_id"]]:
        for a in m["attachments"]:
            item = model.attachment_json(a)
            item["created_at"] = int(m["created_at"])
            item["sender"] = model.sender_json(m["sender"])
            out.append(item)
    out.reverse()
    page = max(int_or_none(req.params.get("page")) or 1, 1)
    return 200, {"meta": {"total_count": len(out)}, "payload": out[(page - 1) * 100:page * 100]}


# ---- messages ---------------------------------------------------------------------------
@route("GET", r"/conversations/(\d+)/messages")
def messages_index(model, req, cid):
    """MessageFinder: latest 20; before= 20 older; after= up to 100 newer; both: the range."""
    conv = visible_conv(model, req, cid)
    msgs = model.messages[conv["display_id"]]
    if req.params.get("filter_internal_messages") in ("true", True):
        msgs = [m for m in msgs if not m["private"] and m["message_type"] != MSG_ACTIVITY]
    before, after = int_or_none(req.params.get("before")), int_or_none(req.params.get("after"))
    if before is not None and after is not None:
        msgs = [m for m in msgs if after < m["id"] < before][-1000:]
    elif before is not None:
        msgs = [m for m in msgs if m["id"] < before][-20:]
    elif after is not None:
        msgs = [m for m in msgs if m["id"] > after][:100]
    else:
        msgs = msgs[-20:]
    meta = {"labels": conv["labels"], "additional_attributes": conv["additional_attributes"],
            "contact": model.contact_json(conv["contact_id"]),
            "agent_last_seen_at": int(conv["agent_last_seen_at"]) or None,
            "assignee_last_seen_at": int(conv["assignee_last_seen_at"]) or None}
    if conv["assignee_id"]:
        meta["assignee"] = model.agent_json(conv["assignee_id"])
    return 200, {"meta": meta, "payload": [model.message_json(m) for m in msgs]}


def truthy(value):
    return value in (True, "true", "1", 1, "on")


@route("POST", r"/conversations/(\d+)/messages")
def messages_create(model, req, cid):
    import json as _json
    conv = visible_conv(model, req, cid)
    p = req.params
    attrs = p.get("content_attributes")
    if isinstance(attrs, str):
        try:
            attrs = _json.loads(attrs)
        except ValueError:
            attrs = {}
    files = [f for f in req.files if f[0] is not None]
    if len(files) > 15:
        raise record_invalid(["Attachments exceeded the limit of 15"], ["attachments"])
    msg = model.create_message(conv["display_id"], req.user, p.get("content"),
                               private=truthy(p.get("private")),
                               message_type=p.get("message_type") or "outgoing", files=files,
                               echo_id=p.get("echo_id"), content_attributes=attrs)
    return 200, model.message_json(msg)


@route("DELETE", r"/conversations/(\d+)/messages/(\d+)")
def messages_delete(model, req, cid, mid):
    conv = visible_conv(model, req, cid)
    msg = next((m for m in model.messages[conv["display_id"]] if m["id"] == int(mid)), None)
    if msg is None:
        raise not_found()
    msg["content"] = "This message was deleted"
    msg["content_attributes"] = dict(msg["content_attributes"], deleted=True)
    msg["attachments"] = []
    return 200, model.message_json(msg)


# ---- contacts ---------------------------------------------------------------------------
@route("GET", r"/contacts/search")
def contacts_search(model, req):
    q = (req.params.get("q") or "").lower()
    if not q:
        raise ApiError(422, {"error": "Specify search string with parameter q"})
    hits = [c for c in model.contacts.values()
            if any(q in (c[k] or "").lower() for k in ("name", "email", "phone_number"))
            or q in (c["identifier"] or "")]
    hits.sort(key=lambda c: -(c["last_activity_at"] or 0))
    page = max(int_or_none(req.params.get("page")) or 1, 1)
    chunk = hits[(page - 1) * CONTACTS_PER_PAGE:page * CONTACTS_PER_PAGE]
    with_inboxes = req.params.get("include_contact_inboxes") not in ("false", False)
    return 200, {"meta": {"count": len(hits), "current_page": page,
                          "has_more": page * CONTACTS_PER_PAGE < len(hits)},
                 "payload": [model.contact_json(c["id"], with_inboxes) for c in chunk]}


@route("POST", r"/contacts")
def contacts_create(model, req):
    p = req.params
    phone, email = p.get("phone_number") or None, p.get("email") or None
    errors, attrs = [], []
    if phone and not PHONE_RE.search(phone):
        errors.append("Phone number should be in e164 format")
        attrs.append("phone_number")
    elif phone and any(c["phone_number"] == phone for c in model.contacts.values()):
        errors.append("Phone number has already been taken")
        attrs.append("phone_number")
    if email and any((c["email"] or "").lower() == email.lower() for c in model.contacts.values()):
        errors.append("Email has already been taken")
        attrs.append("email")
    if errors:
        raise record_invalid(errors, attrs)
    cid = model.add_contact(p.get("name") or "", phone, email, p.get("identifier"),
                            p.get("additional_attributes"))
    contact_inbox = {"inbox": None, "source_id": None}
    inbox = model.inboxes.get(int_or_none(p.get("inbox_id")))
    if inbox is not None:
        sid = model.contact_inbox(model.contacts[cid], inbox, p.get("source_id"))
        contact_inbox = {"inbox": model.inbox_json(inbox["id"]), "source_id": sid}
    return 200, {"payload": {"contact": model.contact_json(cid, True), "contact_inbox": contact_inbox}}


@route("GET", r"/contacts/(\d+)")
def contact_show(model, req, cid):
    if int(cid) not in model.contacts:
        raise not_found()
    return 200, {"payload": model.contact_json(int(cid), True)}


@route("GET", r"/contacts/(\d+)/contactable_inboxes")
def contactable_inboxes(model, req, cid):
    contact = model.contacts.get(int(cid))
    if contact is None:
        raise not_found()
    out = []
    for iid, inbox in sorted(model.inboxes.items()):
        if inbox["channel_type"] == "Channel::Telegram":
            continue  # ContactableInboxesService never offers Telegram
        try:
            sid = contact["contact_inboxes"].get(iid) or model.contact_inbox(dict(contact, contact_inboxes={}), inbox)
        except ApiError:
            continue
        out.append({"source_id": sid, "inbox": model.inbox_slim(iid)})
    return 200, {"payload": out}


@route("POST", r"/contacts/(\d+)/contact_inboxes")
def contact_inboxes_create(model, req, cid):
    contact = model.contacts.get(int(cid))
    inbox = model.inboxes.get(int_or_none(req.params.get("inbox_id")))
    if contact is None or inbox is None:
        raise not_found()
    sid = model.contact_inbox(contact, inbox, req.params.get("source_id"))
    return 200, {"id": contact["id"] * 1000 + inbox["id"], "contact_id": contact["id"],
                 "inbox": model.inbox_slim(inbox["id"]), "source_id": sid, "hmac_verified": False}


@route("GET", r"/contacts/(\d+)/conversations")
def contact_conversations(model, req, cid):
    convs = [c for c in model.conversations.values()
             if c["contact_id"] == int(cid) and model.can_see(req.user, c)]
    return 200, {"payload": [model.conversation_json(c) for c in convs]}


# ---- notifications ------------------------------------------------------------------------
def _my_notifications(model, req):
    return sorted((n for n in model.notifications.values() if n["user_id"] == req.user),
                  key=lambda n: -n["id"])


@route("GET", r"/notifications/unread_count")
def notifications_unread(model, req):
    return 200, sum(1 for n in _my_notifications(model, req) if not n["read_at"])


@route("GET", r"/notifications")
def notifications_index(model, req):
    mine = _my_notifications(model, req)
    unread = sum(1 for n in mine if not n["read_at"])
    if "read" not in req.query.get("includes[]", []):
        mine = [n for n in mine if not n["read_at"]]
    page = max(int_or_none(req.params.get("page")) or 1, 1)
    chunk = mine[(page - 1) * NOTIFICATIONS_PER_PAGE:page * NOTIFICATIONS_PER_PAGE]
    return 200, {"data": {"meta": {"unread_count": unread, "count": len(mine), "current_page": page},
                          "payload": [model.notification_json(n) for n in chunk]}}


@route("POST", r"/notifications/read_all")
def notifications_read_all(model, req):
    import time as _time
    only = int_or_none(req.params.get("primary_actor_id"))
    for n in _my_notifications(model, req):
        if only is None or model.conversations[n["conversation"]]["id"] == only:
            n["read_at"] = n["read_at"] or _time.time()
    return 200, b""

