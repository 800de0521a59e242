#!/usr/bin/env bash
# Compares Berth's upload (JSch exec channel, `cat > file`) with OpenSSH's scp on the test sshd, on plain
# loopback and through a userspace relay that delays each direction by RELAY_DELAY_MS (no netem needed, lo is
# never touched). Rounds alternate Berth and scp so drift affects both alike. Prints each run, the medians and
# the Berth/scp ratio.
#
#   scripts/bench-upload.sh            # 1 GiB, 3 rounds, 10 ms each way
#   SIZE_MIB=256 ROUNDS=2 scripts/bench-upload.sh
#   WARMUP_MIB=0 scripts/bench-upload.sh   # a cold JVM for every upload (what a one-shot CLI run pays)
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
SIZE_MIB=${SIZE_MIB:-1024}
ROUNDS=${ROUNDS:-3}
RELAY_DELAY_MS=${RELAY_DELAY_MS:-10}
WARMUP_MIB=${WARMUP_MIB:-128}   # sent once, untimed, before the timed upload (0: a cold JVM)
BUILD=${BERTH_BUILD_DIR:-$ROOT/target}
ENV_DIR=$BUILD/test-env
CIPHER=aes128-gcm@openssh.com   # what Berth prefers; scp's default would be chacha20

cd "$ROOT"
[ -s "$ENV_DIR/env.properties" ] || scripts/test-env.sh up "$ENV_DIR" >/dev/null
prop() { sed -n "s/^$1=//p" "$ENV_DIR/env.properties"; }
PORT=$(prop ssh.port); USER_=$(prop ssh.user); KEY=$(prop ssh.key.ed25519); HOST=$(prop ssh.host)

echo "bench: compiling"
./mvnw -B -o -q -Dberth.buildDir="$BUILD" test-compile
# The SSH layer needs only JSch at run time; take it from the local Maven repository the build just used.
JSCH_VERSION=$(sed -n 's:.*<jsch.version>\(.*\)</jsch.version>.*:\1:p' pom.xml)
CP="$BUILD/test-classes:$BUILD/classes:$HOME/.m2/repository/com/github/mwiede/jsch/$JSCH_VERSION/jsch-$JSCH_VERSION.jar"
bench() { java -cp "$CP" dev.berth.ssh.bench.UploadBench "$@"; }

WORK=$(mktemp -d)
RELAY_PID=
cleanup() {
    [ -n "$RELAY_PID" ] && kill "$RELAY_PID" 2>/dev/null || true
    rm -rf "$WORK"
    ssh -q -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -i "$KEY" -p "$PORT" \
        "$USER_@$HOST" 'rm -f /tmp/berth-bench-*.tar' 2>/dev/null || true
}
trap cleanup EXIT

# A docker-save-like tarball: a manifest and one incompressible layer.
echo "bench: making a $SIZE_MIB MiB tarball"
mkdir -p "$WORK/img/layer"
head -c "$((SIZE_MIB * 1024 * 1024 - 20480))" /dev/urandom >"$WORK/img/layer/layer.tar"
echo '[{"Config":"config.json","RepoTags":["bench/image:1.0"],"Layers":["layer/layer.tar"]}]' >"$WORK/img/manifest.json"
tar -C "$WORK/img" -cf "$WORK/image.tar" manifest.json layer
FILE=$WORK/image.tar

RELAY_PORT=$(for p in $(seq 22400 22499); do [ -z "$(ss -Htln "sport = :$p")" ] && { echo "$p"; break; }; done)
bench relay "$RELAY_PORT" "$PORT" "$RELAY_DELAY_MS" >"$WORK/relay.log" 2>&1 &
RELAY_PID=$!
for _ in $(seq 1 100); do grep -q ready "$WORK/relay.log" 2>/dev/null && break; sleep 0.1; done

scp_rate() { # port -> "MB/s seconds"
    local start end
    start=$(date +%s.%N)
    scp -q -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -c "$CIPHER" \
        -i "$KEY" -P "$1" "$FILE" "$USER_@$HOST:/tmp/berth-bench-scp.tar"
    end=$(date +%s.%N)
    awk -v b="$(stat -c %s "$FILE")" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f %.2f\n", b/(e-s)/1e6, e-s }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

for path in loopback relay; do
    port=$PORT; [ "$path" = relay ] && port=$RELAY_PORT
    : >"$WORK/berth.$path"; : >"$WORK/scp.$path"
    for r in $(seq 1 "$ROUNDS"); do
        read -r brate bsecs brss < <(bench upload "$ENV_DIR/env.properties" "$port" "$FILE" /tmp/berth-bench-berth.tar "$WARMUP_MIB")
        read -r srate ssecs < <(scp_rate "$port")
        echo "bench: $path round $r: berth $brate MB/s ($bsecs s, peak RSS $brss MiB), scp $srate MB/s ($ssecs s)"
        echo "$brate" >>"$WORK/berth.$path"; echo "$srate" >>"$WORK/scp.$path"; echo "$brss" >>"$WORK/rss"
    done
done

echo "bench: medians over $ROUNDS rounds of $SIZE_MIB MiB (cipher $CIPHER, relay ${RELAY_DELAY_MS} ms each way, warm-up $WARMUP_MIB MiB)"
for path in loopback relay; do
    bm=$(median <"$WORK/berth.$path"); sm=$(median <"$WORK/scp.$path")
    awk -v p="$path" -v b="$bm" -v s="$sm" 'BEGIN { printf "  %-8s berth %7.1f MB/s   scp %7.1f MB/s   berth/scp %.2f\n", p, b, s, b/s }'
done
echo "  berth's peak RSS: $(sort -n "$WORK/rss" | tail -n 1) MiB for a $SIZE_MIB MiB file (streamed, never held in memory)"
