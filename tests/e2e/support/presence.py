"""Presence helpers for the e2e tests: a second telpanel and waits on colleague rows."""
import os

from .panel import Panel
from .poll import wait_for


def colleague_sections(*extensions, **presence_keys):
    """[colleague:EXT] groups (plus a [presence] group from keyword arguments) for write_config's
    more_sections."""
    sections = [(f"colleague:{e}", {"name": f"User {e}", "position": "agent", "groups": "support"})
                for e in extensions]
    if presence_keys:
        sections.append(("presence", presence_keys))
    return sections


def second_panel(run_dir, kamailio, ports, user):
    """Another telpanel (own XDG dirs and bus) for `user`; the caller must shutdown() it."""
    return Panel(os.path.join(run_dir, f"panel-{user}"), kamailio, ports, user=user)


def colleague(panel, extension):
    for c in panel.ctl("colleagues"):
        if c["extension"] == extension:
            return c
    raise AssertionError(f"{extension} is not in `telpanelctl colleagues`")


def wait_colleague(panel, extension, timeout, message, **fields):
    """Wait until the colleague row has every field equal to the given value."""
    def ok():
        c = colleague(panel, extension)
        return c if all(c.get(k) == v for k, v in fields.items()) else None
    return wait_for(ok, timeout, f"{extension} seen with {fields}: {message}")
