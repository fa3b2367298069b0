"""A headless desktop for the window tests: Xvfb, an AT-SPI bus, the real `telpanel` window
(no --headless) and a driver that reads and presses widgets through AT-SPI (dogtail).

Every class has a stop() that the test's finalizers call; waits use deadlines (support.poll).

Why the AT-SPI side runs in a child process (AtspiDriver): libatspi caches its connection to
the accessibility bus for the life of the process, and every test has its own X display and
D-Bus session bus, so one pytest process cannot talk to two tests' buses. The child is this
file run as a script; it reads one JSON command per line and answers one JSON line.

Notes (learned from the GTK test-infrastructure reference, section 2 and "Gotchas"):
- NO_AT_BRIDGE=1 (set by ctest for every test, and by Panel.env) turns AT-SPI off in GTK, so the
  window is started without it.
- D-Bus-activated services get the bus's environment, not ours; the private session bus was
  started without DISPLAY, so the AT-SPI bus launcher is started here explicitly, with DISPLAY,
  and the registry daemon it activates (which synthesizes the clicks and keys) inherits it.
- `xdotool search --sync` can wait forever; the window is polled without --sync, each call under
  a timeout."""
import json
import os
import shutil
import subprocess
import sys
import threading
import time

if __package__:
    from .poll import wait_for
    from .procs import stop_popen, stop_group
    from .panel import TELPANEL_BIN

PYTHON = "/usr/bin/python3"  # Debian's: it has dogtail (pyenv's python3 on PATH does not)
AT_SPI_BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
SHOTS_COPY_DIR = os.environ.get("E2E_GUI_SHOTS", "/tmp/gui-shots")

X_START = 10          # Xvfb up and answering xdpyinfo
ATSPI_START = 10      # org.a11y.Bus owned on the session bus
WINDOW = 15           # telpanel started until its window is mapped and on AT-SPI
WIDGET = 10           # a widget appears / changes on AT-SPI


def _run(argv, env, timeout=10):
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


class Xvfb:
    """Xvfb on a display number it picks itself (-displayfd: written once the server is ready),
    then confirmed with xdpyinfo."""

    def __init__(self, log_dir, screen="1366x768x24"):
        self.log_path = os.path.join(log_dir, "xvfb.log")
        self._log = open(self.log_path, "ab")
        rfd, wfd = os.pipe()
        try:
            self.proc = subprocess.Popen(
                ["Xvfb", "-displayfd", str(wfd), "-screen", "0", screen, "-nolisten", "tcp",
                 "-noreset"],
                stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
                pass_fds=(wfd,), start_new_session=True)
        finally:
            os.close(wfd)
        self.display = None
        try:
            number = self._read_display(rfd, X_START)
        finally:
            os.close(rfd)
        self.display = f":{number}"
        wait_for(lambda: _run(["xdpyinfo"], self.env_for({}), timeout=5).returncode == 0,
                 X_START, f"xdpyinfo answers on {self.display}")

    def _read_display(self, rfd, timeout):
        buf = b""
        deadline = time.monotonic() + timeout
        os.set_blocking(rfd, False)
        while not buf.endswith(b"\n"):
            if self.proc.poll() is not None:
                raise AssertionError(f"Xvfb exited with {self.proc.returncode}: {self.log()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"Xvfb reported no display within {timeout} s: {self.log()}")
            try:
                chunk = os.read(rfd, 64)
            except BlockingIOError:
                time.sleep(0.05)
                continue
            if not chunk:
                raise AssertionError(f"Xvfb closed -displayfd without a number: {self.log()}")
            buf += chunk
        return int(buf.strip())

    def env_for(self, env):
        env = dict(env)
        env["DISPLAY"] = self.display
        env["GDK_BACKEND"] = "x11"
        env.pop("WAYLAND_DISPLAY", None)
        return env

    def screenshot(self, path, copy_name=None):
        """The whole screen as PNG; also copied to SHOTS_COPY_DIR/copy_name (for people)."""
        r = _run(["import", "-window", "root", path], self.env_for(os.environ), timeout=20)
        assert r.returncode == 0 and os.path.getsize(path) > 0, f"import failed: {r.stderr}"
        if copy_name:
            os.makedirs(SHOTS_COPY_DIR, exist_ok=True)
            shutil.copyfile(path, os.path.join(SHOTS_COPY_DIR, copy_name))
        return path

    def log(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()[-5000:]

    def stop(self):
        stop_popen(self.proc, 5.0)
        self._log.close()


class AtspiBus:
    """at-spi-bus-launcher on the test's session bus, with DISPLAY; in its own process group so
    the accessibility dbus-daemon and at-spi2-registryd it starts are stopped with it."""

    def __init__(self, env, log_dir):
        self.env = env
        self.log_path = os.path.join(log_dir, "at-spi.log")
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([AT_SPI_BUS_LAUNCHER, "--launch-immediately"], env=env,
                                     stdin=subprocess.DEVNULL, stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        wait_for(lambda: self._alive() and self._owned(), ATSPI_START,
                 "org.a11y.Bus owned on the session bus")

    def _alive(self):
        if self.proc.poll() is not None:
            raise AssertionError(f"at-spi-bus-launcher exited with {self.proc.returncode}")
        return True

    def _owned(self):
        r = _run(["gdbus", "call", "--session", "-d", "org.freedesktop.DBus",
                  "-o", "/org/freedesktop/DBus", "-m", "org.freedesktop.DBus.NameHasOwner",
                  "org.a11y.Bus"], self.env, timeout=5)
        return r.returncode == 0 and "true" in r.stdout

    def log(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()[-5000:]

    def stop(self):
        try:
            stop_group(self.proc.pid, 5.0)
        finally:
            self.proc.poll()
            self._log.close()


class GuiPanel:
    """`telpanel` with its window (no --headless), in the Panel's environment (config, XDG dirs,
    session bus) plus DISPLAY and AT-SPI. Its output goes to the Panel's log file, so the
    fixtures attach it to a failure report."""

    def __init__(self, panel, xvfb, extra_env=None):
        self.panel = panel
        env = xvfb.env_for(panel.env)
        env.pop("NO_AT_BRIDGE", None)  # ctest and Panel.env set it; it would hide every widget
        env.update(extra_env or {})
        self.env = env
        self._log = open(panel.log_path, "ab")
        self._log.write(f"===== start (window) {time.strftime('%H:%M:%S')} =====\n".encode())
        self._log.flush()
        self.proc = subprocess.Popen([TELPANEL_BIN], env=env, stdin=subprocess.DEVNULL,
                                     stdout=self._log, stderr=subprocess.STDOUT)
        wait_for(lambda: self.check_alive() and panel.status(), WINDOW,
                 "the windowed telpanel answers `telpanelctl status --json`")

    def check_alive(self):
        if self.proc.poll() is not None:
            raise AssertionError(f"telpanel exited with {self.proc.returncode}; log:\n"
                                 f"{self.panel.log()[-5000:]}")
        return True

    def x_window(self, timeout=WINDOW):
        """The X id of telpanel's mapped top-level window (WM_CLASS telpanel)."""
        def find():
            self.check_alive()
            r = _run(["xdotool", "search", "--onlyvisible", "--classname", "telpanel"],
                     self.env, timeout=5)
            ids = r.stdout.split()
            return ids[0] if ids else None
        return wait_for(find, timeout, "telpanel's window is mapped")

    def x_focus(self, wid):
        """Keyboard focus to the window; without a window manager `windowactivate` can't work."""
        r = _run(["xdotool", "windowfocus", "--sync", wid], self.env, timeout=10)
        assert r.returncode == 0, f"xdotool windowfocus: {r.stderr}"

    def x_title(self, wid):
        return _run(["xdotool", "getwindowname", wid], self.env, timeout=5).stdout.strip()

    def stop(self):
        # The window has no SIGTERM handler: the process just ends (no un-REGISTER; the
        # registrar's bindings die with the test's Kamailio).
        try:
            stop_popen(self.proc, 5.0)
        finally:
            self._log.close()


def name_owned(env, name):
    r = _run(["gdbus", "call", "--session", "-d", "org.freedesktop.DBus", "-o",
              "/org/freedesktop/DBus", "-m", "org.freedesktop.DBus.NameHasOwner", name], env,
             timeout=5)
    return r.returncode == 0 and "true" in r.stdout


class BusHelper:
    """A python3-gi helper from this folder on the test's session bus (fake tray watcher,
    fake notification server); started before telpanel, its stdout kept in a log."""

    def __init__(self, script, bus_name, env, log_dir, args=()):
        self.log_path = os.path.join(log_dir, os.path.splitext(script)[0] + ".log")
        self._log = open(self.log_path, "ab")
        here = os.path.dirname(os.path.abspath(__file__))
        self.proc = subprocess.Popen([PYTHON, os.path.join(here, script), *args], env=env,
                                     stdin=subprocess.DEVNULL, stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        wait_for(lambda: self._alive() and name_owned(env, bus_name), ATSPI_START,
                 f"{bus_name} owned by {script}")

    def _alive(self):
        if self.proc.poll() is not None:
            raise AssertionError(f"{self.log_path} exited with {self.proc.returncode}: {self.log()}")
        return True

    def log(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def json_lines(self):
        out = []
        for line in self.log().splitlines():
            if line.startswith("{"):
                out.append(json.loads(line))
        return out

    def stop(self):
        stop_popen(self.proc, 5.0)
        self._log.close()


def sni(env, *args):
    args = args or ("list",)
    """Runs sni_probe.py (list | click LABEL) on the test's bus; its JSON answer."""
    here = os.path.dirname(os.path.abspath(__file__))
    r = _run([PYTHON, os.path.join(here, "sni_probe.py"), *args], env, timeout=15)
    assert r.returncode == 0, f"sni_probe {args}: rc {r.returncode} {r.stdout} {r.stderr}"
    return json.loads(r.stdout)


def set_clipboard(env, text):
    """Puts text on the X CLIPBOARD (xclip serves it in the background until the display goes)."""
    p = subprocess.Popen(["xclip", "-selection", "clipboard", "-i"], env=env,
                         stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    p.communicate(text.encode(), timeout=10)
    assert p.returncode == 0, "xclip failed"


class DriverError(AssertionError):
    pass


class AtspiDriver:
    """Client of the AT-SPI child process (this file run as a script). Widgets are addressed by
    accessible role and name; `near` picks the one inside the same container as a label whose
    text contains the given string (e.g. the "Hang up" of the call to 1002)."""

    def __init__(self, env, log_dir, app="telpanel"):
        self.log_path = os.path.join(log_dir, "atspi-driver.log")
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([PYTHON, os.path.abspath(__file__), app], env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self._log, text=True, bufsize=1,
                                     start_new_session=True)
        self._lock = threading.Lock()

    def _call(self, op, timeout, **args):
        with self._lock:
            if self.proc.poll() is not None:
                raise DriverError(f"AT-SPI driver exited with {self.proc.returncode}: {self.log()}")
            self.proc.stdin.write(json.dumps({"op": op, "timeout": timeout, **args}) + "\n")
            self.proc.stdin.flush()
            # The driver keeps its own deadline; this one only guards against a hung child.
            result = {}

            def rx():
                result["line"] = self.proc.stdout.readline()
            t = threading.Thread(target=rx, daemon=True)
            t.start()
            t.join(timeout + 20)
            if t.is_alive():
                self.stop()
                raise DriverError(f"AT-SPI driver did not answer {op} in {timeout + 20} s: {self.log()}")
        if not result["line"]:
            raise DriverError(f"AT-SPI driver died during {op}: {self.log()}")
        reply = json.loads(result["line"])
        if not reply.get("ok"):
            raise DriverError(f"AT-SPI {op} {args}: {reply.get('error')}")
        return reply.get("value")

    def wait_app(self, timeout=WINDOW):
        """Waits until the application and its frame are on the AT-SPI bus; the frame's name."""
        return self._call("app", timeout)

    def find(self, role, name=None, contains=None, near=None, timeout=WIDGET):
        """Waits for a showing widget; returns {name, role, text, showing, sensitive, x, y, w, h}."""
        return self._call("find", timeout, role=role, name=name, contains=contains, near=near)

    def gone(self, role, name=None, contains=None, near=None, timeout=WIDGET):
        """Waits until no showing widget matches."""
        return self._call("gone", timeout, role=role, name=name, contains=contains, near=near)

    def all(self, role, timeout=WIDGET):
        """Every showing widget of a role, [{name, text, ...}], once at least one exists."""
        return self._call("all", timeout, role=role)

    def click(self, role, name=None, contains=None, near=None, timeout=WIDGET):
        """A real left click (XTest, via at-spi2-registryd) in the middle of the widget."""
        return self._call("click", timeout, role=role, name=name, contains=contains, near=near)

    def type_text(self, role, text, name=None, contains=None, timeout=WIDGET, replace=False):
        """Keyboard focus to the widget, then real key presses (XTest), one per character;
        with replace, Ctrl+A first so the typing replaces what the field holds.
        ASCII only: the first non-ASCII character can get lost (use set_text for those)."""
        return self._call("type", timeout, role=role, name=name, contains=contains, text=text,
                          replace=replace)

    def paste(self, role, name=None, timeout=WIDGET):
        """Click into the widget, then Ctrl+V (real key presses): what a person does to paste."""
        return self._call("paste", timeout, role=role, name=name)

    def drag(self, role, to, name=None, timeout=WIDGET):
        """A real mouse drag (XTest) from the middle of the widget to the screen point `to`."""
        return self._call("drag", timeout, role=role, name=name, to=list(to))

    def keys(self, combo, timeout=WIDGET):
        """A key combination to the focused window, e.g. "<Control>m" or "Return"."""
        return self._call("keys", timeout, combo=combo)

    def frames(self, timeout=WIDGET):
        """Names of the application's showing top-level windows."""
        return self._call("frames", timeout)

    def dump(self):
        return self._call("dump", 10)

    def log(self):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()[-5000:]
        except OSError:
            return ""

    def stop(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(3)
            except subprocess.TimeoutExpired:
                stop_group(self.proc.pid, 2.0)
        self.proc.wait(5)
        self._log.close()


# --------------------------------------------------------------------------------------------
# The child process: python3 gui.py APPNAME, JSON commands on stdin.

def _driver_main(app_name):
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # dogtail logs to stdout: keep the reply channel clean
    sys.stdout = sys.stderr

    from dogtail.config import config
    config.checkForA11y = False   # it reads a GNOME gsetting that doesn't exist here
    config.logDebugToFile = False
    config.actionDelay = 0.2
    config.defaultDelay = 0.2
    config.typingDelay = 0.05
    config.searchBackoffDuration = 0.2
    config.searchCutoffCount = 1
    from dogtail import tree

    state = {"app": None}

    def application():
        if state["app"] is not None:
            try:
                if state["app"].name == app_name:
                    return state["app"]
            except Exception:  # noqa: BLE001 -- gone: look again
                pass
            state["app"] = None
        for a in tree.root.children:
            try:
                if a.name == app_name:
                    state["app"] = a
                    return a
            except Exception:  # noqa: BLE001
                continue
        return None

    def info(n):
        try:
            text = n.text
        except Exception:  # noqa: BLE001
            text = None
        try:
            value = n.value  # AT-SPI Value (a slider's position); None without one
        except Exception:  # noqa: BLE001
            value = None
        x, y = n.position
        w, h = n.size
        # checked: a toggle button pressed in, a check box ticked; description: the tooltip
        return {"name": n.name, "role": n.roleName, "text": text, "showing": n.showing,
                "sensitive": n.sensitive, "checked": n.checked, "description": n.description,
                "value": value, "x": x, "y": y, "w": w, "h": h}

    def matches(n, role, name, contains):
        if n.roleName != role or not n.showing:
            return False
        if name is not None and n.name != name:
            return False
        if contains is not None:
            text = n.name or ""
            try:
                text += "\n" + (n.text or "")
            except Exception:  # noqa: BLE001
                pass
            if contains not in text:
                return False
        return True

    def search(role, name=None, contains=None, near=None):
        app = application()
        if app is None:
            return []
        pred = lambda n: matches(n, role, name, contains)  # noqa: E731
        if near is None:
            return unique(app.findChildren(pred, isLambda=True))
        found = []
        for label in app.findChildren(lambda n: matches(n, "label", None, near), isLambda=True):
            found += label.parent.findChildren(pred, isLambda=True)
        return unique(found)

    def unique(nodes):
        """One node per widget: a combo box's open menu is reachable both under the combo and
        under its popup window, so its items come twice (same role, name and rectangle)."""
        seen, out = set(), []
        for n in nodes:
            key = (n.roleName, n.name, tuple(n.position), tuple(n.size))
            if key not in seen:
                seen.add(key)
                out.append(n)
        return out

    def poll(fn, timeout, what):
        deadline = time.monotonic() + timeout
        last_exc = None
        while True:
            try:
                v = fn()
                if v:
                    return v
            except Ambiguous:
                raise
            except Exception as e:  # noqa: BLE001 -- the tree changes under us: try again
                last_exc = e
            if time.monotonic() >= deadline:
                raise TimeoutError(f"timed out after {timeout} s waiting for {what}"
                                   + (f" (last error {last_exc!r})" if last_exc else ""))
            time.sleep(0.1)

    class Ambiguous(Exception):
        pass

    def one(cmd, act=info):
        """Finds the one matching widget and returns act(node); finding and acting are retried
        together until the deadline, since a widget found can be replaced before it is used
        (its AT-SPI object then no longer exists). Several matches fail at once."""
        what = f"{cmd['role']} name={cmd.get('name')!r} contains={cmd.get('contains')!r} near={cmd.get('near')!r}"

        def attempt():
            nodes = search(cmd["role"], cmd.get("name"), cmd.get("contains"), cmd.get("near"))
            if len(nodes) > 1:
                raise Ambiguous(f"{len(nodes)} widgets match {what}: {[info(n) for n in nodes]}")
            return nodes and [act(nodes[0])]
        try:
            return poll(attempt, cmd["timeout"], what)[0]
        except Ambiguous as e:
            raise LookupError(str(e)) from None

    def op_app(cmd):
        def frame():
            app = application()
            return app and app.findChildren(lambda n: n.roleName == "frame" and n.showing,
                                            isLambda=True, recursive=False)
        return poll(frame, cmd["timeout"], f"application {app_name!r} with a frame")[0].name

    def op_find(cmd):
        return one(cmd)

    def op_gone(cmd):
        return poll(lambda: not search(cmd["role"], cmd.get("name"), cmd.get("contains"),
                                       cmd.get("near")) and application() is not None,
                    cmd["timeout"], f"no {cmd['role']} {cmd.get('name') or cmd.get('contains')!r}")

    def op_all(cmd):
        nodes = poll(lambda: search(cmd["role"]), cmd["timeout"], f"any {cmd['role']}")
        return [info(n) for n in nodes]

    def clickable(n):
        if not (n.sensitive and n.size[0] > 0 and n.size[1] > 0):
            return None
        return n

    def op_click(cmd):
        def act(n):
            if not clickable(n):
                return None
            before = info(n)
            n.click()       # nothing after this may fail and cause a second click
            return before
        return one(cmd, act)

    def op_type(cmd):
        n = one(cmd, clickable)
        n.click()          # as a person would: click into the field, then type
        if cmd.get("replace"):
            from dogtail import rawinput
            rawinput.keyCombo("<Control>a")
        n.typeText(cmd["text"])
        return info(n)

    def op_paste(cmd):
        from dogtail import rawinput
        n = one(cmd, clickable)
        n.click()
        rawinput.keyCombo("<Control>v")
        return info(n)

    def op_keys(cmd):
        from dogtail import rawinput
        rawinput.keyCombo(cmd["combo"])
        return True

    def op_frames(cmd):
        def frames():
            app = application()
            return app and [f.name for f in app.children if f.showing]
        return poll(frames, cmd["timeout"], "any showing window")

    def op_drag(cmd):
        """Press on the widget's middle, move the pointer in steps to `to` (x, y) and release:
        what a person's drag is (GTK starts a drag only after motion past a threshold)."""
        from dogtail import rawinput
        n = one(cmd, clickable)
        x, y = n.position
        w, h = n.size
        rawinput.dragWithTrajectory((x + w // 2, y + h // 2), tuple(cmd["to"]))
        return info(n)

    def op_dump(cmd):
        app = application()
        lines = []

        def walk(n, depth):
            try:
                text = n.text
            except Exception:  # noqa: BLE001
                text = None
            lines.append(f"{'  ' * depth}[{n.roleName}] {n.name!r} text={text!r} showing={n.showing}")
            for c in n.children:
                walk(c, depth + 1)
        if app:
            walk(app, 0)
        return "\n".join(lines)

    ops = {"app": op_app, "find": op_find, "gone": op_gone, "all": op_all, "click": op_click,
           "type": op_type, "dump": op_dump, "paste": op_paste, "keys": op_keys, "drag": op_drag,
           "frames": op_frames}
    for line in sys.stdin:
        if not line.strip():
            continue
        cmd = json.loads(line)
        try:
            reply = {"ok": True, "value": ops[cmd["op"]](cmd)}
        except Exception as e:  # noqa: BLE001 -- reported to the test
            reply = {"ok": False, "error": f"{type(e).__name__}: {e}"}
        out.write(json.dumps(reply) + "\n")


if __name__ == "__main__":
    _driver_main(sys.argv[1])
