#!/usr/bin/env bash
# Checks packaged Berth the way an operator gets it (run by scripts/test.sh after the installer build):
#  - the app-image's launcher prints its version and passes --self-test against the real test target;
#  - its GUI opens a first window on a virtual display (screenshot: target/screenshots/packaged-first-window.png);
#  - the .deb installs with its declared dependencies, the installed launcher passes the self-test with the
#    bundles shipped inside, a reinstall (an upgrade's path) leaves the user's Berth folder alone, and removing
#    the package removes /opt/berth.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
BUILD=${BERTH_BUILD_DIR:-$ROOT/target}
APP=$BUILD/installer/Berth
ENV_FILE=$BUILD/test-env/env.properties
# shellcheck source=lib/desktop.sh
. "$ROOT/scripts/lib/desktop.sh"

fail() { echo "test-installer: FAILED: $*" >&2; exit 1; }
ok() { echo "test-installer: ok: $*"; }

[ -x "$APP/bin/Berth" ] || fail "no app-image at $APP; build it with ./mvnw -B -Pinstaller package"
[ -s "$ENV_FILE" ] || bash "$ROOT/scripts/test-env.sh" up "$BUILD/test-env" >/dev/null
desktop_install_tools
prop() { sed -n "s/^$1=//p" "$ENV_FILE"; }
TARGET=(--target "$(prop ssh.user)@$(prop ssh.host):$(prop ssh.port)" --identity "$(prop ssh.key.ed25519)"
        --host-key "$(prop ssh.hostkey.fingerprint)")
WORK=$(mktemp -d)
GUI_PID=
cleanup() {
    [ -n "$GUI_PID" ] && kill "$GUI_PID" 2>/dev/null
    desktop_stop_display
    dpkg -s berth >/dev/null 2>&1 && dpkg -r berth >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT
export BERTH_HOME=$WORK/berth-home

version=$("$APP/bin/Berth" --version)
[[ $version == "Berth 0.1.0"* ]] || fail "--version printed '$version'"
ok "--version: $version"

"$APP/bin/Berth" --self-test "${TARGET[@]}" >"$WORK/self-test.log" 2>&1 \
    || fail "the app-image's self-test: $(cat "$WORK/self-test.log")"
grep -q "demo 1.0.0" "$WORK/self-test.log" || fail "the shipped bundles were not found: $(cat "$WORK/self-test.log")"
ok "app-image self-test ($(grep -c '✓' "$WORK/self-test.log") checks)"

desktop_start_display
"$APP/bin/Berth" >"$WORK/gui.log" 2>&1 &
GUI_PID=$!
desktop_wait_window dev.berth.ui.BerthApp 60 || fail "no Berth window within 60 s: $(tail -20 "$WORK/gui.log")"
mkdir -p "$BUILD/screenshots"
desktop_wait_painted "$BUILD/screenshots/packaged-first-window.png" 30 || fail "the Berth window stayed blank"
kill "$GUI_PID"; GUI_PID=
desktop_stop_display
ok "the packaged GUI opened its window ($BUILD/screenshots/packaged-first-window.png)"

deb=$(ls "$BUILD"/installer/berth_*.deb)
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$WORK/apt.log" 2>&1 \
    || fail "installing $deb: $(tail -5 "$WORK/apt.log")"
[ -x /opt/berth/bin/Berth ] || fail "the package did not install /opt/berth/bin/Berth"
ls /usr/share/applications/*erth*.desktop >/dev/null 2>&1 || fail "no menu entry was installed"
/opt/berth/bin/Berth --self-test "${TARGET[@]}" >"$WORK/self-test-deb.log" 2>&1 \
    || fail "the installed self-test: $(cat "$WORK/self-test-deb.log")"
ok "deb installed ($(dpkg-query -W -f='${Installed-Size}' berth) KiB) and its self-test passed"

mkdir -p "$BERTH_HOME/profiles" && echo keep >"$BERTH_HOME/profiles/marker"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall "$deb" >"$WORK/apt.log" 2>&1 \
    || fail "reinstalling: $(tail -5 "$WORK/apt.log")"
[ "$(cat "$BERTH_HOME/profiles/marker")" = keep ] || fail "the reinstall touched the user's Berth folder"
dpkg -r berth >/dev/null || fail "removing the package"
[ ! -e /opt/berth ] || fail "/opt/berth is still there after removal"
ok "reinstall kept the user's data; removal removed /opt/berth"
