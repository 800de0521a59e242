#!/usr/bin/env bash
# A cluster deploy's figures on the test env's Swarm nodes (scripts/test-env.sh swarm-up: Docker 20.10 engines in
# network namespaces, each with its own sshd, the laptop at the other end of one veth): for NODES = 2 and 3, the time
# to form the swarm (berth cluster form) and to deploy the cluster-demo bundle (berth deploy --cluster), the bytes that
# crossed the laptop's link during the deploy (its veth's counters: every SSH byte to every node) against the image
# tarballs' size and the bytes the manager forwarded to the other nodes, and what berth cluster status costs.
# The goal: the laptop's link carries about one node's worth of images, whatever the number of nodes. Above 64 MiB
# to send, the figure includes the few MiB with which Berth measures the link before it chooses to compress.
#
#   scripts/bench-cluster.sh            # web's image with 64 MiB of incompressible bytes
#   WEB_MIB=256 scripts/bench-cluster.sh
#
# Root, as the test env. Takes the integration tests' lock: the nodes are theirs. Leaves them clean.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
WEB_MIB=${WEB_MIB:-64}
BUILD=${BERTH_BUILD_DIR:-$ROOT/target}
ENV_DIR=$BUILD/test-env
LOCK=/var/lock/berth-it.lock

if [ "${BERTH_BENCH_LOCKED:-}" != 1 ]; then
    BERTH_BENCH_LOCKED=1 exec flock -o "$LOCK" "$0" "$@"
fi
cd "$ROOT"
bash scripts/test-env.sh up "$ENV_DIR" >/dev/null
bash scripts/test-env.sh swarm-up "$ENV_DIR" >/dev/null
echo "bench: compiling"
./mvnw -B -q -o -Dberth.buildDir="$BUILD" test-compile dependency:build-classpath \
    -Dmdep.outputFile="$BUILD/bench-classpath.txt" -Dmdep.includeScope=test
CP="$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/bench-classpath.txt")"
for nodes in 2 3; do
    java -cp "$CP" -Dberth.projectDir="$ROOT" -Dberth.testEnv="$ENV_DIR/env.properties" \
        dev.berth.cli.ClusterBench "$nodes" "$WEB_MIB" 2>"$BUILD/bench-cluster-$nodes.err" | grep "^nodes " \
        || { echo "bench: $nodes nodes failed:"; tail -n 20 "$BUILD/bench-cluster-$nodes.err"; exit 1; }
done
