"""Process helpers: stop gracefully with a deadline, then SIGKILL; whole process groups."""
import ctypes
import glob
import os
import signal
import subprocess
import time


def stop_popen(proc, term_timeout=5.0, sig=signal.SIGTERM):
    """SIGTERM (or `sig`), wait up to term_timeout, then SIGKILL. Returns the exit code."""
    if proc.poll() is not None:
        return proc.returncode
    try:
        proc.send_signal(sig)
    except ProcessLookupError:
        pass
    try:
        return proc.wait(term_timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait(5)


def _group_members(pgid):
    """PIDs (not zombies) whose process group is pgid."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        # fields[0] = state, fields[2] = pgrp
        if fields[0] != "Z" and int(fields[2]) == pgid:
            out.append(int(d))
    return out


def pid_alive(pid):
    """True while pid exists and is not a zombie (an orphan's zombie may linger unreaped)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2:].split()[0] != "Z"


def stop_pid(pid, term_timeout=5.0):
    """SIGTERM a process that is not our child, SIGKILL after term_timeout."""
    for s, limit in ((signal.SIGTERM, term_timeout), (signal.SIGKILL, 5.0)):
        if not pid_alive(pid):
            return
        try:
            os.kill(pid, s)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline and pid_alive(pid):
            time.sleep(0.02)


def group_alive(pgid):
    return bool(_group_members(pgid))


def stop_group(pgid, term_timeout=5.0, sig=signal.SIGTERM):
    """Signal a whole process group, wait until all members are gone, SIGKILL after term_timeout."""
    for s, limit in ((sig, term_timeout), (signal.SIGKILL, 5.0)):
        if not group_alive(pgid):
            return
        try:
            os.killpg(pgid, s)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline and group_alive(pgid):
            time.sleep(0.05)
    if group_alive(pgid):
        raise RuntimeError(f"process group {pgid} survived SIGKILL: {_group_members(pgid)}")


_libc = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1


def die_with_parent():
    """preexec_fn for Popen: the child gets SIGKILL if the test process dies (e.g. pytest killed
    by a ctest timeout before any finalizer ran), so no baresip/telpanel outlives its test."""
    _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def sweep_orphans(pattern="/tmp/telpanel-e2e-*"):
    """Kill what a dead test process left behind: each run dir holds owner.pid (the pytest
    process) and the pids of the daemons it started that are not its children (kamailio's
    group in kamailio.pgid, dbus-daemon in dbus.pid). Only dirs whose owner is gone are swept,
    so parallel test processes are left alone."""
    for d in glob.glob(pattern):
        try:
            with open(os.path.join(d, "owner.pid")) as f:
                owner = int(f.read())
        except (OSError, ValueError):
            continue
        if pid_alive(owner):
            continue
        for name, kill in (("kamailio.pgid", lambda n: stop_group(n, 0, signal.SIGKILL)),
                           ("dbus.pid", lambda n: stop_pid(n, 0))):
            for path in glob.glob(os.path.join(d, "**", name), recursive=True):
                try:
                    with open(path) as f:
                        n = int(f.read())
                    kill(n)
                    os.unlink(path)
                except (OSError, ValueError, RuntimeError):
                    pass


def read_log(path):
    """The whole text of a process's log file, or "" while it does not exist yet."""
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""
