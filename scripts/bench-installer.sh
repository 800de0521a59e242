#!/usr/bin/env bash
# Prints what an operator downloads and installs, and how fast Berth opens: the .deb's size, the installed size,
# and the time from starting the launcher to its first window on a virtual display (median of ROUNDS).
# Budget (issue 5): installer ≤ 60 MB, installed ≤ 90 MB, first window ≤ 3 s.
#
#   ./mvnw -B -Pinstaller package -DskipTests && scripts/bench-installer.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
BUILD=${BERTH_BUILD_DIR:-$ROOT/target}
ROUNDS=${ROUNDS:-5}
APP=$BUILD/installer/Berth
# shellcheck source=lib/desktop.sh
. "$ROOT/scripts/lib/desktop.sh"
[ -x "$APP/bin/Berth" ] || { echo "build first: ./mvnw -B -Pinstaller package -DskipTests" >&2; exit 1; }
desktop_install_tools
deb=$(ls "$BUILD"/installer/berth_*.deb)
WORK=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; desktop_stop_display; rm -rf "$WORK"' EXIT

mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
echo "bench: installer $(basename "$deb"): $(mb "$(stat -c %s "$deb")")"
echo "bench: installed (app-image, runtime included): $(mb "$(du -sb "$APP" | cut -f1)")"
echo "bench: the deb's declared installed size: $(mb "$(( $(dpkg-deb -f "$deb" Installed-Size) * 1024 ))")"

desktop_start_display
export BERTH_HOME=$WORK/home
: >"$WORK/times"
for r in $(seq 1 "$ROUNDS"); do
    start=$(date +%s%N)
    "$APP/bin/Berth" >/dev/null 2>&1 &
    PID=$!
    # "First window" is when the operator sees the drawn wizard, not just a mapped frame.
    desktop_wait_window dev.berth.ui.BerthApp 60 || { echo "bench: no window within 60 s" >&2; exit 1; }
    desktop_wait_painted "$WORK/shot.png" 60 || { echo "bench: the window stayed blank" >&2; exit 1; }
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
    echo "bench: round $r: first window after $ms ms"
    echo "$ms" >>"$WORK/times"
done
median=$(sort -n "$WORK/times" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
echo "bench: first window: median $median ms over $ROUNDS starts (software rendering on Xvfb)"
