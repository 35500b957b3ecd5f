"""Asks the X11 window titled like argv[1] to close, as a window manager's close button does
(a WM_DELETE_WINDOW message), so the app's close guard runs. Debian: python3-xlib."""
import sys

from Xlib import X, display, protocol

d = display.Display()
wm_protocols = d.intern_atom("WM_PROTOCOLS")
wm_delete = d.intern_atom("WM_DELETE_WINDOW")


def find(win, title):
    name = win.get_wm_name()
    if name and title in (name.decode() if isinstance(name, bytes) else name):
        return win
    for child in win.query_tree().children:
        hit = find(child, title)
        if hit:
            return hit
    return None


target = find(d.screen().root, sys.argv[1])
if target is None:
    sys.exit(f"no window titled {sys.argv[1]!r}")
event = protocol.event.ClientMessage(window=target, client_type=wm_protocols, data=(32, [wm_delete, X.CurrentTime, 0, 0, 0]))
target.send_event(event, event_mask=X.NoEventMask)
d.flush()
