"""Helpers of the chat end-to-end tests: a telpanel configured with only [chat] against the
fake Chatwoot (support/fake_chatwoot.py), driven through `telpanelctl chats` / `chat ...`."""
import os

import pytest

from .fake_chatwoot import FakeChatwoot
from .panel import Panel
from .poll import wait_for
from . import timeouts

# Deadlines for chat conditions (seconds, scaled like the others).
_SCALE = float(os.environ.get("E2E_TIMEOUT_SCALE", "1"))
SYNC = 15 * _SCALE        # a server-side change until the panel shows it (polls every 1 s)
SEND = 15 * _SCALE        # a reply until the server has it


def write_chat_config(panel, cw, token, mode=0o600, **keys):
    """telpanel.conf with no SIP account and a [chat] group for `cw` and `token`; `keys`
    override or add [chat] keys (poll_interval, resync_interval, request_budget, ...)."""
    chat = {"url": cw.url, "account_id": cw.account_id, "token": token, "poll_interval": 1,
            "resync_interval": 3, "backoff_max": 4, "take_settle_ms": 1000}
    if cw.ca_file:
        chat["ca_file"] = cw.ca_file
    chat.update(keys)
    lines = ["[general]", "region=RU", "", "[chat]"] + [f"{k}={v}" for k, v in chat.items() if v is not None]
    os.makedirs(os.path.dirname(panel.config_path), mode=0o700, exist_ok=True)
    fd = os.open(panel.config_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.chmod(panel.config_path, mode)


def chats(panel, group=None):
    args = ["chats"] + (["--group", group] if group else [])
    return panel.ctl(*args)


def chat_status(panel):
    return panel.ctl("chat", "status")


def chat_ids(panel, group):
    return sorted(c["id"] for c in chats(panel, group))


def wait_ready(panel, timeout=None):
    """The panel knows who it is and has finished its first resync."""
    return wait_for(lambda: panel._check_alive() and chat_status(panel)["ready"],
                    timeout or SYNC, "chat service ready")


def wait_group(panel, group, ids, timeout=None):
    """Group `group` holds exactly `ids`."""
    want = sorted(ids)
    return wait_for(lambda: chat_ids(panel, group) == want, timeout or SYNC,
                    f"group {group} == {want}")


@pytest.fixture
def cw():
    with FakeChatwoot(port=0) as server:
        yield server


@pytest.fixture
def chat_panels(request, run_dir, ports, kamailio_stopped):
    """Factory: chat_panels(name, cw, token, **keys) -> a started panel with only [chat]."""
    made = []

    def make(name, server, token, start=True, **keys):
        p = Panel(os.path.join(run_dir, name), kamailio_stopped, ports)
        made.append(p)
        if not hasattr(request.node, "_e2e_logs"):
            request.node._e2e_logs = []
        request.node._e2e_logs.append((f"telpanel {name} log", p.log))
        write_chat_config(p, server, token, **keys)
        if start:
            p.start()
            p.start_watch()
        return p

    yield make
    for p in made:
        p.shutdown()
