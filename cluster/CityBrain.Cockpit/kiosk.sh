#!/usr/bin/env bash
# Starts a wall screen's browser on the cockpit once the host answers: a page opened before the host is up would stay
# on the browser's error page. Waits for /healthz (as long as it takes), then runs Chromium in kiosk mode, and starts it
# again if it exits. Usage: kiosk.sh [URL]  (default http://localhost:5080/?wall=1&cycle=30)
set -euo pipefail
url=${1:-"http://localhost:5080/?wall=1&cycle=30"}
origin=$(printf '%s' "$url" | sed -E 's#^(https?://[^/]+).*#\1#')
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "kiosk: no Chromium found; install it (Debian: apt-get install chromium)" >&2
  exit 1
fi
while true; do
  until curl -fsS --max-time 5 "$origin/healthz" >/dev/null 2>&1; do
    echo "kiosk: waiting for $origin/healthz" >&2
    sleep 5
  done
  "$browser" --kiosk --noerrdialogs --disable-session-crashed-bubble --no-first-run "$url" || true
  sleep 2
done
