#!/usr/bin/env bash
# The real test target every integration test uses: an OpenSSH sshd on loopback, a Docker engine, a non-root
# user with sudo, and demo image tarballs built without any registry.
#
#   scripts/test-env.sh up   [ENV_DIR]   # idempotent; writes ENV_DIR/env.properties
#   scripts/test-env.sh down [ENV_DIR]   # stops this env's sshd (and dockerd when this script started it)
#   scripts/test-env.sh docker26-up|docker26-down [ENV_DIR]
#                                        # a second engine, Docker 26.1 from Debian 13, for the tests that need it
#   scripts/test-env.sh docker26c-up|docker26c-down [ENV_DIR]
#                                        # a third: the same Docker 26.1 with containerd's image store
#   scripts/test-env.sh swarm-up|swarm-down [ENV_DIR]
#                                        # three Swarm nodes (network namespaces, each a dockerd 20.10 and an sshd)
#                                        # at 10.77.0.1-3, for the cluster tests; needs `up` first
#
# ENV_DIR defaults to $BERTH_TEST_ENV_DIR or <project>/target/test-env. Must run as root on Debian 12.
set -euo pipefail

SCRIPT=$(readlink -f "$0")
ROOT=$(cd "$(dirname "$SCRIPT")/.." && pwd)
ACTION=${1:-up}
ENV_DIR=${2:-${BERTH_TEST_ENV_DIR:-$ROOT/target/test-env}}
mkdir -p "$ENV_DIR"
ENV_DIR=$(cd "$ENV_DIR" && pwd)

TEST_USER=berthtest
TEST_PASSWORD=berth-test-pw
KEY_PASSPHRASE=berth-test-pass
DOCKER=/usr/bin/docker            # Debian's client; /usr/local/bin/docker may be newer than the engine
COMPOSE=/usr/bin/docker-compose
DOCKER_STATE=/var/lib/berth-test-docker
PACKAGES=(openssh-server openssh-client docker.io docker-compose busybox-static sudo iproute2 zstd)
# Compose v2 (and Docker 26) from Debian 13, fetched with a private apt state and unpacked, never installed: the
# machine's packages stay Debian 12's. Kept across runs.
TRIXIE=/var/lib/berth-test-trixie
COMPOSE_V2=/usr/local/bin/docker-compose-v2
# A DOCKER_CONFIG dir whose cli-plugins holds Compose v2: `docker compose` only where a test sets it, so every
# other test still finds v1 alone, as before.
COMPOSE_V2_CONFIG=$TRIXIE/docker-config
# A PATH dir whose docker-compose is v2: a target with the v2 standalone binary and no plugin.
COMPOSE_V2_BIN=$TRIXIE/v2-standalone-bin
# Docker 26 beside the first engine: its own state, socket and containerd; its own default bridge, no iptables of
# its own (the first engine owns those chains), networks from a pool the first engine does not hand out early.
DOCKER26_STATE=/var/lib/berth-test-docker26
DOCKER26_SOCK=$DOCKER26_STATE/docker.sock
DOCKER26_POOL=192.168.224.0/19
DOCKER26_BRIDGE=berth26            # Docker 26's default bridge (never docker0: that is the first engine's)
DOCKER26_BRIDGE_CIDR=192.168.223.1/24
# Docker 26 once more, isolated the same way, keeping images in containerd's store (where docker load needs every
# layer). 26.1 has no flag for it, only daemon.json's "features"; the machine's containerd 1.6 serves it.
DOCKER26C_STATE=/var/lib/berth-test-docker26c
DOCKER26C_SOCK=$DOCKER26C_STATE/docker.sock
DOCKER26C_POOL=192.168.192.0/20
DOCKER26C_BRIDGE=berth26c
DOCKER26C_BRIDGE_CIDR=192.168.222.1/24

say() { printf 'test-env: %s\n' "$*"; }
die() { printf 'test-env: ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root"

# Several work trees may share this machine: one setup at a time (apt, the user, the engine, image tags).
exec 9>/var/lock/berth-test-env.lock
flock -w 900 9 || die "another test-env setup holds /var/lock/berth-test-env.lock"

install_packages() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]}"
    # Keep package scripts from starting system services (a system sshd on :22, a second dockerd).
    local policy_added=no
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        policy_added=yes
    fi
    local rc=0
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
        >"$ENV_DIR/apt.log" 2>&1 || rc=$?
    [ "$policy_added" = yes ] && rm -f /usr/sbin/policy-rc.d
    [ $rc -eq 0 ] || die "apt-get install failed (see $ENV_DIR/apt.log): $(tail -3 "$ENV_DIR/apt.log" | tr '\n' ' ')"
}

trixie_apt() {
    apt-get -q -o Dir::Etc::sourcelist="$TRIXIE/etc/trixie.sources" -o Dir::Etc::sourceparts=- \
        -o Dir::State::Lists="$TRIXIE/lists" -o Dir::Cache="$TRIXIE/cache" -o Dir::State::status=/var/lib/dpkg/status \
        -o APT::Sandbox::User=root "$@"
}

ensure_trixie_binaries() {
    local plugin=$TRIXIE/root/usr/libexec/docker/cli-plugins/docker-compose
    if [ ! -x "$plugin" ] || [ ! -x "$TRIXIE/root/usr/sbin/dockerd" ]; then
        say "fetching Compose v2 and Docker 26 from Debian 13 (unpacked under $TRIXIE, not installed)"
        mkdir -p "$TRIXIE/etc" "$TRIXIE/lists/partial" "$TRIXIE/cache/archives/partial" "$TRIXIE/debs"
        # The first stanza of the machine's own sources (same mirror and keyring), suite trixie.
        awk 'BEGIN { RS = ""; ORS = "\n" } NR == 1' /etc/apt/sources.list.d/debian.sources \
            | sed 's/^Suites:.*/Suites: trixie/' >"$TRIXIE/etc/trixie.sources"
        grep -q '^Suites: trixie$' "$TRIXIE/etc/trixie.sources" || die "cannot derive a trixie apt source"
        rm -f "$TRIXIE"/debs/*.deb
        { trixie_apt update && (cd "$TRIXIE/debs" && trixie_apt download docker-compose docker.io); } \
            >"$ENV_DIR/apt-trixie.log" 2>&1 || die "fetching Debian 13 packages failed (see $ENV_DIR/apt-trixie.log)"
        rm -rf "$TRIXIE/root.tmp"
        mkdir -p "$TRIXIE/root.tmp"
        local deb
        for deb in "$TRIXIE"/debs/*.deb; do dpkg-deb -x "$deb" "$TRIXIE/root.tmp"; done
        rm -rf "$TRIXIE/root"
        mv "$TRIXIE/root.tmp" "$TRIXIE/root"
    fi
    [ -x "$plugin" ] || die "Debian 13's docker-compose has no $plugin"
    if ! cmp -s "$plugin" "$COMPOSE_V2"; then
        install -m 755 "$plugin" "$COMPOSE_V2.tmp"
        mv "$COMPOSE_V2.tmp" "$COMPOSE_V2"
    fi
    mkdir -p "$COMPOSE_V2_CONFIG/cli-plugins"
    chmod 755 "$TRIXIE" "$COMPOSE_V2_CONFIG" "$COMPOSE_V2_CONFIG/cli-plugins"
    if ! cmp -s "$plugin" "$COMPOSE_V2_CONFIG/cli-plugins/docker-compose"; then
        install -m 755 "$plugin" "$COMPOSE_V2_CONFIG/cli-plugins/docker-compose"
    fi
    mkdir -p "$COMPOSE_V2_BIN"
    chmod 755 "$COMPOSE_V2_BIN"
    ln -sfn "$COMPOSE_V2" "$COMPOSE_V2_BIN/docker-compose"
    COMPOSE_V2_VERSION=$("$COMPOSE_V2" version --short) || die "$COMPOSE_V2 does not run"
    say "Compose v2 $COMPOSE_V2_VERSION: $COMPOSE_V2, plugin under DOCKER_CONFIG=$COMPOSE_V2_CONFIG"
}

docker_answers() { timeout 20 "$DOCKER" info >/dev/null 2>&1; }

ensure_docker() {
    if docker_answers; then
        say "docker engine answers"
        ensure_docker0
        return 0
    fi
    mkdir -p "$DOCKER_STATE/data" "$DOCKER_STATE/exec"
    local pidfile="$DOCKER_STATE/dockerd.pid"
    if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        say "dockerd (pid $(cat "$pidfile")) is running but does not answer yet; waiting"
    else
        say "starting dockerd (log $DOCKER_STATE/dockerd.log)"
        # 9>&- : the daemon must not inherit the setup lock, or it holds it for as long as it runs.
        setsid /usr/sbin/dockerd --data-root "$DOCKER_STATE/data" --exec-root "$DOCKER_STATE/exec" \
            --pidfile "$pidfile" -H unix:///var/run/docker.sock \
            >>"$DOCKER_STATE/dockerd.log" 2>&1 </dev/null 9>&- &
        echo "$!" >"$ENV_DIR/dockerd.started-by-test-env"
    fi
    for _ in $(seq 1 60); do
        docker_answers && { say "docker engine answers"; return 0; }
        sleep 0.5
    done
    die "dockerd did not answer within 30 s: $(tail -5 "$DOCKER_STATE/dockerd.log" | tr '\n' ' ')"
}

# ensure_docker0 — the first engine's default bridge. Another daemon on this host can delete it (a Docker 26
# started with --bridge=none did; it has been seen gone once more since): bring it back as the engine has it, or
# every `docker run` without a network of its own fails on that engine.
ensure_docker0() {
    ip link show docker0 >/dev/null 2>&1 && return 0
    local subnet gateway
    subnet=$("$DOCKER" network inspect bridge -f '{{(index .IPAM.Config 0).Subnet}}' 2>/dev/null) || return 0
    [ -n "$subnet" ] || return 0
    gateway=$("$DOCKER" network inspect bridge -f '{{(index .IPAM.Config 0).Gateway}}' 2>/dev/null)
    [ -n "$gateway" ] || gateway="${subnet%.*/*}.1"
    say "docker0 is missing: recreating it as $gateway/${subnet#*/}"
    ip link add docker0 type bridge && ip addr add "$gateway/${subnet#*/}" dev docker0 && ip link set docker0 up
}

docker26_answers() { timeout 20 "$DOCKER" -H "unix://$1" info >/dev/null 2>&1; }

# docker26_up [containerd] — Docker 26, or (containerd) its twin with containerd's image store.
docker26_up() {
    local name="Docker 26" state=$DOCKER26_STATE sock=$DOCKER26_SOCK pool=$DOCKER26_POOL bridge=$DOCKER26_BRIDGE
    local cidr=$DOCKER26_BRIDGE_CIDR config=()
    if [ "${1:-}" = containerd ]; then
        name="Docker 26 (containerd image store)" state=$DOCKER26C_STATE sock=$DOCKER26C_SOCK pool=$DOCKER26C_POOL
        bridge=$DOCKER26C_BRIDGE cidr=$DOCKER26C_BRIDGE_CIDR config=(--config-file "$DOCKER26C_STATE/daemon.json")
        mkdir -p "$state"
        printf '{"features": {"containerd-snapshotter": true}}\n' >"$state/daemon.json"
    fi
    ensure_trixie_binaries
    # The first engine's FORWARD policy is DROP and br_netfilter sends bridged frames through it: let traffic
    # between containers of Docker 26's own networks pass (DOCKER-USER is the chain Docker leaves to us).
    if iptables -S DOCKER-USER >/dev/null 2>&1 \
        && ! iptables -C DOCKER-USER -s "$pool" -d "$pool" -j ACCEPT 2>/dev/null; then
        iptables -I DOCKER-USER -s "$pool" -d "$pool" -j ACCEPT
    fi
    if iptables -S DOCKER-USER >/dev/null 2>&1 \
        && ! iptables -C DOCKER-USER -i "$bridge" -o "$bridge" -j ACCEPT 2>/dev/null; then
        iptables -I DOCKER-USER -i "$bridge" -o "$bridge" -j ACCEPT
    fi
    if docker26_answers "$sock"; then
        say "$name answers on $sock"
        return 0
    fi
    mkdir -p "$state/data" "$state/exec"
    # Its own default bridge: a daemon started with --bridge=none deletes the host's docker0 on start-up, which
    # is the first engine's (both share this network namespace), and `docker run` there fails from then on.
    if ! ip link show "$bridge" >/dev/null 2>&1; then
        ip link add "$bridge" type bridge
        ip addr add "$cidr" dev "$bridge"
    fi
    ip link set "$bridge" up
    local pidfile="$state/dockerd.pid"
    local had_docker0=no
    ip link show docker0 >/dev/null 2>&1 && had_docker0=yes
    if ! { [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }; then
        say "starting $name (log $state/dockerd.log)"
        setsid "$TRIXIE/root/usr/sbin/dockerd" "${config[@]}" --data-root "$state/data" \
            --exec-root "$state/exec" --pidfile "$pidfile" -H "unix://$sock" \
            --bridge="$bridge" --iptables=false --ip-masq=false --default-address-pool "base=$pool,size=24" \
            --userland-proxy-path "$TRIXIE/root/usr/sbin/docker-proxy" \
            >>"$state/dockerd.log" 2>&1 </dev/null 9>&- &
    fi
    for _ in $(seq 1 60); do
        if docker26_answers "$sock"; then
            [ "$had_docker0" = yes ] && ensure_docker0
            say "$name answers on $sock"
            return 0
        fi
        sleep 0.5
    done
    die "$name did not answer within 30 s: $(tail -5 "$state/dockerd.log" | tr '\n' ' ')"
}

# docker26_down [containerd]
docker26_down() {
    # The swarm nodes run only for the tests that start them (swarm-up); the suite's end stops them with the rest.
    swarm_down
    local name="Docker 26" state=$DOCKER26_STATE pid
    [ "${1:-}" = containerd ] && name="Docker 26 (containerd image store)" state=$DOCKER26C_STATE
    pid=$(cat "$state/dockerd.pid" 2>/dev/null) || return 0
    if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        say "stopped $name"
    fi
}

# --- Swarm nodes: three machines in network namespaces, for the cluster tests (swarm-up / swarm-down) ---------
# Each node is a network namespace (address 10.77.0.N/24 on its eth0) and a UTS namespace (its own hostname, which
# Swarm takes as the node's name), with its own dockerd 20.10 and its own sshd. The nodes' eth0s and one veth from
# the root namespace (10.77.0.254, the "laptop" side: the test JVM reaches each node's sshd there) meet on a bridge
# in a switch namespace. Namespaces are machine-wide, so one ENV_DIR owns the nodes at a time (SWARM_RUN/owner);
# swarm-up from another ENV_DIR takes them over (integration tests run one at a time under berth-it.lock).
# The swarm itself is never formed here: that is Berth's work (or a test's).
SWARM_NODES=(berth-n1 berth-n2 berth-n3)
SWARM_SWITCH=berth-sw              # the switch namespace
SWARM_HOST_IF=berth-swarm          # the root namespace's end of the link to the switch
SWARM_PREFIX=10.77.0               # a /24 used only inside these namespaces and on SWARM_HOST_IF
SWARM_HOST_ADDR=$SWARM_PREFIX.254
SWARM_SSH_PORT=22
# Machine-wide state: exec roots (short paths: containerd's sockets live there), UTS namespace files, pid files,
# the owner. Per ENV_DIR (SWARM_DIR): data roots, sockets, configs and logs.
SWARM_RUN=/run/berth-swarm
SWARM_DIR=$ENV_DIR/swarm
SWARM_IMAGES=(base-1.0.tar web-1.0.tar worker-1.0.tar)

# swarm_list FUNCTION — FUNCTION of every node, comma-separated, in node order.
swarm_list() { local node out=(); for node in "${SWARM_NODES[@]}"; do out+=("$("$1" "$node")"); done; (IFS=,; echo "${out[*]}"); }
swarm_log_properties() {
    local node
    for node in "${SWARM_NODES[@]}"; do
        printf 'log.swarm.%s.dockerd=%s\nlog.swarm.%s.sshd=%s\n' "$node" "$SWARM_DIR/$node/dockerd.log" "$node" \
            "$SWARM_DIR/$node/sshd.log"
    done
}
swarm_node_ip() { echo "$SWARM_PREFIX.${1#berth-n}"; }
swarm_sock() { echo "$SWARM_DIR/$1/docker.sock"; }
swarm_docker() { local node=$1; shift; timeout 20 "$DOCKER" -H "unix://$(swarm_sock "$node")" "$@"; }
swarm_pid_alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

swarm_ensure_links() {
    # ip netns makes /run/netns a mount point the first time; remembered so that swarm-down undoes only that.
    if [ ! -e "$SWARM_RUN/netns-mount-made" ] && ! mountpoint -q /run/netns 2>/dev/null; then
        mkdir -p "$SWARM_RUN"
        : >"$SWARM_RUN/netns-mount-made"
    fi
    if ! ip netns list | grep -qx "$SWARM_SWITCH\( .*\)\?"; then
        ip netns add "$SWARM_SWITCH"
        ip -n "$SWARM_SWITCH" link add sw type bridge
        ip -n "$SWARM_SWITCH" link set sw up
    fi
    local node ip
    for node in "${SWARM_NODES[@]}"; do
        ip=$(swarm_node_ip "$node")
        if ! ip netns list | grep -qx "$node\( .*\)\?"; then
            ip netns add "$node"
        fi
        if ! ip -n "$node" link show eth0 >/dev/null 2>&1; then
            ip -n "$SWARM_SWITCH" link del "$node" 2>/dev/null || true
            ip -n "$node" link add eth0 type veth peer name "$node" netns "$SWARM_SWITCH"
            ip -n "$SWARM_SWITCH" link set "$node" master sw up
            ip -n "$node" addr add "$ip/24" dev eth0
            ip -n "$node" link set eth0 up
            # The node's own loopback (dockerd and sshd sessions use 127.0.0.1); the machine's lo is not touched.
            ip -n "$node" link set lo up
        fi
        mkdir -p "$SWARM_RUN/$node"
        if ! mountpoint -q "$SWARM_RUN/$node/uts" 2>/dev/null; then
            : >"$SWARM_RUN/$node/uts"
            unshare --uts="$SWARM_RUN/$node/uts" hostname "$node"
        fi
    done
    if ! ip link show "$SWARM_HOST_IF" >/dev/null 2>&1; then
        # Never a subnet the machine already routes elsewhere (its own interfaces' addresses stay theirs).
        if [ -n "$(ip route show to match "$SWARM_PREFIX.0/24" | grep -v '^default')" ]; then
            die "$SWARM_PREFIX.0/24 is already routed on this machine: $(ip route show to match "$SWARM_PREFIX.0/24")"
        fi
        ip -n "$SWARM_SWITCH" link del host 2>/dev/null || true
        ip link add "$SWARM_HOST_IF" type veth peer name host netns "$SWARM_SWITCH"
        ip -n "$SWARM_SWITCH" link set host master sw up
        ip addr add "$SWARM_HOST_ADDR/24" dev "$SWARM_HOST_IF"
        ip link set "$SWARM_HOST_IF" up
    fi
}

swarm_start_dockerd() { # node
    local node=$1 dir=$SWARM_DIR/$1
    swarm_docker "$node" version >/dev/null 2>&1 && return 0
    swarm_pid_alive "$SWARM_RUN/$node/dockerd.pid" && return 0
    mkdir -p "$dir/data" "$SWARM_RUN/$node/exec"
    # Its own config file, so a /etc/docker/daemon.json of the machine's never applies to a node.
    [ -s "$dir/daemon.json" ] || printf '{}\n' >"$dir/daemon.json"
    # nsenter --net, not `ip netns exec`: that remounts /sys, and dockerd then fails ("Devices cgroup isn't
    # mounted"). iptables stays on, as on a real server: inside the node's namespace the chains are the node's own
    # and the host's are not touched (SwarmNodesTest passes with --iptables=false too: overlay, dnsrr names and
    # host-mode ports need none of them here). The default bridge (172.17.0.0/16) and docker_gwbridge are the
    # node's own as well, so they cannot clash with the first engine's docker0. Each node starts its own
    # containerd, under its exec root (sharing the first engine's would tie the nodes to its lifetime).
    setsid nsenter --net="/run/netns/$node" --uts="$SWARM_RUN/$node/uts" /usr/sbin/dockerd \
        --config-file "$dir/daemon.json" --data-root "$dir/data" --exec-root "$SWARM_RUN/$node/exec" \
        --pidfile "$SWARM_RUN/$node/dockerd.pid" -H "unix://$(swarm_sock "$node")" \
        >>"$dir/dockerd.log" 2>&1 </dev/null 9>&- &
}

swarm_wait_dockerd() { # node
    local node=$1
    for _ in $(seq 1 60); do
        swarm_docker "$node" version >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    die "dockerd of $node did not answer within 30 s: $(tail -5 "$SWARM_DIR/$node/dockerd.log" | tr '\n' ' ')"
}

swarm_load_images() { # node
    local node=$1 f refs=()
    for f in "${SWARM_IMAGES[@]}"; do refs+=("berth-demo/${f%-*}:$(basename "${f##*-}" .tar)"); done
    swarm_docker "$node" image inspect "${refs[@]}" >/dev/null 2>&1 && return 0
    for f in "${SWARM_IMAGES[@]}"; do
        swarm_docker "$node" load -q -i "$IMAGES/$f" >/dev/null || die "docker load $f failed on $node"
    done
}

swarm_ensure_sshd() { # node
    local node=$1 dir=$SWARM_DIR/$1 ip
    ip=$(swarm_node_ip "$node")
    if swarm_pid_alive "$SWARM_RUN/$node/sshd.pid"; then return 0; fi
    # The first sshd's config (host key, users, keys, root by key) on the node's address; sessions get the
    # node's engine as DOCKER_HOST (root logs in directly: sudo would drop it). The login's own
    # ~/.ssh/authorized_keys counts too, as on a real server: a cluster deploy puts there the one-time key with which
    # the manager hands a node its images.
    sed -e "s|^Port .*|Port $SWARM_SSH_PORT|" -e "s|^ListenAddress .*|ListenAddress $ip|" \
        -e "s|^AuthorizedKeysFile .*|& .ssh/authorized_keys|" \
        -e "s|^PidFile .*|PidFile $SWARM_RUN/$node/sshd.pid|" "$ENV_DIR/sshd_config" >"$dir/sshd_config"
    printf 'SetEnv DOCKER_HOST=unix://%s\n' "$(swarm_sock "$node")" >>"$dir/sshd_config"
    /usr/sbin/sshd -t -f "$dir/sshd_config" || die "sshd rejects the generated config for $node"
    rm -f "$SWARM_RUN/$node/sshd.pid"
    setsid nsenter --net="/run/netns/$node" --uts="$SWARM_RUN/$node/uts" \
        /usr/sbin/sshd -D -f "$dir/sshd_config" -E "$dir/sshd.log" </dev/null >/dev/null 2>&1 9>&- &
}

swarm_wait_sshd() { # node
    local node=$1 ip
    ip=$(swarm_node_ip "$node")
    for _ in $(seq 1 50); do
        if swarm_pid_alive "$SWARM_RUN/$node/sshd.pid" \
            && [ -n "$(nsenter --net="/run/netns/$node" ss -Htln "sport = :$SWARM_SSH_PORT" 2>/dev/null)" ]; then
            return 0
        fi
        sleep 0.2
    done
    die "sshd of $node did not start: $(tail -5 "$SWARM_DIR/$node/sshd.log" 2>/dev/null | tr '\n' ' ')"
}

swarm_up() {
    [ -s "$ENV_DIR/sshd_config" ] || die "no $ENV_DIR/sshd_config: run scripts/test-env.sh up $ENV_DIR first"
    IMAGES="$ENV_DIR/images"
    local f
    # There, not necessarily fresh: `up` (which every test run starts with) rebuilds them when this script changes.
    for f in "${SWARM_IMAGES[@]}"; do
        [ -s "$IMAGES/$f" ] || die "no $IMAGES/$f: run scripts/test-env.sh up $ENV_DIR first"
    done
    local owner node
    owner=$(cat "$SWARM_RUN/owner" 2>/dev/null || true)
    if [ -n "$owner" ] && [ "$owner" != "$ENV_DIR" ]; then
        say "swarm nodes belong to $owner: taking them over"
        ENV_DIR=$owner SWARM_DIR=$owner/swarm swarm_down
    elif [ -d "$SWARM_RUN/${SWARM_NODES[0]}" ] && [ ! -d "$SWARM_DIR/${SWARM_NODES[0]}" ]; then
        # This ENV_DIR was emptied (a clean build) under running nodes: their data roots are gone.
        say "swarm nodes lost their data roots in $SWARM_DIR: starting them afresh"
        swarm_down
    fi
    mkdir -p "$SWARM_RUN" "$SWARM_DIR"
    echo "$ENV_DIR" >"$SWARM_RUN/owner"
    swarm_ensure_links
    for node in "${SWARM_NODES[@]}"; do mkdir -p "$SWARM_DIR/$node"; swarm_start_dockerd "$node"; done
    for node in "${SWARM_NODES[@]}"; do swarm_ensure_sshd "$node"; done
    for node in "${SWARM_NODES[@]}"; do swarm_wait_dockerd "$node"; swarm_load_images "$node"; done
    for node in "${SWARM_NODES[@]}"; do swarm_wait_sshd "$node"; done
    say "swarm nodes up: ${SWARM_NODES[*]} at $SWARM_PREFIX.1-${#SWARM_NODES[@]}, sshd port $SWARM_SSH_PORT"
}

swarm_stop_pid() { # pidfile
    local pid
    pid=$(cat "$1" 2>/dev/null) || return 0
    if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
    fi
}

# swarm_down — what swarm_up made, and only that; nothing when another ENV_DIR owns the nodes.
swarm_down() {
    local owner node pid m
    owner=$(cat "$SWARM_RUN/owner" 2>/dev/null || true)
    if [ -n "$owner" ] && [ "$owner" != "$ENV_DIR" ]; then
        return 0
    fi
    [ -e "$SWARM_RUN" ] || ip netns list | grep -q "^$SWARM_SWITCH\b" || return 0
    for node in "${SWARM_NODES[@]}"; do
        swarm_stop_pid "$SWARM_RUN/$node/sshd.pid" &
        swarm_stop_pid "$SWARM_RUN/$node/dockerd.pid" &
    done
    wait
    for node in "${SWARM_NODES[@]}"; do
        # A dockerd that had to be killed leaves its containerd and shims: those started under this exec root.
        for pid in $(grep -lsF "$SWARM_RUN/$node/exec/" /proc/[0-9]*/cmdline | cut -d/ -f3); do
            kill -9 "$pid" 2>/dev/null || true
        done
        # Mounts left below the node's data and exec roots (deepest first), then its UTS namespace.
        while read -r m; do umount -l "$m" 2>/dev/null || true; done < <(awk -v a="$SWARM_DIR/$node/" \
            -v b="$SWARM_RUN/$node/" 'index($2, a) == 1 || index($2, b) == 1 { print $2 }' /proc/mounts | sort -r)
        ip netns del "$node" 2>/dev/null || true
        rm -rf "${SWARM_DIR:?}/$node" "${SWARM_RUN:?}/$node"
    done
    ip netns del "$SWARM_SWITCH" 2>/dev/null || true
    ip link del "$SWARM_HOST_IF" 2>/dev/null || true
    if [ -e "$SWARM_RUN/netns-mount-made" ] && [ -z "$(ls -A /run/netns 2>/dev/null)" ]; then
        umount /run/netns 2>/dev/null || true
        rmdir /run/netns 2>/dev/null || true
    fi
    rm -rf "$SWARM_RUN"
    rmdir "$SWARM_DIR" 2>/dev/null || true
    say "swarm nodes removed"
}

ensure_user() {
    if ! id "$TEST_USER" >/dev/null 2>&1; then
        say "creating user $TEST_USER"
        useradd -m -d "/home/$TEST_USER" -s /bin/bash "$TEST_USER"
    fi
    echo "$TEST_USER:$TEST_PASSWORD" | chpasswd
    # Not in the docker group: Berth must take its sudo path.
    if id -nG "$TEST_USER" | tr ' ' '\n' | grep -qx docker; then
        gpasswd -d "$TEST_USER" docker >/dev/null
    fi
    local sudoers=/etc/sudoers.d/berthtest
    # DOCKER_HOST survives sudo for this user: a swarm node's sshd names the node's own engine in it, so a node reached
    # as this user (with its password, through sudo) runs docker there, as a real server's sudo would its only engine.
    # The other sshds set no DOCKER_HOST for it.
    { echo "$TEST_USER ALL=(ALL) NOPASSWD:ALL"; echo "Defaults:$TEST_USER env_keep += \"DOCKER_HOST\""; } >"$sudoers.tmp"
    chmod 440 "$sudoers.tmp"
    visudo -cf "$sudoers.tmp" >/dev/null || die "generated sudoers file is invalid"
    mv "$sudoers.tmp" "$sudoers"
}

gen_key() { # file type bits passphrase
    local f=$1
    [ -s "$f" ] && [ -s "$f.pub" ] && return 0
    rm -f "$f" "$f.pub"
    if [ "$2" = rsa ]; then
        ssh-keygen -q -t rsa -b "$3" -N "$4" -C "berth-test-$2" -f "$f"
    else
        ssh-keygen -q -t "$2" -N "$4" -C "berth-test-$2" -f "$f"
    fi
    chmod 600 "$f"
}

ensure_keys() {
    gen_key "$ENV_DIR/ssh_host_ed25519_key" ed25519 0 ""
    gen_key "$ENV_DIR/id_ed25519" ed25519 0 ""
    gen_key "$ENV_DIR/id_rsa" rsa 3072 ""
    gen_key "$ENV_DIR/id_ed25519_enc" ed25519 0 "$KEY_PASSPHRASE"
    # One authorized_keys file per user, in ENV_DIR, so work trees never overwrite each other's keys.
    mkdir -p "$ENV_DIR/authorized_keys"
    cat "$ENV_DIR/id_ed25519.pub" "$ENV_DIR/id_rsa.pub" "$ENV_DIR/id_ed25519_enc.pub" \
        >"$ENV_DIR/authorized_keys/$TEST_USER"
    cp "$ENV_DIR/authorized_keys/$TEST_USER" "$ENV_DIR/authorized_keys/root"
    chmod 644 "$ENV_DIR/authorized_keys/"*
}

sshd_running() {
    [ -s "$ENV_DIR/sshd.pid" ] && kill -0 "$(cat "$ENV_DIR/sshd.pid")" 2>/dev/null
}

port_free() { [ -z "$(ss -Htln "sport = :$1" 2>/dev/null)" ]; }

ensure_sshd() {
    if sshd_running && [ -s "$ENV_DIR/sshd.port" ] && ! port_free "$(cat "$ENV_DIR/sshd.port")"; then
        SSH_PORT=$(cat "$ENV_DIR/sshd.port")
        say "sshd already running on 127.0.0.1:$SSH_PORT"
        return 0
    fi
    if sshd_running; then kill "$(cat "$ENV_DIR/sshd.pid")" 2>/dev/null || true; fi
    local p
    SSH_PORT=
    for p in $(seq 22220 22399); do
        if port_free "$p"; then SSH_PORT=$p; break; fi
    done
    [ -n "$SSH_PORT" ] || die "no free loopback port in 22220-22399"
    mkdir -p /run/sshd
    chmod 755 /run/sshd
    cat >"$ENV_DIR/sshd_config" <<EOF
# Generated by scripts/test-env.sh; the test sshd for Berth's integration tests.
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $ENV_DIR/ssh_host_ed25519_key
PidFile $ENV_DIR/sshd.pid
UsePAM no
PubkeyAuthentication yes
PasswordAuthentication yes
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AuthorizedKeysFile $ENV_DIR/authorized_keys/%u
# ENV_DIR may live under /tmp (a private build dir), which StrictModes would reject.
StrictModes no
AllowTcpForwarding yes
PermitTTY yes
X11Forwarding no
PrintMotd no
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
LogLevel VERBOSE
EOF
    /usr/sbin/sshd -t -f "$ENV_DIR/sshd_config" || die "sshd rejects the generated config"
    rm -f "$ENV_DIR/sshd.pid"
    setsid /usr/sbin/sshd -D -f "$ENV_DIR/sshd_config" -E "$ENV_DIR/sshd.log" </dev/null >/dev/null 2>&1 9>&- &
    for _ in $(seq 1 50); do
        if sshd_running && ! port_free "$SSH_PORT"; then
            echo "$SSH_PORT" >"$ENV_DIR/sshd.port"
            say "sshd listening on 127.0.0.1:$SSH_PORT (log $ENV_DIR/sshd.log)"
            return 0
        fi
        sleep 0.2
    done
    die "sshd did not start: $(tail -5 "$ENV_DIR/sshd.log" 2>/dev/null | tr '\n' ' ')"
}

extra_sshd_running() { # name
    [ -s "$ENV_DIR/$1.pid" ] && kill -0 "$(cat "$ENV_DIR/$1.pid")" 2>/dev/null
}

# One more sshd, same keys and users as the first, whose sessions get SETENV (e.g. DOCKER_CONFIG=...): a target
# that sees another Compose or engine, while the first sshd's target stays as it is. Sets EXTRA_PORT.
ensure_extra_sshd() { # name first-port last-port setenv...
    local name=$1 first=$2 last=$3
    shift 3
    if extra_sshd_running "$name" && [ -s "$ENV_DIR/$name.port" ] && ! port_free "$(cat "$ENV_DIR/$name.port")"; then
        EXTRA_PORT=$(cat "$ENV_DIR/$name.port")
        say "$name already running on 127.0.0.1:$EXTRA_PORT"
        return 0
    fi
    if extra_sshd_running "$name"; then kill "$(cat "$ENV_DIR/$name.pid")" 2>/dev/null || true; fi
    local p
    EXTRA_PORT=
    for p in $(seq "$first" "$last"); do
        if port_free "$p"; then EXTRA_PORT=$p; break; fi
    done
    [ -n "$EXTRA_PORT" ] || die "no free loopback port in $first-$last"
    sed -e "s|^Port .*|Port $EXTRA_PORT|" -e "s|^PidFile .*|PidFile $ENV_DIR/$name.pid|" \
        "$ENV_DIR/sshd_config" >"$ENV_DIR/${name}_config"
    printf 'SetEnv %s\n' "$*" >>"$ENV_DIR/${name}_config"
    /usr/sbin/sshd -t -f "$ENV_DIR/${name}_config" || die "sshd rejects the generated config for $name"
    rm -f "$ENV_DIR/$name.pid"
    setsid /usr/sbin/sshd -D -f "$ENV_DIR/${name}_config" -E "$ENV_DIR/$name.log" </dev/null >/dev/null 2>&1 9>&- &
    for _ in $(seq 1 50); do
        if extra_sshd_running "$name" && ! port_free "$EXTRA_PORT"; then
            echo "$EXTRA_PORT" >"$ENV_DIR/$name.port"
            say "$name listening on 127.0.0.1:$EXTRA_PORT (log $ENV_DIR/$name.log)"
            return 0
        fi
        sleep 0.2
    done
    die "$name did not start: $(tail -5 "$ENV_DIR/$name.log" 2>/dev/null | tr '\n' ' ')"
}

ensure_extra_sshds() {
    # Compose v2 as the `docker compose` plugin, on the first engine.
    ensure_extra_sshd sshd-v2 22400 22499 "DOCKER_CONFIG=$COMPOSE_V2_CONFIG"
    SSH_V2_PORT=$EXTRA_PORT
    # The same on Docker 26 (which a test starts with docker26-up when it needs it).
    ensure_extra_sshd sshd-d26 22500 22599 "DOCKER_CONFIG=$COMPOSE_V2_CONFIG" "DOCKER_HOST=unix://$DOCKER26_SOCK"
    SSH_D26_PORT=$EXTRA_PORT
    # And on Docker 26 with containerd's image store (docker26c-up).
    ensure_extra_sshd sshd-d26c 22700 22799 "DOCKER_CONFIG=$COMPOSE_V2_CONFIG" "DOCKER_HOST=unix://$DOCKER26C_SOCK"
    SSH_D26C_PORT=$EXTRA_PORT
    # Compose v2 as a standalone docker-compose first on PATH, no plugin, on the first engine.
    ensure_extra_sshd sshd-v2s 22600 22699 "PATH=$COMPOSE_V2_BIN:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    SSH_V2S_PORT=$EXTRA_PORT
}

# busybox_rootfs DIR — a root file system of busybox-static alone (usr-merged, every applet a link), no users yet.
busybox_rootfs() {
    local rootfs=$1
    mkdir -p "$rootfs/usr/bin" "$rootfs/etc" "$rootfs/tmp" "$rootfs/root" "$rootfs/var" "$rootfs/home"
    ln -s usr/bin "$rootfs/bin"
    ln -s usr/bin "$rootfs/sbin"
    ln -s bin "$rootfs/usr/sbin"
    cp "$(readlink -f /bin/busybox)" "$rootfs/usr/bin/busybox"
    /bin/busybox --install -s "$rootfs/usr/bin"
    # --install links to the host's absolute busybox path; point them at the image's own copy.
    (cd "$rootfs/usr/bin" && for f in *; do [ -L "$f" ] && ln -sfn busybox "$f"; done)
    chmod 1777 "$rootfs/tmp"
    chmod 700 "$rootfs/root"
}

REDIS_IMAGE=berth-test/redis:7
REDIS_TARBALL=redis-7.tar

redis_image_fresh() { [ -s "$IMAGES/$REDIS_TARBALL" ] && [ "$IMAGES/$REDIS_TARBALL" -nt "$SCRIPT" ]; }

# apt_download DIR PACKAGE... — the packages' .debs into DIR, nothing installed (the host stays as it is).
apt_download() {
    local dir=$1
    shift
    # As root into a private dir: apt's _apt sandbox user could not write there.
    (cd "$dir" && apt-get download -q -o APT::Sandbox::User=root "$@") >>"$ENV_DIR/apt.log" 2>&1 && return 0
    # A machine whose package lists were never fetched has no candidate yet.
    apt-get update -qq >>"$ENV_DIR/apt.log" 2>&1 || true
    (cd "$dir" && apt-get download -q -o APT::Sandbox::User=root "$@") >>"$ENV_DIR/apt.log" 2>&1 \
        || die "apt-get download $* failed (see $ENV_DIR/apt.log): $(tail -3 "$ENV_DIR/apt.log" | tr '\n' ' ')"
}

# A real piece of software for the integration tests of backup, restore and upgrades: Debian 12's Redis, unpacked
# from its .debs with the shared libraries its binaries load, on the busybox rootfs, running as redis (999:999).
ensure_redis_image() {
    IMAGES="$ENV_DIR/images"
    if redis_image_fresh; then
        say "$REDIS_TARBALL is up to date in $IMAGES"
        return 0
    fi
    say "building $REDIS_IMAGE from Debian's redis-server and redis-tools"
    mkdir -p "$IMAGES"
    local work
    work=$(mktemp -d)
    local debs="$work/debs" unpacked="$work/unpacked" rootfs="$work/rootfs"
    mkdir -p "$debs" "$unpacked"
    apt_download "$debs" redis-server redis-tools
    # The libraries redis-tools depends on that this host lacks (libjemalloc2, liblzf1 on Debian 12) come from
    # their own .debs; the others (libc, libssl, ...) are the host's, of the same Debian release.
    local deps=() dep
    for dep in $(dpkg-deb -f "$debs"/redis-tools_*.deb Depends | tr ',' '\n' | sed 's/^ *//; s/[ (].*//' \
        | grep '^lib'); do
        dpkg-query -W -f='${Status}' "$dep" 2>/dev/null | grep -q '^install ok installed' || deps+=("$dep")
    done
    [ ${#deps[@]} -eq 0 ] || apt_download "$debs" "${deps[@]}"
    local deb
    for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$unpacked"; done

    busybox_rootfs "$rootfs"
    # redis-server is a link to redis-check-rdb (one binary that looks at its argv[0]): copy the links as links.
    cp -P "$unpacked"/usr/bin/redis-* "$rootfs/usr/bin/"
    local libpath listing bin
    libpath=$(find "$unpacked" -name '*.so*' -printf '%h\n' | sort -u | paste -sd:)
    listing="$work/ldd.txt"
    : >"$listing"
    for bin in "$unpacked"/usr/bin/redis-*; do
        [ -L "$bin" ] && continue
        LD_LIBRARY_PATH=$libpath ldd "$bin" >>"$listing" || die "ldd $bin failed"
    done
    if grep -q 'not found' "$listing"; then
        die "libraries redis needs were not found: $(grep 'not found' "$listing" | sort -u | tr -s ' \t\n' ' ')"
    fi
    # Each resolved library, and the loader, where the binaries look for it: the host's at the host's path, the
    # unpacked ones at their path in the package.
    local lib target
    while read -r lib; do
        target=${lib#"$unpacked"}
        mkdir -p "$rootfs$(dirname "$target")"
        cp -L "$lib" "$rootfs$target"
    done < <(awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' "$listing" | sort -u)
    printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'redis:x:999:999:redis:/data:/bin/sh' \
        'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >"$rootfs/etc/passwd"
    printf '%s\n' 'root:x:0:' 'redis:x:999:' 'nogroup:x:65534:' >"$rootfs/etc/group"
    # A fresh named volume mounted on /data takes this folder's owner and mode: redis can write its RDB and AOF.
    mkdir -p "$rootfs/data"
    chown 999:999 "$rootfs/data"
    chmod 750 "$rootfs/data"
    tar -C "$rootfs" --numeric-owner -cf "$work/rootfs.tar" .
    local image_id
    # Redis 7.0 takes any configuration directive as `--name value` on its command line.
    image_id=$("$DOCKER" import -c 'USER 999:999' -c 'WORKDIR /data' -c 'EXPOSE 6379' \
        -c 'CMD ["redis-server","--dir","/data","--appendonly","yes"]' "$work/rootfs.tar" "$REDIS_IMAGE")
    "$DOCKER" run --rm "$REDIS_IMAGE" redis-server --version >/dev/null \
        || die "$REDIS_IMAGE does not run redis-server --version"
    "$DOCKER" save -o "$IMAGES/$REDIS_TARBALL.part" "$REDIS_IMAGE"
    chmod 644 "$IMAGES/$REDIS_TARBALL.part"
    mv "$IMAGES/$REDIS_TARBALL.part" "$IMAGES/$REDIS_TARBALL"
    # As the demo images: absent from the engine until a deploy loads it.
    "$DOCKER" rmi "$REDIS_IMAGE" >/dev/null 2>&1 || true
    "$DOCKER" rmi "$image_id" >/dev/null 2>&1 || true
    rm -rf "$work"
    say "image saved: $IMAGES/$REDIS_TARBALL ($REDIS_IMAGE)"
}

images_fresh() {
    local f
    for f in base-1.0.tar web-1.0.tar worker-1.0.tar; do
        [ -s "$IMAGES/$f" ] && [ "$IMAGES/$f" -nt "$SCRIPT" ] || return 1
    done
}

ensure_images() {
    IMAGES="$ENV_DIR/images"
    if images_fresh; then
        say "image tarballs are up to date in $IMAGES"
        return 0
    fi
    say "building demo images from busybox-static"
    mkdir -p "$IMAGES"
    local work
    work=$(mktemp -d)
    local rootfs="$work/rootfs"
    busybox_rootfs "$rootfs"
    cat >"$rootfs/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
app:x:1000:1000:app:/home/app:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
    cat >"$rootfs/etc/group" <<'EOF'
root:x:0:
app:x:1000:
nogroup:x:65534:
EOF
    tar -C "$rootfs" --numeric-owner -cf "$work/rootfs.tar" .
    local image_id
    image_id=$("$DOCKER" import -c 'CMD ["/bin/sh"]' "$work/rootfs.tar" berth-demo/base:1.0)
    "$DOCKER" tag berth-demo/base:1.0 berth-demo/web:1.0
    "$DOCKER" tag berth-demo/base:1.0 berth-demo/worker:1.0
    local ref file
    for ref in berth-demo/base:1.0 berth-demo/web:1.0 berth-demo/worker:1.0; do
        file="${ref##*/}"; file="${file/:/-}.tar"
        "$DOCKER" save -o "$IMAGES/$file.part" "$ref"
        chmod 644 "$IMAGES/$file.part"
        mv "$IMAGES/$file.part" "$IMAGES/$file"
    done
    # Tests start with the images absent from the engine: the deploy must load them. A tag still used by a
    # container stays (no -f).
    "$DOCKER" rmi berth-demo/web:1.0 berth-demo/worker:1.0 berth-demo/base:1.0 >/dev/null 2>&1 || true
    "$DOCKER" rmi "$image_id" >/dev/null 2>&1 || true
    rm -rf "$work"
    say "images saved: $(cd "$IMAGES" && echo ./*.tar)"
}

write_properties() {
    local fp
    fp=$(ssh-keygen -lf "$ENV_DIR/ssh_host_ed25519_key.pub" | awk '{print $2}')
    cat >"$ENV_DIR/env.properties.tmp" <<EOF
# Written by scripts/test-env.sh up
ssh.host=127.0.0.1
ssh.port=$SSH_PORT
ssh.user=$TEST_USER
ssh.v2.port=$SSH_V2_PORT
ssh.docker26.port=$SSH_D26_PORT
ssh.docker26c.port=$SSH_D26C_PORT
ssh.v2standalone.port=$SSH_V2S_PORT
ssh.key.ed25519=$ENV_DIR/id_ed25519
ssh.key.rsa=$ENV_DIR/id_rsa
ssh.key.encrypted=$ENV_DIR/id_ed25519_enc
ssh.key.passphrase=$KEY_PASSPHRASE
ssh.password=$TEST_PASSWORD
ssh.hostkey.pub=$ENV_DIR/ssh_host_ed25519_key.pub
ssh.hostkey.fingerprint=$fp
docker.cmd=$DOCKER
compose.cmd=$COMPOSE
compose.v2.cmd=$COMPOSE_V2
compose.v2.version=$COMPOSE_V2_VERSION
compose.v2.plugin.docker.config=$COMPOSE_V2_CONFIG
docker26.socket=$DOCKER26_SOCK
docker26.start=$SCRIPT docker26-up $ENV_DIR
log.docker26=$DOCKER26_STATE/dockerd.log
docker26c.socket=$DOCKER26C_SOCK
docker26c.start=$SCRIPT docker26c-up $ENV_DIR
log.docker26c=$DOCKER26C_STATE/dockerd.log
swarm.start=$SCRIPT swarm-up $ENV_DIR
swarm.stop=$SCRIPT swarm-down $ENV_DIR
swarm.nodes=$(swarm_list swarm_node_ip)
swarm.node.names=$(swarm_list echo)
swarm.ssh.port=$SWARM_SSH_PORT
swarm.laptop.address=$SWARM_HOST_ADDR
swarm.sockets=$(swarm_list swarm_sock)
swarm.dir=$SWARM_DIR
$(swarm_log_properties)
images.dir=$IMAGES
log.sshd=$ENV_DIR/sshd.log
log.dockerd=$DOCKER_STATE/dockerd.log
log.apt=$ENV_DIR/apt.log
EOF
    mv "$ENV_DIR/env.properties.tmp" "$ENV_DIR/env.properties"
    say "wrote $ENV_DIR/env.properties"
}

up() {
    install_packages
    ensure_trixie_binaries
    ensure_docker
    ensure_user
    ensure_keys
    ensure_sshd
    ensure_extra_sshds
    ensure_images
    ensure_redis_image
    write_properties
}

down() {
    if sshd_running; then
        kill "$(cat "$ENV_DIR/sshd.pid")" && say "stopped sshd"
    fi
    local name
    for name in sshd-v2 sshd-d26 sshd-d26c sshd-v2s; do
        if extra_sshd_running "$name"; then
            kill "$(cat "$ENV_DIR/$name.pid")" && say "stopped $name"
        fi
        rm -f "$ENV_DIR/$name.pid"
    done
    rm -f "$ENV_DIR/sshd.pid" "$ENV_DIR/env.properties"
    # Docker 26 runs only for the tests that start it (docker26-up, docker26c-up); the suite's end stops them too.
    docker26_down
    docker26_down containerd
    if [ -s "$ENV_DIR/dockerd.started-by-test-env" ]; then
        local pid
        pid=$(cat "$DOCKER_STATE/dockerd.pid" 2>/dev/null || cat "$ENV_DIR/dockerd.started-by-test-env")
        if kill "$pid" 2>/dev/null; then
            for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            say "stopped dockerd"
        fi
        rm -f "$ENV_DIR/dockerd.started-by-test-env"
    fi
}

case "$ACTION" in
    up) up ;;
    down) down ;;
    docker26-up) docker26_up ;;
    docker26-down) docker26_down ;;
    docker26c-up) docker26_up containerd ;;
    docker26c-down) docker26_down containerd ;;
    swarm-up) swarm_up ;;
    swarm-down) swarm_down ;;
    *) die "usage: $0 up|down|docker26-up|docker26-down|docker26c-up|docker26c-down|swarm-up|swarm-down [ENV_DIR]" ;;
esac
