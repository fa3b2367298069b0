#!/usr/bin/python3
"""A file manager's worth of drag and drop for the window tests: a small GTK window at the top
left of the screen whose one button drags the files given on the command line as text/uri-list
(what Nautilus offers). Prints READY x y (the button's centre on the screen) once mapped; the
test then presses there, moves onto the panel and releases (xdotool), as a person drags.
python3-gi is only in Debian's python: run with /usr/bin/python3."""
import sys

import gi

gi.require_version("Gtk", "3.0")
from gi.repository import Gdk, GLib, Gtk  # noqa: E402


def main(paths):
    uris = [GLib.filename_to_uri(p, None) for p in paths]
    win = Gtk.Window(title="file-drag-source")
    win.set_decorated(False)
    win.move(0, 0)
    button = Gtk.Button(label="drag me")
    button.set_size_request(120, 60)
    button.drag_source_set(Gdk.ModifierType.BUTTON1_MASK,
                           [Gtk.TargetEntry.new("text/uri-list", 0, 0)], Gdk.DragAction.COPY)
    button.connect("drag-data-get", lambda w, ctx, data, info, t: data.set_uris(uris))
    win.add(button)
    win.connect("destroy", Gtk.main_quit)

    def ready(*_):
        _, x, y = button.get_window().get_origin()
        a = button.get_allocation()
        print(f"READY {x + a.x + a.width // 2} {y + a.y + a.height // 2}", flush=True)
        return False
    win.connect("map-event", lambda *_: GLib.timeout_add(200, ready))
    win.show_all()
    Gtk.main()


if __name__ == "__main__":
    main(sys.argv[1:])
