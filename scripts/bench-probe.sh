#!/usr/bin/env bash
# Times `berth check`'s work against the test sshd: connect, then probe + preflight of a bundle (facts in one
# script, the bundle's own checks in a second call when it has any), on plain loopback and through a relay that
# delays each direction by RELAY_DELAY_MS. Prints each run, the medians and the number of SSH round trips.
#
#   scripts/bench-probe.sh                    # bundles/demo, 5 rounds, 10 ms each way
#   BUNDLE=bundles/coze-studio ROUNDS=3 scripts/bench-probe.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
ROUNDS=${ROUNDS:-5}
RELAY_DELAY_MS=${RELAY_DELAY_MS:-10}
BUNDLE=${BUNDLE:-bundles/demo}
BUILD=${BERTH_BUILD_DIR:-$ROOT/target}
ENV_DIR=$BUILD/test-env

cd "$ROOT"
[ -s "$ENV_DIR/env.properties" ] || scripts/test-env.sh up "$ENV_DIR" >/dev/null
PORT=$(sed -n 's/^ssh.port=//p' "$ENV_DIR/env.properties")

echo "bench: compiling"
./mvnw -B -q -Dberth.buildDir="$BUILD" test-compile dependency:build-classpath \
    -Dmdep.outputFile="$BUILD/bench-classpath.txt" -Dmdep.includeScope=runtime
CP="$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/bench-classpath.txt")"

WORK=$(mktemp -d)
RELAY_PID=
cleanup() { [ -n "$RELAY_PID" ] && kill "$RELAY_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
RELAY_PORT=$(for p in $(seq 22500 22599); do [ -z "$(ss -Htln "sport = :$p")" ] && { echo "$p"; break; }; done)
java -cp "$CP" dev.berth.ssh.bench.UploadBench relay "$RELAY_PORT" "$PORT" "$RELAY_DELAY_MS" >"$WORK/relay.log" 2>&1 &
RELAY_PID=$!
for _ in $(seq 1 100); do grep -q ready "$WORK/relay.log" 2>/dev/null && break; sleep 0.1; done

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
for path in loopback relay; do
    port=$PORT; [ "$path" = relay ] && port=$RELAY_PORT
    : >"$WORK/connect"; : >"$WORK/check"
    for r in $(seq 1 "$ROUNDS"); do
        read -r connect check trips script < <(java -cp "$CP" dev.berth.ssh.bench.ProbeBench "$ENV_DIR/env.properties" "$port" "$BUNDLE")
        echo "bench: $path round $r: connect $connect ms, probe + preflight $check ms in $trips round trip(s) (probe script $script ms)"
        echo "$connect" >>"$WORK/connect"; echo "$check" >>"$WORK/check"
    done
    echo "  $path: median connect $(median <"$WORK/connect") ms, probe + preflight $(median <"$WORK/check") ms, $trips round trip(s)"
done
