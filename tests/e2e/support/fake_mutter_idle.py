#!/usr/bin/env python3
"""Stand-in for GNOME Shell's org.gnome.Mutter.IdleMonitor (GNOME Shell cannot run here):
owns the name on the session bus in $DBUS_SESSION_BUS_ADDRESS and answers
/org/gnome/Mutter/IdleMonitor/Core GetIdletime() -> t with the milliseconds written in the file
given as argv[1]. Prints "ready" once the name is owned.

Usage: fake_mutter_idle.py IDLE_MS_FILE"""
import sys

import gi

gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

XML = """<node><interface name="org.gnome.Mutter.IdleMonitor">
<method name="GetIdletime"><arg type="t" direction="out"/></method></interface></node>"""


def main():
    path = sys.argv[1]
    node = Gio.DBusNodeInfo.new_for_xml(XML)
    loop = GLib.MainLoop()

    def on_call(conn, sender, obj, iface, method, params, invocation):
        with open(path) as f:
            ms = int(f.read().strip() or "0")
        invocation.return_value(GLib.Variant("(t)", (ms,)))

    def on_bus(conn, name):
        conn.register_object("/org/gnome/Mutter/IdleMonitor/Core", node.interfaces[0], on_call)

    def on_name(conn, name):
        print("ready", flush=True)

    Gio.bus_own_name(Gio.BusType.SESSION, "org.gnome.Mutter.IdleMonitor",
                     Gio.BusNameOwnerFlags.NONE, on_bus, on_name, lambda *a: loop.quit())
    loop.run()


if __name__ == "__main__":
    main()
