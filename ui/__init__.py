"""The kiosk's PySide6 user interface: one window, a stack of screens, input from keyboard and
scanner. Everything here talks to the Qt-free core in ``kiosk/`` through the services it is
given in its constructors; ``ui.app.build_window`` wires it all together."""
