#!/usr/bin/env bash
# What one read of `berth cluster status` (status.SwarmStatus, its script src/main/resources/dev/berth/status/
# swarm-status.sh) costs on a swarm's manager: the test env's three nodes (scripts/test-env.sh swarm-up) form a swarm,
# run a stack of SERVICES services of REPLICAS replicas each (plus one that keeps failing, so that the read also walks
# a task history), and the read runs N times, on the manager itself and over one SSH connection as Berth sends it.
# Prints the mean and max in ms of each. Leaves every node out of any swarm.
#
#   scripts/bench-cluster-status.sh [N=20] [SERVICES=5] [REPLICAS=2] [ENV_DIR]
#
# Root, as the test env. Takes the integration tests' lock: the nodes are theirs.
set -euo pipefail

N=${1:-20}
SERVICES=${2:-5}
REPLICAS=${3:-2}
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
ENV_DIR=${4:-$ROOT/target/test-env}
LOCK=/var/lock/berth-it.lock
STACK=berth-bench
READ=$ROOT/src/main/resources/dev/berth/status/swarm-status.sh

if [ "${BERTH_BENCH_LOCKED:-}" != 1 ]; then
    BERTH_BENCH_LOCKED=1 exec flock -o "$LOCK" "$0" "$N" "$SERVICES" "$REPLICAS" "$ENV_DIR"
fi

bash "$ROOT/scripts/test-env.sh" up "$ENV_DIR" >/dev/null
bash "$ROOT/scripts/test-env.sh" swarm-up "$ENV_DIR" >/dev/null
prop() { sed -n "s/^$1=//p" "$ENV_DIR/env.properties"; }
IFS=, read -r -a SOCKETS <<<"$(prop swarm.sockets)"
IFS=, read -r -a ADDRS <<<"$(prop swarm.nodes)"
d() { local i=$1; shift; /usr/bin/docker -H "unix://${SOCKETS[$i]}" "$@"; }

for i in "${!SOCKETS[@]}"; do
    state=$(d "$i" info --format '{{.Swarm.LocalNodeState}}')
    [ "$state" = inactive ] || { echo "node ${ADDRS[$i]} is in a swarm ($state): not touching it" >&2; exit 1; }
done

work=$(mktemp -d)
cleanup() {
    d 0 stack rm "$STACK" >/dev/null 2>&1 || true
    for ((i = ${#SOCKETS[@]} - 1; i >= 0; i--)); do d "$i" swarm leave --force >/dev/null 2>&1 || true; done
    ssh -S "$work/ctl" -O exit x 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

d 0 swarm init --advertise-addr "${ADDRS[0]}" >/dev/null
token=$(d 0 swarm join-token -q worker)
for ((i = 1; i < ${#SOCKETS[@]}; i++)); do d "$i" swarm join --token "$token" "${ADDRS[0]}:2377" >/dev/null; done

{
    echo 'version: "3.8"'
    echo 'services:'
    for ((s = 1; s <= SERVICES; s++)); do
        cat <<EOF
  s$s:
    image: berth-demo/base:1.0
    command: ["sh", "-c", "touch /tmp/ready; exec sleep 100000"]
    stop_grace_period: 1s
    healthcheck: {test: ["CMD", "test", "-e", "/tmp/ready"], interval: 1s, retries: 3}
    deploy: {replicas: $REPLICAS, endpoint_mode: dnsrr}
EOF
    done
    cat <<EOF
  flaky:
    image: berth-demo/base:1.0
    command: ["sh", "-c", "exit 3"]
    deploy: {endpoint_mode: dnsrr, restart_policy: {condition: any, delay: 1s}}
EOF
} >"$work/stack.yml"
d 0 stack deploy --resolve-image never -c "$work/stack.yml" "$STACK" >/dev/null

want=$((SERVICES * REPLICAS))
services() { d 0 service ls -q --filter "label=com.docker.stack.namespace=$STACK"; }
for _ in $(seq 1 120); do
    mapfile -t ids < <(services)
    running=$(d 0 service ps --filter desired-state=running --format '{{.CurrentState}}' "${ids[@]}" 2>/dev/null \
        | grep -c '^Running' || true)
    # Wait until the replicas run and flaky has a few failures behind it.
    history=$(d 0 service ps -q "${STACK}_flaky" 2>/dev/null | wc -l)
    [ "$running" -ge "$want" ] && [ "$history" -ge 4 ] && break
    sleep 0.5
done
mapfile -t ids < <(services)
tasks=$(d 0 service ps -q "${ids[@]}" | wc -l)

# The manager's sshd, the test env's key and pinned host key; one connection kept open, as Berth keeps one.
printf '%s %s\n' "${ADDRS[0]}" "$(cut -d' ' -f1,2 "$ENV_DIR/ssh_host_ed25519_key.pub")" >"$work/known_hosts"
SSH=(ssh -S "$work/ctl" -o ControlMaster=auto -o ControlPersist=60 -o BatchMode=yes -o UserKnownHostsFile="$work/known_hosts"
    -o StrictHostKeyChecking=yes -i "$ENV_DIR/id_ed25519" -p "$(prop swarm.ssh.port)" "root@${ADDRS[0]}")
"${SSH[@]}" true

# measure LABEL COMMAND…: runs it N times, checks each answer is whole, prints mean and max.
measure() {
    local label=$1 total=0 max=0 t0 ms i
    shift
    for ((i = 0; i < N; i++)); do
        t0=$(date +%s%N)
        "$@" <"$READ" >"$work/out"
        ms=$((($(date +%s%N) - t0) / 1000000))
        grep -q '^=== end$' "$work/out" || { echo "$label: the read did not finish" >&2; cat "$work/out" >&2; exit 1; }
        total=$((total + ms))
        [ "$ms" -gt "$max" ] && max=$ms
    done
    printf '%-34s mean %4d ms  max %4d ms  (%d reads)\n' "$label" $((total / N)) "$max" "$N"
}

echo "swarm of ${#SOCKETS[@]} nodes, stack $STACK: $((SERVICES + 1)) services, $tasks tasks (history included)"
measure "on the manager (no SSH)" env PATH="/usr/bin:$PATH" DOCKER_HOST="unix://${SOCKETS[0]}" sh -s -- "$STACK"
measure "over one SSH connection" "${SSH[@]}" sh -s -- "$STACK"
measure "every stack, over SSH" "${SSH[@]}" sh -s -- ""
