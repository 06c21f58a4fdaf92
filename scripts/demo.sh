#!/usr/bin/env bash
# `make demo`: a central store with the demo data on 127.0.0.1, and a kiosk connected to it.
# The store's database is the one `regionlab-central` uses when given none, data/central.sqlite3
# in this folder, so the README's operator commands work on the demo's store as they are. The
# rest lives under data/demo/; run it again and it picks up where it left off. Ctrl+C stops it
# all. Arguments go to the kiosk (`make demo ARGS=--windowed`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
# REGIONLAB_DEMO_WORKDIR: the folder whose data/ holds it all (the tests use a temporary one).
cd "${REGIONLAB_DEMO_WORKDIR:-$ROOT}"
DATA=data/demo
PORT=${REGIONLAB_DEMO_PORT:-8470}
DB_FILE=$PWD/data/central.sqlite3
DB="sqlite:///$DB_FILE"
central() { "$PY" -m central.cli "$@"; }

# Only our own store may answer on the port: with another program there (an older demo still
# running, say) the kiosk would talk to it instead.
if ! "$PY" -c "import socket as k,sys; s=k.socket(); s.setsockopt(k.SOL_SOCKET, k.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', int(sys.argv[1])))" "$PORT" 2>/dev/null; then
	echo "demo: port $PORT on 127.0.0.1 is taken (another demo or store still running?)." >&2
	echo "demo: stop that program, or choose another port: REGIONLAB_DEMO_PORT=8471 make demo" >&2
	exit 1
fi

# A new store database starts a new demo: the tokens, pass and kiosk of an old one would not fit.
[ -e "$DB_FILE" ] || rm -rf "$DATA"
mkdir -p "$DATA"
central init --demo --history-days 180 --database-url "$DB"
[ -s "$DATA/admin-token" ] || central token create --database-url "$DB" \
	--site lyngdal --role admin --label "demo staff" >"$DATA/admin-token"
[ -s "$DATA/kari-pass.txt" ] || central pass issue --database-url "$DB" \
	--person kari.nordmann@nav.no --png "$DATA/kari-pass.png" >"$DATA/kari-pass.txt"
# A demo PIN, so checking out and taking a desk by name can be tried (a real PIN is --generate).
[ -e "$DATA/kari-pin" ] || { central person pin --database-url "$DB" --site lyngdal \
	kari.nordmann@nav.no --pin 4711 >/dev/null && echo 4711 >"$DATA/kari-pin"; }
# A staff console account (admin of lyngdal) with a random password, kept beside the data.
[ -s "$DATA/staff-password" ] || { pw=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(12))') \
	&& echo "$pw" | central staff add --database-url "$DB" --site lyngdal \
		--email resepsjon@regionlab.no --role admin >/dev/null \
	&& echo "$pw" >"$DATA/staff-password" && chmod 600 "$DATA/staff-password"; }
# An analyst account for the pilot's reports (sees the Reports page and no names).
[ -s "$DATA/analyst-password" ] || { pw=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(12))') \
	&& echo "$pw" | central staff add --database-url "$DB" --site lyngdal \
		--email analytiker@regionlab.no --role analyst >/dev/null \
	&& echo "$pw" >"$DATA/analyst-password" && chmod 600 "$DATA/analyst-password"; }

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

central serve --database-url "$DB" --host 127.0.0.1 --port "$PORT" >"$DATA/central.log" 2>&1 &
store=$!
pids+=("$store")
ready=0
for _ in $(seq 150); do
	if ! kill -0 "$store" 2>/dev/null; then
		echo "demo: the central store did not start; its log ($DATA/central.log) ends:" >&2
		tail -n 5 "$DATA/central.log" >&2
		exit 1
	fi
	# Ours answers: it says so in its log (and whoever took the port since would have made it exit).
	grep -q "Uvicorn running" "$DATA/central.log" &&
		"$PY" -c "import requests,sys; sys.exit(requests.get('http://127.0.0.1:$PORT/healthz', timeout=1).status_code != 200)" 2>/dev/null &&
		ready=1 && break
	sleep 0.2
done
if [ "$ready" != 1 ]; then
	echo "demo: the central store did not answer on port $PORT; see $DATA/central.log" >&2
	exit 1
fi

# The demo kiosk keeps its settings and token in its own config folder (a real kiosk: the
# user's, ~/.config/regionlab-kiosk). The first time, it is provisioned the way a kiosk is:
# a one-time code from the store, exchanged for the kiosk's own device token.
export REGIONLAB_CONFIG_DIR="$DATA/kiosk-config"
if [ ! -s "$REGIONLAB_CONFIG_DIR/device-token" ]; then
	central kiosk provision --database-url "$DB" --site lyngdal \
		--central-url "http://127.0.0.1:$PORT" --png "$DATA/provisioning-code.png" \
		| "$PY" -m kiosk.provisioning
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
	export DISPLAY=:${REGIONLAB_DEMO_XVFB:-77}
	Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
	pids+=($!)
	sleep 1
	echo "No display found: the kiosk runs on the virtual display $DISPLAY."
	echo "  screenshot: DISPLAY=$DISPLAY import -window root shot.png"
	echo "  scan a pass: DISPLAY=$DISPLAY xdotool type \$(cat $DATA/kari-pass.txt) && DISPLAY=$DISPLAY xdotool key Return"
fi
cat <<TXT
Central store: http://127.0.0.1:$PORT  (API docs: http://127.0.0.1:$PORT/docs)
Staff console: http://127.0.0.1:$PORT/staff/  log in as resepsjon@regionlab.no, password: $(cat "$DATA/staff-password")
Reports only (analyst): analytiker@regionlab.no, password: $(cat "$DATA/analyst-password")
Kari Nordmann's pass: $DATA/kari-pass.png  (text: $DATA/kari-pass.txt); her PIN: 4711
Who is in: curl -H "Authorization: Bearer \$(cat $DATA/admin-token)" http://127.0.0.1:$PORT/api/v1/sites/lyngdal/presence
Operator commands, in another terminal in $PWD: .venv/bin/regionlab-central desk list --site lyngdal
Stop the demo: Ctrl+C here.
TXT

"$PY" -m ui.main --central-url "http://127.0.0.1:$PORT" --data-dir "$DATA/kiosk" "$@"
