#!/usr/bin/env bash
# Runs Berth's whole test suite on this machine: installs and starts the real test target (OpenSSH sshd on
# loopback, a Docker engine with docker-compose, image tarballs built from busybox), then `mvnw verify`.
# Needs root for the installs and the daemons (as on Berth's build machines and CI).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/test-env.sh up
status=0
./mvnw -B -ntp verify "$@" || status=$?
bash scripts/test-env.sh down || true
exit $status
