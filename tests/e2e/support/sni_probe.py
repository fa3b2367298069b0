#!/usr/bin/python3
"""Reads and clicks StatusNotifierItems registered with org.kde.StatusNotifierWatcher, the way
a tray host does (adapted from the team's infra-gtk/tools/sni_probe.py). Runs as a child with
the test's session bus in its environment (python3-gi is only in Debian's python):
  sni_probe.py list           -> one JSON list: [{item, Id, Title, Status, IconName, menu:[labels]}]
  sni_probe.py click LABEL    -> sends dbusmenu Event(id, "clicked") to the item with that entry"""
import json
import sys
import time

from gi.repository import Gio, GLib

bus = Gio.bus_get_sync(Gio.BusType.SESSION)


def call(name, path, iface, method, args, rtype):
    return bus.call_sync(name, path, iface, method, args, GLib.VariantType(rtype),
                         Gio.DBusCallFlags.NONE, 5000).unpack()


def prop(name, path, iface, p):
    return call(name, path, "org.freedesktop.DBus.Properties", "Get",
                GLib.Variant("(ss)", (iface, p)), "(v)")[0]


def items():
    return prop("org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher",
                "org.kde.StatusNotifierWatcher", "RegisteredStatusNotifierItems")


def menu_entries(name, menu_path):
    _, layout = call(name, menu_path, "com.canonical.dbusmenu", "GetLayout",
                     GLib.Variant("(iias)", (0, -1, [])), "(u(ia{sv}av))")
    out = []

    def walk(node):
        nid, props, children = node
        if "label" in props and props.get("visible", True):
            out.append((nid, props["label"].replace("_", ""), props.get("enabled", True)))
        for c in children:
            walk(c)
    walk(layout)
    return out


def describe(item):
    name, path = item.split("/", 1)
    path = "/" + path
    info = {p: prop(name, path, "org.kde.StatusNotifierItem", p)
            for p in ("Id", "Title", "Status", "IconName", "Menu")}
    return name, info


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else "list"
    listing = []
    for it in items():
        name, info = describe(it)
        entries = menu_entries(name, info["Menu"])
        if cmd == "list":
            listing.append(dict(info, item=it, menu=[label for _, label, _ in entries],
                                enabled=[label for _, label, on in entries if on]))
        elif cmd == "click":
            for nid, label, _ in entries:
                if label == sys.argv[2]:
                    call(name, info["Menu"], "com.canonical.dbusmenu", "Event",
                         GLib.Variant("(isvu)", (nid, "clicked", GLib.Variant("s", ""),
                                                 int(time.time()))), "()")
                    print(json.dumps({"clicked": label}))
                    return 0
            print(json.dumps({"error": f"no menu entry {sys.argv[2]!r}"}))
            return 1
    print(json.dumps(listing, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
