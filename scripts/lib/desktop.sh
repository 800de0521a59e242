# shellcheck shell=bash
# Sourced by the installer test and benchmark: the packaging tools, a virtual display, and a way to see a
# window appear and photograph it. Needs root for the installs (as the rest of the test setup).

# libgtk-3-0 and libgl1 are what the .deb declares: JavaFX needs them to open a window. The CJK font makes the
# Chinese screenshots legible.
DESKTOP_PACKAGES=(fakeroot xvfb xauth x11-utils x11-apps netpbm libgtk-3-0 libgl1 fonts-wqy-microhei)

desktop_install_tools() {
    local missing=() p
    for p in "${DESKTOP_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "desktop: installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            --no-install-recommends "${missing[@]}" >/dev/null; }
}

# desktop_start_display — starts Xvfb at 1280x800 on a free display number and exports DISPLAY.
desktop_start_display() {
    local n
    for n in $(seq 90 120); do
        [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || break
    done
    Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    DESKTOP_XVFB_PID=$!
    export DISPLAY=":$n"
    for _ in $(seq 1 100); do
        xwininfo -root >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    echo "desktop: Xvfb did not start" >&2
    return 1
}

desktop_stop_display() {
    [ -n "${DESKTOP_XVFB_PID:-}" ] && kill "$DESKTOP_XVFB_PID" 2>/dev/null
    DESKTOP_XVFB_PID=
}

# desktop_wait_window WM_CLASS TIMEOUT_S — waits until a window of that class (language-independent, unlike
# the title) is mapped at a real size; returns 1 on timeout. JavaFX also maps a 10x10 helper window: ignored.
desktop_wait_window() {
    local deadline=$(( $(date +%s) + $2 ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        if xwininfo -root -tree 2>/dev/null | grep -F "(\"$1\"" | grep -Eqv ' ([0-9]|10)x([0-9]|10)\+'; then
            return 0
        fi
        sleep 0.02
    done
    return 1
}

# desktop_screenshot FILE.png — the whole virtual screen.
desktop_screenshot() {
    xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng > "$1"
}

# desktop_wait_painted FILE.png TIMEOUT_S — photographs the screen until something is drawn on it (a blank
# 1280x800 screen compresses to a few KB; a drawn window to far more); the last photograph stays in FILE.
desktop_wait_painted() {
    local deadline=$(( $(date +%s) + $2 ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        desktop_screenshot "$1"
        [ "$(stat -c %s "$1")" -gt 20000 ] && return 0
        sleep 0.05
    done
    return 1
}
