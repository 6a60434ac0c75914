#!/bin/sh
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring, so keychain
# tests hit a real Secret Service and never touch the user's own keyring.
set -eu
XDG_RUNTIME_DIR=$(mktemp -d)
XDG_DATA_HOME=$(mktemp -d)
chmod 700 "$XDG_RUNTIME_DIR"
export XDG_RUNTIME_DIR XDG_DATA_HOME
export EC_REAL_KEYRING=1
exec dbus-run-session -- sh -c 'printf x | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' sh "$@"
