#!/usr/bin/env bash
# `make demo`: a central store with the demo data on 127.0.0.1, and a kiosk connected to it.
# Everything lives under data/demo/; run it again and it picks up where it left off.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
DATA=${REGIONLAB_DEMO_DIR:-data/demo}
PORT=${REGIONLAB_DEMO_PORT:-8470}
mkdir -p "$DATA"
DB="sqlite:///$(cd "$DATA" && pwd)/central.sqlite3"
central() { "$PY" -m central.cli "$@"; }

central init --demo --database-url "$DB"
[ -s "$DATA/admin-token" ] || central token create --database-url "$DB" \
	--site lyngdal --role admin --label "demo staff" >"$DATA/admin-token"
[ -s "$DATA/kari-pass.txt" ] || central pass issue --database-url "$DB" \
	--person kari.nordmann@nav.no --png "$DATA/kari-pass.png" >"$DATA/kari-pass.txt"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

central serve --database-url "$DB" --host 127.0.0.1 --port "$PORT" >"$DATA/central.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
	"$PY" -c "import requests,sys; sys.exit(requests.get('http://127.0.0.1:$PORT/healthz', timeout=1).status_code != 200)" 2>/dev/null && break
	sleep 0.2
done

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
Kari Nordmann's pass: $DATA/kari-pass.png  (text: $DATA/kari-pass.txt)
Who is in: curl -H "Authorization: Bearer \$(cat $DATA/admin-token)" http://127.0.0.1:$PORT/api/v1/sites/lyngdal/presence
TXT

"$PY" -m ui.main --central-url "http://127.0.0.1:$PORT" --data-dir "$DATA/kiosk" "$@"
