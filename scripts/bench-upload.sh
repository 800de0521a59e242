#!/usr/bin/env bash
# Compares Berth's upload (JSch exec channel, `cat > file`) with OpenSSH's scp on the test sshd, on plain
# loopback and through a userspace relay that delays each direction by RELAY_DELAY_MS (no netem needed, lo is
# never touched). Rounds alternate Berth and scp so drift affects both alike. Prints each run, the medians and
# the Berth/scp ratio.
#
#   scripts/bench-upload.sh            # 1 GiB, 3 rounds, 10 ms each way
#   SIZE_MIB=256 ROUNDS=2 scripts/bench-upload.sh
#   WARMUP_MIB=0 scripts/bench-upload.sh   # a cold JVM for every upload (what a one-shot CLI run pays)
#
# Then images as real ones are (LAYERS=no skips it): two images of BASE_MIB+APP_MIB on one BASE_MIB base layer,
# a tar of the directory tree of whole Debian packages installed on this machine (etc/, usr/bin/, usr/lib/,
# usr/share/, real modes and symlinks), with APP_MIB layers of text, and a redeploy whose only change is a new
# APP_MIB layer, through the relay capped at LINK_MBIT (the operator's VPN).
# Berth sends what the server's engine lacks, as a deploy does; scp sends the files.
#   LINK_MBIT=100 BASE_MIB=320 APP_MIB=10 LAYER_ROUNDS=2 scripts/bench-upload.sh
#
# And a RESUME_MIB upload cut RESUME_CUTS times (each after a quarter of the file), then let finish: how many
# bytes crossed the link in all, against the file's size (RESUME=no skips it).
#
# And Berth's memory for a large set of images (MEM=no skips it): about MEM_GIB GiB of image tarballs (six images
# in two families, five layers each, every layer a tar of Debian package trees; the family's base and runtime
# layers shared) sent over loopback as a deploy sends them (probe, TransferPlan, verify, link timed, compression
# chosen, ImageUploader), by a JVM with the heap options the installed launcher has; prints its peak RSS (VmHWM, read
# from /proc/self/status at the end), the heap limit, bytes sent and time. Needs about 2.2 x MEM_GIB GiB free on
# this disk (the tarballs, their layers while they are made, the test sshd's copy); everything is removed after.
#   RAW=no LAYERS=no RESUME=no MEM_GIB=10 scripts/bench-upload.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
SIZE_MIB=${SIZE_MIB:-1024}
ROUNDS=${ROUNDS:-3}
RELAY_DELAY_MS=${RELAY_DELAY_MS:-10}
RAW=${RAW:-yes}       # RAW=no: skip the plain upload part
RESUME=${RESUME:-yes}
RESUME_MIB=${RESUME_MIB:-1024}
RESUME_CUTS=${RESUME_CUTS:-3}
LAYERS=${LAYERS:-yes}
LINK_MBIT=${LINK_MBIT:-100}
BASE_MIB=${BASE_MIB:-320}
APP_MIB=${APP_MIB:-10}
LAYER_ROUNDS=${LAYER_ROUNDS:-2}
MEM=${MEM:-yes}
MEM_GIB=${MEM_GIB:-10}
# The JVM options the installed launcher runs Berth with (pom.xml's jpackage --java-options that set the heap), and
# any more to find where memory goes (MEM_JAVA_OPTS=-XX:NativeMemoryTracking=summary).
LAUNCHER_HEAP_OPTS=$(sed -n 's:.*<argument>--java-options</argument><argument>\(-Xm[sx][^<]*\)</argument>.*:\1:p' pom.xml | tr '\n' ' ')
MEM_JAVA_OPTS="$LAUNCHER_HEAP_OPTS${MEM_JAVA_OPTS:-}"
WARMUP_MIB=${WARMUP_MIB:-128}   # sent once, untimed, before the timed upload (0: a cold JVM)
BUILD=${BERTH_BUILD_DIR:-$ROOT/target}
ENV_DIR=$BUILD/test-env
CIPHER=aes128-gcm@openssh.com   # what Berth prefers; scp's default would be chacha20

cd "$ROOT"
[ -s "$ENV_DIR/env.properties" ] || scripts/test-env.sh up "$ENV_DIR" >/dev/null
prop() { sed -n "s/^$1=//p" "$ENV_DIR/env.properties"; }
PORT=$(prop ssh.port); USER_=$(prop ssh.user); KEY=$(prop ssh.key.ed25519); HOST=$(prop ssh.host)
DOCKER=$(prop docker.cmd)
remote() { ssh -q -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -i "$KEY" -p "$PORT" "$USER_@$HOST" "$1"; }

echo "bench: compiling"
./mvnw -B -o -q -Dberth.buildDir="$BUILD" test-compile
# The engine's run-time libraries (JSch, Jackson, zstd-jni...) as Maven resolved them for the build.
./mvnw -B -o -q -Dberth.buildDir="$BUILD" dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$BUILD/bench-classpath.txt"
CP="$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/bench-classpath.txt")"
bench() { java -cp "$CP" dev.berth.ssh.bench.UploadBench "$@"; }

WORK=$(mktemp -d)
RELAY_PID=
cleanup() {
    relay_stop
    rm -rf "$WORK"
    ssh -q -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -i "$KEY" -p "$PORT" \
        "$USER_@$HOST" 'rm -rf /tmp/berth-bench-*.tar /tmp/berth-bench-layers /tmp/berth-bench-resume /tmp/berth-bench-mem' \
        2>/dev/null || true
    [ "$LAYERS" = yes ] && $DOCKER rmi bench/a:1 bench/b:1 bench/a:2 >/dev/null 2>&1 || true
}
trap cleanup EXIT

# A docker-save-like tarball: a manifest and one incompressible layer.
FILE=$WORK/image.tar
if [ "$RAW" = yes ]; then
    echo "bench: making a $SIZE_MIB MiB tarball"
    mkdir -p "$WORK/img/layer"
    head -c "$((SIZE_MIB * 1024 * 1024 - 20480))" /dev/urandom >"$WORK/img/layer/layer.tar"
    echo '[{"Config":"config.json","RepoTags":["bench/image:1.0"],"Layers":["layer/layer.tar"]}]' >"$WORK/img/manifest.json"
    tar -C "$WORK/img" -cf "$FILE" manifest.json layer
    rm -rf "$WORK/img"
fi

RELAY_PORT=$(for p in $(seq 22400 22499); do [ -z "$(ss -Htln "sport = :$p")" ] && { echo "$p"; break; }; done)
# relay_start [MBIT]: java itself in the background (not a function's subshell), so that relay_stop really stops it.
relay_start() {
    java -cp "$CP" dev.berth.ssh.bench.UploadBench relay "$RELAY_PORT" "$PORT" "$RELAY_DELAY_MS" "${1:-0}" \
        >"$WORK/relay.log" 2>&1 &
    RELAY_PID=$!
    for _ in $(seq 1 100); do grep -q ready "$WORK/relay.log" 2>/dev/null && return 0; sleep 0.1; done
    echo "bench: the relay did not start: $(cat "$WORK/relay.log")" >&2
    exit 1
}
relay_stop() {
    [ -n "$RELAY_PID" ] || return 0
    kill "$RELAY_PID" 2>/dev/null || true
    wait "$RELAY_PID" 2>/dev/null || true
    RELAY_PID=
}
relay_start

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
    [ "$RAW" = yes ] || break
    port=$PORT; [ "$path" = relay ] && port=$RELAY_PORT
    : >"$WORK/berth.$path"; : >"$WORK/scp.$path"
    for r in $(seq 1 "$ROUNDS"); do
        read -r brate bsecs brss < <(bench upload "$ENV_DIR/env.properties" "$port" "$FILE" /tmp/berth-bench-berth.tar "$WARMUP_MIB")
        read -r srate ssecs < <(scp_rate "$port")
        echo "bench: $path round $r: berth $brate MB/s ($bsecs s, peak RSS $brss MiB), scp $srate MB/s ($ssecs s)"
        echo "$brate" >>"$WORK/berth.$path"; echo "$srate" >>"$WORK/scp.$path"; echo "$brss" >>"$WORK/rss"
    done
done

[ "$RAW" = yes ] && echo "bench: medians over $ROUNDS rounds of $SIZE_MIB MiB (cipher $CIPHER, relay ${RELAY_DELAY_MS} ms each way, warm-up $WARMUP_MIB MiB)"
for path in loopback relay; do
    [ "$RAW" = yes ] || break
    bm=$(median <"$WORK/berth.$path"); sm=$(median <"$WORK/scp.$path")
    awk -v p="$path" -v b="$bm" -v s="$sm" 'BEGIN { printf "  %-8s berth %7.1f MB/s   scp %7.1f MB/s   berth/scp %.2f\n", p, b, s, b/s }'
done
[ "$RAW" = yes ] && echo "  berth's peak RSS: $(sort -n "$WORK/rss" | tail -n 1) MiB for a $SIZE_MIB MiB file (streamed, never held in memory)"

if [ "$RESUME" = yes ]; then
    remote "rm -rf /tmp/berth-bench-resume" 2>/dev/null || true
    read -r attempts through fsize rsecs rrss < <(java -cp "$CP" dev.berth.ssh.bench.ResumeBench "$ENV_DIR/env.properties" \
        "$PORT" "$RESUME_MIB" "$RESUME_CUTS")
    awk -v a="$attempts" -v t="$through" -v f="$fsize" -v s="$rsecs" -v m="$rrss" 'BEGIN { printf "bench: resume: %d MiB cut %d times: %d attempts, %.1f MiB through the link in all = %.3f x the file, %.1f s, peak RSS %d MiB\n", f/1048576, a-1, a, t/1048576, t/f, s, m }'
fi

if [ "$MEM" = yes ]; then
    avail=$(df --output=avail -B1M "$WORK" | tail -n 1)
    need=$(awk -v g="$MEM_GIB" 'BEGIN { printf "%d", g * 1024 * 2.2 }')
    if [ "$avail" -lt "$need" ]; then
        echo "bench: mem: needs about $need MiB free on $WORK's disk, has $avail MiB" >&2
        exit 1
    fi
    echo "bench: mem: making about $MEM_GIB GiB of image tarballs"
    mkdir -p "$WORK/mem"
    start=$(date +%s.%N)
    made=$(java -cp "$CP" dev.berth.ssh.bench.MemoryBench make "$WORK/mem" "$MEM_GIB")
    read -r mimages mlayers mbytes <<<"$made"
    echo "bench: mem: $mimages images, $mlayers layers, $(awk -v b="$mbytes" 'BEGIN { printf "%.2f GiB", b/2^30 }') in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e-s }') s"
    remote "rm -rf /tmp/berth-bench-mem"
    # The JVM as a user's launcher starts it: no -Xmx or other tuning.
    # shellcheck disable=SC2086 # MEM_JAVA_OPTS is words
    sent=$(java $MEM_JAVA_OPTS -cp "$CP" dev.berth.ssh.bench.MemoryBench send "$ENV_DIR/env.properties" "$PORT" "$WORK/mem" \
        /tmp/berth-bench-mem)
    read -r msecs msent mtarballs mhwm mheap _ <<<"$sent"
    remote "rm -rf /tmp/berth-bench-mem"
    rm -rf "$WORK/mem"
    awk -v s="$msecs" -v b="$msent" -v t="$mtarballs" -v m="$mhwm" -v h="$mheap" -v ram="$(free -m | awk '/^Mem:/ { print $2 }')" \
        'BEGIN { printf "bench: mem: sent %.2f GiB of %.2f GiB of tarballs in %.1f s (%.0f MB/s, loopback): peak RSS (VmHWM) %d MiB, heap max %d MiB (the default: this machine has %d MiB of RAM)\n", b/2^30, t/2^30, s, b/s/1e6, m, h, ram }'
fi

[ "$LAYERS" = yes ] || exit 0
relay_stop
relay_start "$LINK_MBIT"
echo "bench: layers: making two $((BASE_MIB + APP_MIB)) MiB images on one $BASE_MIB MiB base, and a redeploy of one"
mkdir -p "$WORK/layers"
java -cp "$CP" dev.berth.ssh.bench.LayerBench make "$WORK/layers" "$BASE_MIB" "$APP_MIB"
L=$WORK/layers
REMOTE=/tmp/berth-bench-layers
scp_files() { # files... -> seconds
    local start end
    start=$(date +%s.%N)
    scp -q -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -c "$CIPHER" \
        -i "$KEY" -P "$RELAY_PORT" "$@" "$USER_@$HOST:$REMOTE/"
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e-s }'
}
berth_files() { java -cp "$CP" dev.berth.ssh.bench.LayerBench send "$ENV_DIR/env.properties" "$RELAY_PORT" "$DOCKER" "$REMOTE" "$@"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b/1048576 }'; }
files_bytes() { stat -c %s "$@" | awk '{ s += $1 } END { print s }'; }
: >"$WORK/first.berth"; : >"$WORK/first.scp"; : >"$WORK/redeploy.berth"; : >"$WORK/redeploy.scp"
for r in $(seq 1 "$LAYER_ROUNDS"); do
    $DOCKER rmi bench/a:1 bench/b:1 bench/a:2 >/dev/null 2>&1 || true
    remote "rm -rf $REMOTE; mkdir -p $REMOTE"
    read -r bsecs bbytes < <(berth_files "$L/a.tar" "$L/b.tar")
    remote "rm -rf $REMOTE; mkdir -p $REMOTE"
    ssecs=$(scp_files "$L/a.tar" "$L/b.tar")
    echo "bench: layers round $r first deploy: berth $bsecs s, $(mib "$bbytes") MiB sent; scp $ssecs s, $(mib "$(files_bytes "$L/a.tar" "$L/b.tar")") MiB"
    echo "$bsecs $bbytes" >>"$WORK/first.berth"; echo "$ssecs" >>"$WORK/first.scp"
    $DOCKER load -i "$L/a.tar" >/dev/null   # the first release is on the server now
    remote "rm -rf $REMOTE; mkdir -p $REMOTE"
    read -r bsecs bbytes < <(berth_files "$L/a2.tar")
    remote "rm -rf $REMOTE; mkdir -p $REMOTE"
    ssecs=$(scp_files "$L/a2.tar")
    echo "bench: layers round $r redeploy (one $APP_MIB MiB layer changed): berth $bsecs s, $(mib "$bbytes") MiB sent; scp $ssecs s, $(mib "$(files_bytes "$L/a2.tar")") MiB"
    echo "$bsecs $bbytes" >>"$WORK/redeploy.berth"; echo "$ssecs" >>"$WORK/redeploy.scp"
done
echo "bench: layers medians over $LAYER_ROUNDS rounds (relay capped at $LINK_MBIT Mbit/s, ${RELAY_DELAY_MS} ms each way)"
for c in first redeploy; do
    bm=$(cut -d' ' -f1 <"$WORK/$c.berth" | median); bb=$(cut -d' ' -f2 <"$WORK/$c.berth" | median); sm=$(median <"$WORK/$c.scp")
    awk -v c="$c" -v b="$bm" -v bb="$bb" -v s="$sm" 'BEGIN { printf "  %-9s berth %6.2f s (%7.1f MiB sent)   scp %6.2f s   berth/scp %.2f\n", c, b, bb/1048576, s, b/s }'
done
