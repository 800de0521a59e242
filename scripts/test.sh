#!/usr/bin/env bash
# Runs Berth's whole test suite on this machine: installs and starts the real test target (OpenSSH sshd on
# loopback, a Docker engine with docker-compose, image tarballs built from busybox), runs every test with
# `mvnw verify`, builds the native installer on the way (-Pinstaller) and checks the packaged app as an operator
# gets it (scripts/test-installer.sh). Needs root for the installs and the daemons (as on Berth's build machines
# and CI).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/test-env.sh up
# The UI tests run headless (Monocle, no display); their zh_CN screenshots need a CJK font to be legible.
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh 2>/dev/null)" ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1; } \
        || echo "warning: no CJK font installed; zh_CN screenshots will show boxes" >&2
fi
status=0
./mvnw -B -ntp -Pinstaller verify "$@" || status=$?
if [ $status -eq 0 ]; then
    bash scripts/test-installer.sh || status=$?
fi
bash scripts/test-env.sh down || true
exit $status
