# Berth deploy job library. Sourced by a release's generated plan.sh, which runs on the server detached from
# the SSH session (setsid + nohup), as root. Writes one JSON object per line to the release's journal so the
# laptop can follow live and reattach after a disconnect. Must run on bash 4.2 (CentOS 7).
# The plan sets: BERTH_INSTALL_DIR BERTH_RELEASE_ID BERTH_PROJECT BERTH_COMPOSE_FILE BERTH_COMPOSE (array).

set -u
umask 022
BERTH_RELEASE_DIR="$BERTH_INSTALL_DIR/releases/$BERTH_RELEASE_ID"
# Compose always runs through this stable link, so a service whose configuration did not change keeps the same
# bind-mount paths and config hash and is not recreated; only what changed restarts.
BERTH_ACTIVE="$BERTH_INSTALL_DIR/active"
BERTH_STATE_DIR="$BERTH_INSTALL_DIR/.berth"
BERTH_JOURNAL="$BERTH_RELEASE_DIR/.berth/journal.jsonl"
BERTH_PREVIOUS=""

# --- journal ---------------------------------------------------------------------------------------------------

berth_json_string() {
    # A JSON string literal of $1: escapes backslash, quote and control characters; keeps UTF-8 as it is.
    local s
    s=$(printf '%s' "$1" | tr -d '\000-\010\013\014\016-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\r/\\r/g' -e 's/	/\\t/g' \
        | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }')
    printf '"%s"' "$s"
}

# berth_event TYPE [key value]... — values are strings unless the key ends in '#', which marks a number.
berth_event() {
    local type=$1; shift
    # Step functions run in subshells, so the sequence number comes from the journal itself (one writer: the lock).
    local line ts seq
    seq=$(( $(wc -l < "$BERTH_JOURNAL") + 1 ))
    ts=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    line="{\"seq\":$seq,\"ts\":\"$ts\",\"event\":$(berth_json_string "$type")"
    while [ $# -ge 2 ]; do
        case "$1" in
            *'#') line="$line,$(berth_json_string "${1%#}"):$2" ;;
            *) line="$line,$(berth_json_string "$1"):$(berth_json_string "$2")" ;;
        esac
        shift 2
    done
    printf '%s}\n' "$line" >> "$BERTH_JOURNAL"
}

berth_now_ms() {
    local ms
    ms=$(date +%s%3N 2>/dev/null)
    case "$ms" in *N|'') ms=$(( $(date +%s) * 1000 )) ;; esac
    printf '%s' "$ms"
}

# --- helpers ---------------------------------------------------------------------------------------------------

berth_compose() {
    "${BERTH_COMPOSE[@]}" -p "$BERTH_PROJECT" -f "$BERTH_ACTIVE/$BERTH_COMPOSE_FILE" "$@"
}

# berth_link NAME RELEASE — points INSTALL_DIR/NAME at releases/RELEASE atomically.
berth_link() {
    ln -sfn "releases/$2" "$BERTH_INSTALL_DIR/$1.berth-new" || return 1
    mv -T "$BERTH_INSTALL_DIR/$1.berth-new" "$BERTH_INSTALL_DIR/$1" 2>/dev/null \
        || { rm -f "$BERTH_INSTALL_DIR/$1"; mv "$BERTH_INSTALL_DIR/$1.berth-new" "$BERTH_INSTALL_DIR/$1"; }
}

berth_with_timeout() {
    local secs=$1; shift
    if command -v timeout >/dev/null 2>&1; then timeout "$secs" "$@"; else "$@"; fi
}

berth_container_of() {
    # Compose's own labels name the project's containers; the docker CLI answers far faster than compose ps.
    docker ps -a -q --filter "label=com.docker.compose.project=$BERTH_PROJECT" \
        --filter "label=com.docker.compose.service=$1" 2>/dev/null | head -n 1
}

# Prints "status health restarts exitcode" of a service's container (health is "none" without a healthcheck).
berth_service_state() {
    local id
    id=$(berth_container_of "$1")
    if [ -z "$id" ]; then
        echo "missing none 0 0"
        return
    fi
    docker inspect --format '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}} {{.State.ExitCode}}' "$id" 2>/dev/null \
        || echo "missing none 0 0"
}

berth_record_service_failure() {
    local svc=$1 id
    # Called from a step's subshell: the name goes through a file to reach the job's last event.
    printf '%s\n' "$svc" >> "$BERTH_RELEASE_DIR/.berth/failed-services"
    berth_event service-logs service "$svc" lines "$(berth_compose logs --no-color --tail 40 "$svc" 2>&1 | tail -n 40)"
    id=$(berth_container_of "$svc")
    if [ -n "$id" ]; then
        berth_event health-output service "$svc" output \
            "$(docker inspect --format '{{if .State.Health}}{{range .State.Health.Log}}[exit {{.ExitCode}}] {{.Output}}{{end}}{{end}}' "$id" 2>&1 | tail -n 20)"
    fi
}

# --- steps -----------------------------------------------------------------------------------------------------
# Each step function returns 0 on success. On failure it may print a one-line reason on stdout's last line.

load_images() {
    local f
    for f in "$@"; do
        if ! docker load -i "$BERTH_INSTALL_DIR/images/$f" >/dev/null 2>"$BERTH_RELEASE_DIR/.berth/load.err"; then
            echo "docker load failed for $f: $(tail -n 3 "$BERTH_RELEASE_DIR/.berth/load.err" | tr '\n' ' ')"
            return 1
        fi
        rm -f "$BERTH_INSTALL_DIR/images/$f"
        berth_event image-loaded file "$f"
    done
}

require_images() {
    local ref missing=""
    for ref in "$@"; do
        docker image inspect "$ref" >/dev/null 2>&1 || missing="$missing $ref"
    done
    if [ -n "$missing" ]; then
        echo "images not present on the server:$missing"
        return 1
    fi
}

# make_data_dirs PATH OWNER MODE [PATH OWNER MODE]... — under the data dir; existing contents are kept.
make_data_dirs() {
    local dir
    while [ $# -ge 3 ]; do
        dir="$BERTH_INSTALL_DIR/data/$1"
        mkdir -p "$dir" || return 1
        if [ -n "$2" ]; then chown "$2" "$dir" || return 1; fi
        if [ -n "$3" ]; then chmod "$3" "$dir" || return 1; fi
        shift 3
    done
}

validate_compose() {
    local out
    if ! out=$(cd "$BERTH_RELEASE_DIR" && "${BERTH_COMPOSE[@]}" -p "$BERTH_PROJECT" \
            -f "$BERTH_RELEASE_DIR/$BERTH_COMPOSE_FILE" config -q 2>&1); then
        echo "the compose file is not valid: $(printf '%s' "$out" | tail -n 3 | tr '\n' ' ')"
        return 1
    fi
}

# stage_up TIMEOUT READINESS SERVICE... — READINESS is healthy, running or exited0.
stage_up() {
    local timeout=$1 ready=$2 out
    shift 2
    if ! out=$(berth_up "$@" 2>&1); then
        echo "compose up failed: $(printf '%s' "$out" | tail -n 3 | tr '\n' ' ')"
        return 1
    fi
    wait_ready "$timeout" "$ready" "$@"
}

# berth_mounts_digest CONTAINER — a digest of the release files the container bind-mounts through the active
# link (its configuration on disk), read as they are now.
berth_mounts_digest() {
    local src rel
    docker inspect --format '{{range .Mounts}}{{if eq .Type "bind"}}{{println .Source}}{{end}}{{end}}' "$1" 2>/dev/null \
        | sort | while IFS= read -r src; do
            case "$src" in "$BERTH_ACTIVE"/*) ;; *) continue ;; esac
            rel=${src#"$BERTH_ACTIVE"/}
            printf '%s\n' "$rel"
            (cd "$BERTH_ACTIVE" && find "$rel" -type f -print0 2>/dev/null | sort -z | xargs -0r sha256sum 2>/dev/null)
        done | sha256sum | cut -d' ' -f1
}

# berth_up [SERVICE...] — compose up for these services (all when none). Compose sees a bind-mounted release
# file through the unchanged path of the active link, so it cannot tell that the file's content changed: Berth
# keeps a digest of each container's mounted files and recreates a container whose files differ now.
berth_up() {
    local svc cid digest services stale="" pairs="" records="$BERTH_STATE_DIR/mounts"
    mkdir -p "$records" || return 1
    if [ $# -gt 0 ]; then services="$*"; else services=$(berth_compose config --services) || return 1; fi
    for svc in $services; do
        cid=$(berth_container_of "$svc")
        [ -n "$cid" ] || continue
        digest=$(berth_mounts_digest "$cid")
        if [ "$(cat "$records/$cid" 2>/dev/null)" != "$digest" ]; then
            pairs="$pairs $svc=$cid"
        fi
    done
    (cd "$BERTH_ACTIVE" && berth_compose up -d --remove-orphans "$@") || return 1
    # Only those compose kept: a container it recreated already mounts the new files.
    for svc in $pairs; do
        [ "$(berth_container_of "${svc%%=*}")" = "${svc#*=}" ] && stale="$stale ${svc%%=*}"
    done
    if [ -n "$stale" ]; then
        # shellcheck disable=SC2086
        (cd "$BERTH_ACTIVE" && berth_compose up -d --no-deps --force-recreate $stale) || return 1
    fi
    for svc in $services; do
        cid=$(berth_container_of "$svc")
        [ -n "$cid" ] && berth_mounts_digest "$cid" > "$records/$cid"
    done
    # Forget containers that no longer exist.
    for cid in $(ls "$records" 2>/dev/null); do
        docker inspect --format . "$cid" >/dev/null 2>&1 || rm -f "$records/$cid"
    done
    return 0
}

# Every 5 s of waiting, a "waiting" event tells the laptop what is still pending (and that the job is alive).
berth_heartbeat() {
    local now
    now=$(date +%s)
    if [ $(( now - ${BERTH_LAST_BEAT:-0} )) -ge 5 ]; then
        BERTH_LAST_BEAT=$now
        berth_event waiting pending "${1# }"
    fi
}

# wait_ready TIMEOUT READINESS SERVICE... — polls container state once a second until every service is ready,
# one of them has failed for good, or the time is up.
wait_ready() {
    local timeout=$1 ready=$2 deadline state status health restarts code svc pending
    shift 2
    deadline=$(( $(date +%s) + timeout ))
    while :; do
        pending=""
        for svc in "$@"; do
            state=$(berth_service_state "$svc")
            read -r status health restarts code <<< "$state"
            case "$ready:$status:$health:$code" in
                healthy:running:healthy:*|healthy:running:none:*|running:running:*|exited0:exited:*:0) ;;
                *:running:unhealthy:*)
                    berth_record_service_failure "$svc"
                    echo "$svc is unhealthy: its healthcheck keeps failing"
                    return 1 ;;
                *:exited:*|*:dead:*)
                    berth_record_service_failure "$svc"
                    echo "$svc stopped with exit code $code"
                    return 1 ;;
                *)
                    if [ "${restarts:-0}" -gt 2 ] 2>/dev/null; then
                        berth_record_service_failure "$svc"
                        echo "$svc keeps restarting ($restarts restarts)"
                        return 1
                    fi
                    pending="$pending $svc" ;;
            esac
        done
        [ -z "$pending" ] && return 0
        berth_heartbeat "$pending"
        if [ "$(date +%s)" -ge "$deadline" ]; then
            for svc in $pending; do berth_record_service_failure "$svc"; done
            echo "not ready after ${timeout}s:$pending"
            return 1
        fi
        sleep 1
    done
}

# berth_wait_settled TIMEOUT — after a rollback, waits until no container of the project is still "starting"
# its healthcheck, so "the previous release is serving" is true when the job says so.
berth_wait_settled() {
    local deadline ids starting
    deadline=$(( $(date +%s) + $1 ))
    while :; do
        ids=$(cd "$BERTH_ACTIVE" && berth_compose ps -q 2>/dev/null)
        [ -z "$ids" ] && return 0
        # shellcheck disable=SC2086
        starting=$(docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{end}}' $ids 2>/dev/null \
            | grep -c '^starting$')
        [ "${starting:-0}" -eq 0 ] && return 0
        berth_heartbeat " rollback"
        if [ "$(date +%s)" -ge "$deadline" ]; then
            echo "the previous release did not become healthy within ${1}s"
            return 1
        fi
        sleep 1
    done
}

# wait_http TIMEOUT URL STATUS [CONTAINS] — readiness or probe over HTTP from the server itself.
wait_http() {
    local timeout=$1 url=$2 want=$3 contains=${4:-} deadline got body
    deadline=$(( $(date +%s) + timeout ))
    while :; do
        got=$(berth_http_get "$url" "$BERTH_RELEASE_DIR/.berth/probe.body")
        if [ "$got" = "$want" ]; then
            if [ -z "$contains" ] || grep -qF -- "$contains" "$BERTH_RELEASE_DIR/.berth/probe.body" 2>/dev/null; then
                return 0
            fi
        fi
        berth_heartbeat "$url"
        if [ "$(date +%s)" -ge "$deadline" ]; then
            body=$(head -c 300 "$BERTH_RELEASE_DIR/.berth/probe.body" 2>/dev/null)
            echo "$url answered ${got:-nothing} (expected $want${contains:+ containing '$contains'}) ${body:+: $body}"
            return 1
        fi
        sleep 1
    done
}

# berth_http_get URL BODYFILE — prints the HTTP status code (000 when nothing answered).
berth_http_get() {
    if command -v curl >/dev/null 2>&1; then
        curl -s -o "$2" -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true
    elif command -v wget >/dev/null 2>&1; then
        local hdr
        hdr=$(wget -S -q -O "$2" -T 5 -t 1 "$1" 2>&1 | awk '/^  HTTP\//{code=$2} END{print code}')
        printf '%s' "${hdr:-000}"
    else
        printf '000'
    fi
}

# wait_command TIMEOUT ARGV... — readiness by a command on the server that must exit 0.
wait_command() {
    local timeout=$1 deadline
    shift
    deadline=$(( $(date +%s) + timeout ))
    until (cd "$BERTH_RELEASE_DIR" && "$@") >/dev/null 2>&1; do
        if [ "$(date +%s)" -ge "$deadline" ]; then
            echo "readiness command did not succeed within ${timeout}s"
            return 1
        fi
        sleep 1
    done
}

# hook_exec TIMEOUT SERVICE ARGV... — runs a hook inside a service; SERVICE '-' runs it on the host.
hook_exec() {
    local timeout=$1 svc=$2 out rc
    shift 2
    if [ "$svc" = "-" ]; then
        out=$(cd "$BERTH_RELEASE_DIR" && berth_with_timeout "$timeout" "$@" 2>&1 </dev/null); rc=$?
    else
        out=$(cd "$BERTH_ACTIVE" && berth_with_timeout "$timeout" "${BERTH_COMPOSE[@]}" -p "$BERTH_PROJECT" \
            -f "$BERTH_ACTIVE/$BERTH_COMPOSE_FILE" exec -T "$svc" "$@" 2>&1 </dev/null); rc=$?
    fi
    [ -n "$out" ] && berth_event output text "$(printf '%s' "$out" | tail -n 40)"
    if [ $rc -ne 0 ]; then
        echo "hook exited with $rc"
        return $rc
    fi
}

# Makes the new release the one Compose runs from; the previous stays current until the job succeeds.
activate_release() {
    berth_link active "$BERTH_RELEASE_ID"
}

switch_current() {
    berth_link current "$BERTH_RELEASE_ID" || return 1
    printf 'succeeded\n' > "$BERTH_RELEASE_DIR/.berth/status"
}

# --- running steps ---------------------------------------------------------------------------------------------

# step ID FUNCTION ARGS... — runs one step, journals its start and end; on failure ends the job.
step() {
    local id=$1 fn=$2 t0 out rc
    shift 2
    berth_event step-start step "$id"
    t0=$(berth_now_ms)
    out=$("$fn" "$@" 2>&1); rc=$?
    if [ $rc -eq 0 ]; then
        berth_event step-end step "$id" "ms#" "$(( $(berth_now_ms) - t0 ))"
        return 0
    fi
    berth_event step-failed step "$id" "exit#" "$rc" "ms#" "$(( $(berth_now_ms) - t0 ))" \
        message "$(printf '%s' "$out" | tail -n 5)"
    berth_fail
}

berth_fail() {
    local failed
    printf 'failed\n' > "$BERTH_RELEASE_DIR/.berth/status"
    failed=$(head -n 1 "$BERTH_RELEASE_DIR/.berth/failed-services" 2>/dev/null)
    if [ -n "$BERTH_PREVIOUS" ] && [ "$BERTH_PREVIOUS" != "$BERTH_RELEASE_ID" ] \
        && [ -f "$BERTH_INSTALL_DIR/releases/$BERTH_PREVIOUS/$BERTH_COMPOSE_FILE" ]; then
        # Put the previous release back exactly as it was; its data was never touched.
        local out rc
        berth_event step-start step rollback release "$BERTH_PREVIOUS"
        out=$(berth_link active "$BERTH_PREVIOUS" 2>&1 && berth_up 2>&1 && berth_wait_settled 180); rc=$?
        if [ $rc -eq 0 ]; then
            berth_event step-end step rollback
            berth_event job-end status failed release "$BERTH_RELEASE_ID" current "$BERTH_PREVIOUS" \
                failedService "$failed"
        else
            berth_event step-failed step rollback "exit#" "$rc" message "$(printf '%s' "$out" | tail -n 5)"
            berth_event job-end status failed release "$BERTH_RELEASE_ID" current "" failedService "$failed"
        fi
    else
        berth_event job-end status failed release "$BERTH_RELEASE_ID" current "" failedService "$failed"
    fi
    exit 1
}

job_begin() {
    mkdir -p "$BERTH_STATE_DIR" "$BERTH_RELEASE_DIR/.berth"
    : >> "$BERTH_JOURNAL"
    # One deploy at a time per install dir. The lock is held by this process until it exits.
    exec 9>"$BERTH_STATE_DIR/lock"
    if ! flock -n 9; then
        berth_event job-end status refused release "$BERTH_RELEASE_ID" \
            message "another Berth deployment is running in $BERTH_INSTALL_DIR"
        printf 'refused\n' > "$BERTH_RELEASE_DIR/.berth/status"
        exit 75
    fi
    printf 'running\n' > "$BERTH_RELEASE_DIR/.berth/status"
    if [ -L "$BERTH_INSTALL_DIR/current" ]; then
        BERTH_PREVIOUS=$(basename "$(readlink "$BERTH_INSTALL_DIR/current")")
    fi
    printf '%s\n' "$BERTH_RELEASE_ID" > "$BERTH_STATE_DIR/last-job"
    berth_event job-start release "$BERTH_RELEASE_ID" previous "$BERTH_PREVIOUS" "pid#" "$$"
}

job_end() {
    berth_event job-end status succeeded release "$BERTH_RELEASE_ID" current "$BERTH_RELEASE_ID"
    exit 0
}
