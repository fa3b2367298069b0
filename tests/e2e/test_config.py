"""Config file handling of the real binary."""
from support import timeouts


def test_config_with_password_readable_by_others_is_refused(panel):
    panel.write_config(mode=0o644)
    panel.start(wait_ready=False)
    rc = panel.wait_exit(timeouts.PANEL_START)
    assert rc == 2, f"exit code {rc}, expected 2; log:\n{panel.log()}"
    log = panel.log()
    assert "telpanel.conf" in log or "0600" in log or "permission" in log.lower(), \
        f"no clear message about the config file's mode on stderr:\n{log}"


def test_config_with_password_mode_0600_is_accepted(panel, kamailio):
    panel.write_config(mode=0o600)
    panel.start()
    panel.wait_registration("registered", timeouts.REGISTER)
    assert panel.proc.poll() is None


def test_start_minimized_that_is_not_a_boolean_is_refused_with_the_key(panel):
    panel.write_config(general={"start_minimized": "yes please"})
    panel.start(wait_ready=False)
    rc = panel.wait_exit(timeouts.PANEL_START)
    assert rc == 2, f"exit code {rc}, expected 2; log:\n{panel.log()}"
    assert "[general] start_minimized=yes please must be true or false" in panel.log(), panel.log()
