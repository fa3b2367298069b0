"""Registration against a real Kamailio: success, wrong password, registrar down/up, crash."""
import re

from support import timeouts
from support.poll import wait_for


def test_register_ok_and_kamailio_has_the_contact(registered_panel, kamailio):
    reg = registered_panel.registration()
    assert reg["state"] == "registered"
    contacts = kamailio.wait_registered("1001")
    assert any(f":{registered_panel.sip_port}" in c for c in contacts), \
        f"the contact should be the panel's configured sip_port {registered_panel.sip_port}: {contacts}"


def test_register_over_tcp(panel, kamailio):
    panel.write_config(transport="tcp")
    panel.start()
    panel.wait_registration("registered", timeouts.REGISTER)
    kamailio.wait_registered("1001")
    assert "Socket: tcp:" in kamailio.contact_details("1001")


def test_wrong_password_fails_with_clear_reason(panel, kamailio):
    panel.write_config(password="not-the-password")
    panel.start()
    reg = panel.wait_registration("failed", timeouts.REGISTER_FAIL)
    assert re.search(r"wrong password|40[13]|forbidden|unauthori[sz]ed", reg["reason"], re.I), reg
    assert kamailio.contacts("1001") == []


def test_registrar_down_at_start_then_up_registers_by_itself(panel, kamailio_stopped):
    panel.write_config(register_expires=10)
    panel.start()
    reg = panel.wait_registration("failed", timeouts.UNREACHABLE_FAIL)
    assert reg["reason"].startswith("unreachable"), reg
    kamailio_stopped.start()
    panel.wait_registration("registered", timeouts.RECOVERY)
    kamailio_stopped.wait_registered("1001")


def test_registrar_killed_and_restarted_panel_registers_again(panel, kamailio):
    panel.write_config(register_expires=10)  # Kamailio's min_expires: refresh within ~10 s
    panel.start()
    panel.wait_registration("registered", timeouts.REGISTER)
    kamailio.wait_registered("1001")
    kamailio.kill()  # SIGKILL: Kamailio forgets every registration
    # the panel must notice at its next refresh instead of claiming "registered" forever
    wait_for(lambda: panel.registration()["state"] != "registered", timeouts.RECOVERY,
             "panel reports the registration lost while Kamailio is down")
    kamailio.start()
    assert kamailio.contacts("1001") == []
    panel.wait_registration("registered", timeouts.RECOVERY)
    kamailio.wait_registered("1001")  # a real new REGISTER reached the restarted registrar
