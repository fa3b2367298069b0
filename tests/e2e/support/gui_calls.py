"""Calls driven from the baresip side while a windowed telpanel runs (the GUI tests of the
journal, the player and the call window): waits check that the window's process is still alive,
so a crash is reported as one rather than as a timeout."""
from . import timeouts
from .poll import wait_for


def open_window(gui, extra_env=None, online="Online", restart=False, **gui_args):
    """Starts the windowed panel (gui(...) arguments pass through; `restart`: again on the same
    display, gui.restart) and waits until its registration label says `online` (in the
    window's language)."""
    window, ui, shot = gui.restart(extra_env) if restart else gui(extra_env, **gui_args)
    window.x_focus(window.x_window())
    ui.wait_app()
    ui.find("label", name=online, timeout=timeouts.REGISTER)
    return window, ui, shot


def ringing(window, panel, peer):
    """The incoming call from `peer`, once the panel says it rings."""
    def find():
        window.check_alive()
        return next((c for c in panel.calls() if c["direction"] == "incoming"
                     and c["state"] == "ringing" and c["peer"].startswith(f"sip:{peer.user}@")),
                    None)
    return wait_for(find, timeouts.CALL_SETUP, f"the call from {peer.user} rings")


def missed_call(window, panel, peer):
    """`peer` calls and gives up before anyone answers; returns the call."""
    m = peer.mark()
    peer.dial(panel.user)
    call = ringing(window, panel, peer)
    peer.hangup()
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
    panel.wait_call_gone_or_ended(call["id"])
    return call


def answered_call(window, panel, peer):
    """`peer` calls the panel, which answers; returns the call once both ends talk."""
    m = peer.mark()
    peer.dial(panel.user)
    call = ringing(window, panel, peer)
    panel.ctl("answer", call["id"], as_json=False)
    peer.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    return call


def hang_up(panel, peer, call_id):
    m = peer.mark()
    panel.ctl("hangup", call_id, as_json=False)
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
