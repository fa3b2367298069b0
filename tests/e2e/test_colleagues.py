"""The colleague list against a real Kamailio: a colleague who never ran the panel (baresip)
shows available while registered and offline/unreachable once its registration ends; on_call
follows Kamailio's dialog-info while a call runs; subscriptions come back after a Kamailio
restart."""
from support import timeouts
from support.poll import wait_for
from support.presence import colleague, colleague_sections, wait_colleague

UPDATE = 5 * timeouts._SCALE


def start_panel(panel, *extensions, **presence_keys):
    panel.write_config(register_expires=10,
                       more_sections=colleague_sections(*extensions, **presence_keys))
    panel.start()
    panel.start_watch()
    panel.wait_registration("registered", timeouts.REGISTER)


def test_baresip_colleague_online_on_call_then_unreachable(panel, kamailio, baresip):
    start_panel(panel, "1002", "1003")
    b2 = baresip("1002")
    b3 = baresip("1003")
    # PRES-5: neither baresip publishes presence; registered means available.
    for ext in ("1002", "1003"):
        wait_colleague(panel, ext, UPDATE, "registered, never published", presence="available",
                       reachable=True, on_call=False)
    b2.dial("1003")
    b2.wait_event("CALL_ESTABLISHED")
    for ext in ("1002", "1003"):
        wait_colleague(panel, ext, UPDATE, "in a call with each other", on_call=True)
    assert colleague(panel, "1002")["presence"] == "available"
    b2.hangup()
    for ext in ("1002", "1003"):
        wait_colleague(panel, ext, UPDATE, "after the hang-up", on_call=False)
    # `watch` saw the colleague events on the way.
    panel.watch.wait(lambda e: e.get("event") == "colleague" and e.get("extension") == "1003"
                     and e.get("on_call") is True, 1, "a colleague event with on_call true")
    b3.stop()  # SIGTERM: baresip un-REGISTERs
    row = wait_colleague(panel, "1003", UPDATE, "registration ended", reachable=False,
                         presence="offline")
    assert row["last_seen"], row
    assert colleague(panel, "1002")["reachable"] is True


def test_subscriptions_and_publication_come_back_after_kamailio_restart(panel, kamailio,
                                                                        baresip):
    start_panel(panel, "1002", subscribe_expires=20)
    b2 = baresip("1002")
    wait_colleague(panel, "1002", UPDATE, "registered", presence="available", reachable=True)
    panel.ctl("presence", "set", "busy")
    kamailio.kill()  # forgets registrations, presentities and subscriptions
    kamailio.start()
    b2.stop()
    b2 = baresip("1002")  # registers with the new Kamailio
    kamailio.wait_registered("1001", timeouts.RECOVERY)
    # Our status reaches a watcher who subscribes only to the new Kamailio: published again.
    b3 = baresip("1003", presence=True, watch=("1001",))
    wait_for(lambda: "Busy" in b3.cmd("contacts"), timeouts.RECOVERY,
             "baresip sees 1001 Busy through the restarted Kamailio")
    # Only fresh subscriptions on the new Kamailio can report the new call.
    b2.dial("1001")
    incoming = panel.wait_incoming(peer_user="1002")
    panel.ctl("answer", incoming["id"])
    wait_colleague(panel, "1002", timeouts.RECOVERY, "on a call, seen through new subscriptions",
                   on_call=True, reachable=True)


def test_linphone_colleague_available_on_call_and_gone(run_dir, ports, panel, kamailio,
                                                        request):
    from support.linphone import Linphone
    start_panel(panel, "1004")
    lp = Linphone(run_dir, kamailio, ports, user="1004")
    request.addfinalizer(lp.stop)
    lp.start()
    wait_colleague(panel, "1004", UPDATE, "Linphone registered (publish=0)", presence="available",
                   reachable=True, on_call=False)
    call = panel.dial("1004")  # linphonec -a answers by itself
    panel.wait_call_state(call, "active")
    wait_colleague(panel, "1004", UPDATE, "in our call", on_call=True)
    panel.ctl("hangup", call)
    wait_colleague(panel, "1004", UPDATE, "after the hang-up", on_call=False)
    lp.stop()  # quits: un-REGISTER
    wait_colleague(panel, "1004", UPDATE, "Linphone gone", reachable=False, presence="offline")
