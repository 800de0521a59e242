#!/usr/bin/env bash
# Runs Berth's whole test suite on this machine: installs and starts the real test target (OpenSSH sshd on
# loopback, a Docker engine with docker-compose, image tarballs built from busybox), then `mvnw verify`.
# Needs root for the installs and the daemons (as on Berth's build machines and CI).
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
./mvnw -B -ntp verify "$@" || status=$?
bash scripts/test-env.sh down || true
exit $status
