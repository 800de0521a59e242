#!/usr/bin/env bash
# Runs Berth's whole test suite on this machine: installs and starts the real test target (OpenSSH sshd on
# loopback, a Docker engine with docker-compose, image tarballs built from busybox), runs every test with
# `mvnw verify`, builds the native installer on the way (-Pinstaller) and checks the packaged app as an operator
# gets it (scripts/test-installer.sh). Needs root for the installs and the daemons (as on Berth's build machines
# and CI).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/test-env.sh up
# Packaging tools, GTK for the packaged GUI, a virtual display, and a CJK font (the UI tests' zh_CN screenshots).
. scripts/lib/desktop.sh
desktop_install_tools
# Runs shellcheck over the project's shell files (warnings fail the run). Bundle templates and the test bundles' are
# checked as rendered, by ShellcheckRenderedTest inside mvnw verify, which needs the same binary.
command -v shellcheck >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq --no-install-recommends shellcheck; }
# The job library's unit tests unpack a zstd-compressed image as a server does.
command -v zstd >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq --no-install-recommends zstd; }
git ls-files -z '*.sh' | grep -zv -e '^bundles/[^/]*/templates/' -e '^src/test/resources/' | xargs -0 shellcheck -S warning
status=0
./mvnw -B -ntp -Pinstaller verify "$@" || status=$?
if [ $status -eq 0 ]; then
    bash scripts/test-installer.sh || status=$?
fi
bash scripts/test-env.sh down || true
exit $status
