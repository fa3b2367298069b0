"""Waiting for conditions with deadlines (never a bare sleep standing in for a condition)."""
import time


class WaitTimeout(AssertionError):
    pass


def wait_for(predicate, timeout, message, interval=0.05):
    """Call predicate() until it returns a truthy value, which is returned.

    Exceptions raised by predicate count as "not yet" and the last one is reported when the
    deadline passes, together with the last returned value, as an AssertionError."""
    deadline = time.monotonic() + timeout
    last, last_exc = None, None
    while True:
        try:
            last = predicate()
            last_exc = None
            if last:
                return last
        except Exception as e:  # noqa: BLE001 -- reported below
            last_exc = e
        if time.monotonic() >= deadline:
            detail = f"; last value: {last!r}" if last_exc is None else f"; last error: {last_exc!r}"
            raise WaitTimeout(f"timed out after {timeout:g} s waiting for: {message}{detail}")
        time.sleep(interval)


def hold_true(predicate, duration, message, interval=0.05):
    """Assert predicate() stays truthy for `duration` seconds (for "nothing happens" checks)."""
    deadline = time.monotonic() + duration
    while time.monotonic() < deadline:
        value = predicate()
        assert value, f"{message} (became {value!r})"
        time.sleep(interval)


def wait_in_list(cv, items, predicate, timeout, since=0):
    """The first of items[since:] satisfying predicate, waiting on the Condition `cv` (which
    guards `items` and is notified on every append) until the deadline; None if none came."""
    deadline = time.monotonic() + timeout
    with cv:
        while True:
            for item in items[since:]:
                if predicate(item):
                    return item
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            cv.wait(left)
