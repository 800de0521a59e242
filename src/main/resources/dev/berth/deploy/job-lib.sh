# shellcheck shell=bash
# Berth deploy job library. Sourced by a release's generated plan.sh, which runs on the server detached from
# the SSH session (setsid + nohup), as root. Writes one JSON object per line to the release's journal so the
# laptop can follow live and reattach after a disconnect. Must run on bash 4.2 (CentOS 7).
# The plan sets: BERTH_INSTALL_DIR BERTH_RELEASE_ID BERTH_PROJECT BERTH_COMPOSE_FILE BERTH_COMPOSE (array), and the
# time limits below. Nothing the job starts may hang it: every docker and compose call, hook and readiness command
# has a time limit, the whole job has a deadline, and a signal or an error still ends the journal.

# shellcheck disable=SC2153 # the plan sets the BERTH_ values this library does not
set -u
# What the job writes itself (journal, outputs, service logs) is private; children that create the operator's files
# (data folders, hooks) run with 022.
umask 077
BERTH_RELEASE_DIR="$BERTH_INSTALL_DIR/releases/$BERTH_RELEASE_ID"
# Compose always runs through this stable link, so a service whose configuration did not change keeps the same
# bind-mount paths and config hash and is not recreated; only what changed restarts.
BERTH_ACTIVE="$BERTH_INSTALL_DIR/active"
BERTH_STATE_DIR="$BERTH_INSTALL_DIR/.berth"
BERTH_JOB_STATE="$BERTH_RELEASE_DIR/.berth"
BERTH_JOURNAL="$BERTH_JOB_STATE/journal.jsonl"
BERTH_PREVIOUS=""
# Seconds: the whole job (0: none; image loading adds to it by tarball size), compose up, docker queries, the grace
# between TERM and KILL for anything past its limit, and the heartbeat sent while the journal is quiet.
BERTH_DEADLINE_SECONDS=${BERTH_DEADLINE_SECONDS:-0}
BERTH_UP_SECONDS=${BERTH_UP_SECONDS:-600}
BERTH_QUERY_SECONDS=${BERTH_QUERY_SECONDS:-60}
BERTH_KILL_GRACE_SECONDS=${BERTH_KILL_GRACE_SECONDS:-10}
BERTH_HEARTBEAT_SECONDS=${BERTH_HEARTBEAT_SECONDS:-10}
BERTH_STARTED=$(date +%s)
BERTH_STEP_ID=""
BERTH_STEP_PID=""
BERTH_RC=0
BERTH_MESSAGE=""
BERTH_STOP_REASON=""
BERTH_SIGNALS=0
BERTH_FAILING=""
BERTH_ENDED=""
BERTH_MONITOR_PID=""

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
    local line ts
    ts=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    line=",\"ts\":\"$ts\",\"event\":$(berth_json_string "$type")"
    while [ $# -ge 2 ]; do
        case "$1" in
            *'#') line="$line,$(berth_json_string "${1%#}"):$2" ;;
            *) line="$line,$(berth_json_string "$1"):$(berth_json_string "$2")" ;;
        esac
        shift 2
    done
    # The job, its step and its monitor all write: the sequence number (from the journal itself) and the line are
    # written under a lock on the journal.
    # shellcheck disable=SC2094 # wc reads the journal that fd 8 appends to, under the same lock: on purpose
    {
        flock -w 10 8 || :
        printf '{"seq":%s%s}\n' "$(( $(wc -l < "$BERTH_JOURNAL") + 1 ))" "$line" >&8
    } 8>> "$BERTH_JOURNAL"
}

berth_now_ms() {
    local ms
    ms=$(date +%s%3N 2>/dev/null)
    case "$ms" in *N|'') ms=$(( $(date +%s) * 1000 )) ;; esac
    printf '%s' "$ms"
}

# --- helpers ---------------------------------------------------------------------------------------------------

# berth_limit SECONDS COMMAND... — COMMAND gets TERM past SECONDS, and KILL after the grace period if it is still
# there (with its process group: what it started goes too). Exit 124 or 137 then.
berth_limit() {
    local secs=$1; shift
    if command -v timeout >/dev/null 2>&1; then timeout -k "$BERTH_KILL_GRACE_SECONDS" "$secs" "$@"; else "$@"; fi
}

berth_timed_out() {
    [ "$1" -eq 124 ] || [ "$1" -eq 137 ]
}

berth_docker() {
    berth_limit "$BERTH_QUERY_SECONDS" docker "$@"
}

# berth_compose_for SECONDS ARGS... — compose on the active release, within SECONDS.
berth_compose_for() {
    local secs=$1; shift
    berth_limit "$secs" "${BERTH_COMPOSE[@]}" -p "$BERTH_PROJECT" -f "$BERTH_ACTIVE/$BERTH_COMPOSE_FILE" "$@"
}

berth_compose() {
    berth_compose_for "$BERTH_QUERY_SECONDS" "$@"
}

# berth_link NAME RELEASE — points INSTALL_DIR/NAME at releases/RELEASE atomically.
berth_link() {
    ln -sfn "releases/$2" "$BERTH_INSTALL_DIR/$1.berth-new" || return 1
    mv -T "$BERTH_INSTALL_DIR/$1.berth-new" "$BERTH_INSTALL_DIR/$1" 2>/dev/null \
        || { rm -f "$BERTH_INSTALL_DIR/$1"; mv "$BERTH_INSTALL_DIR/$1.berth-new" "$BERTH_INSTALL_DIR/$1"; }
}

berth_container_of() {
    # Compose's own labels name the project's containers; the docker CLI answers far faster than compose ps.
    berth_docker ps -a -q --filter "label=com.docker.compose.project=$BERTH_PROJECT" \
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
    berth_docker inspect --format '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}} {{.State.ExitCode}}' "$id" 2>/dev/null \
        || echo "missing none 0 0"
}

berth_record_service_failure() {
    local svc=$1 id
    # Called from a step's subshell: the name goes through a file to reach the job's last event.
    printf '%s\n' "$svc" >> "$BERTH_JOB_STATE/failed-services"
    berth_event service-logs service "$svc" lines "$(berth_compose logs --no-color --tail 40 "$svc" 2>&1 | tail -n 40)"
    id=$(berth_container_of "$svc")
    if [ -n "$id" ]; then
        berth_event health-output service "$svc" output \
            "$(berth_docker inspect --format '{{if .State.Health}}{{range .State.Health.Log}}[exit {{.ExitCode}}] {{.Output}}{{end}}{{end}}' "$id" 2>&1 | tail -n 20)"
    fi
}

# --- steps -----------------------------------------------------------------------------------------------------
# Each step function returns 0 on success. On failure it may print a one-line reason on stdout's last line.

load_images() {
    local f size secs rc
    for f in "$@"; do
        # A limit by size: 5 MiB/s is slower than any disk docker load runs on, plus 2 minutes for the engine. The
        # job's deadline grows by as much, since the plan could not know the size.
        size=$(stat -c %s "$BERTH_INSTALL_DIR/images/$f" 2>/dev/null || echo 0)
        secs=$(( 120 + size / 5242880 ))
        berth_extend_deadline "$secs"
        berth_limit "$secs" docker load -i "$BERTH_INSTALL_DIR/images/$f" >/dev/null 2>"$BERTH_JOB_STATE/load.err"; rc=$?
        if berth_timed_out "$rc"; then
            echo "docker load of $f did not finish within $secs s and was stopped"
            return 1
        elif [ "$rc" -ne 0 ]; then
            echo "docker load failed for $f: $(tail -n 3 "$BERTH_JOB_STATE/load.err" | tr '\n' ' ')"
            return 1
        fi
        rm -f "$BERTH_INSTALL_DIR/images/$f"
        berth_event image-loaded file "$f"
    done
}

# require_images REF... — also records the image ID behind each reference: a rollback to this release puts these
# IDs back under their references, since a later load of the same tag moves it to another image.
require_images() {
    local ref id missing=""
    : > "$BERTH_JOB_STATE/images"
    for ref in "$@"; do
        if id=$(berth_docker image inspect --format '{{.Id}}' "$ref" 2>/dev/null) && [ -n "$id" ]; then
            printf '%s %s\n' "$ref" "$id" >> "$BERTH_JOB_STATE/images"
        else
            missing="$missing $ref"
        fi
    done
    if [ -n "$missing" ]; then
        echo "images not present on the server:$missing"
        return 1
    fi
}

# berth_restore_images FILE — tags each recorded image ID with its reference again (a release's .berth/images).
berth_restore_images() {
    local ref id now
    [ -s "$1" ] || return 0
    while read -r ref id <&3; do
        [ -n "$id" ] || continue
        now=$(berth_docker image inspect --format '{{.Id}}' "$ref" 2>/dev/null)
        [ "$now" = "$id" ] && continue
        # An image that lost its tag stays in the engine until pruned.
        if ! berth_docker image inspect "$id" >/dev/null 2>&1; then
            echo "the image $ref of the previous release ($id) is no longer on the server"
            return 1
        fi
        berth_docker tag "$id" "$ref" || { echo "could not tag $id as $ref again"; return 1; }
        berth_event image-restored ref "$ref" id "$id"
    done 3< "$1"
}

# make_data_dirs PATH OWNER MODE [PATH OWNER MODE]... — under the data dir; existing contents are kept.
make_data_dirs() {
    local dir
    while [ $# -ge 3 ]; do
        dir="$BERTH_INSTALL_DIR/data/$1"
        (umask 022 && mkdir -p "$dir") || return 1
        if [ -n "$2" ]; then chown "$2" "$dir" || return 1; fi
        if [ -n "$3" ]; then chmod "$3" "$dir" || return 1; fi
        shift 3
    done
}

validate_compose() {
    local out
    if ! out=$(cd "$BERTH_RELEASE_DIR" && berth_limit "$BERTH_QUERY_SECONDS" "${BERTH_COMPOSE[@]}" -p "$BERTH_PROJECT" \
            -f "$BERTH_RELEASE_DIR/$BERTH_COMPOSE_FILE" config -q 2>&1); then
        echo "the compose file is not valid: $(printf '%s' "$out" | tail -n 3 | tr '\n' ' ')"
        return 1
    fi
}

# stage_up TIMEOUT READINESS SERVICE... — READINESS is healthy, running or exited0.
stage_up() {
    local timeout=$1 ready=$2 out rc
    shift 2
    out=$(berth_up "$@" 2>&1); rc=$?
    if berth_timed_out "$rc"; then
        echo "compose up did not finish within $BERTH_UP_SECONDS s and was stopped"
        return 1
    elif [ "$rc" -ne 0 ]; then
        echo "compose up failed: $(printf '%s' "$out" | tail -n 3 | tr '\n' ' ')"
        return 1
    fi
    wait_ready "$timeout" "$ready" "$@"
}

# berth_mounts_digest CONTAINER — a digest of the release files the container bind-mounts through the active
# link (its configuration on disk), read as they are now.
berth_mounts_digest() {
    local src rel
    berth_docker inspect --format '{{range .Mounts}}{{if eq .Type "bind"}}{{println .Source}}{{end}}{{end}}' "$1" 2>/dev/null \
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
    local svc cid digest services stale="" pairs="" rc records="$BERTH_STATE_DIR/mounts"
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
    (cd "$BERTH_ACTIVE" && berth_compose_for "$BERTH_UP_SECONDS" up -d --remove-orphans "$@") || return $?
    # Only those compose kept: a container it recreated already mounts the new files.
    for svc in $pairs; do
        [ "$(berth_container_of "${svc%%=*}")" = "${svc#*=}" ] && stale="$stale ${svc%%=*}"
    done
    if [ -n "$stale" ]; then
        # shellcheck disable=SC2086
        (cd "$BERTH_ACTIVE" && berth_compose_for "$BERTH_UP_SECONDS" up -d --no-deps --force-recreate $stale); rc=$?
        [ "$rc" -eq 0 ] || return "$rc"
    fi
    for svc in $services; do
        cid=$(berth_container_of "$svc")
        [ -n "$cid" ] && berth_mounts_digest "$cid" > "$records/$cid"
    done
    # Forget containers that no longer exist.
    for cid in "$records"/*; do
        [ -e "$cid" ] || continue
        berth_docker inspect --format . "${cid##*/}" >/dev/null 2>&1 || rm -f "$cid"
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

# berth_rollback RELEASE — puts RELEASE back as it ran: its images under their references, the active link, then
# its stages, readiness waits and probes replayed as its own deploy passed them, so "the previous release is back"
# means healthy by the same rules, not merely started.
berth_rollback() {
    local state="$BERTH_INSTALL_DIR/releases/$1/.berth" line services
    berth_restore_images "$state/images" || return 1
    berth_link active "$1" || { echo "cannot point the active link at release $1"; return 1; }
    if [ -e "$state/readiness" ]; then
        while IFS= read -r line <&3; do
            # Each line was written with printf %q by this library.
            eval "set -- $line"
            "$@" || return 1
        done 3< "$state/readiness"
        return 0
    fi
    # A release deployed before readiness was recorded: everything up, each service running and healthy when it
    # has a healthcheck.
    stage_up 180 healthy || return 1
    services=$(berth_compose config --services) || { echo "compose cannot read the previous release"; return 1; }
    # shellcheck disable=SC2086
    wait_ready 180 healthy $services
}

# wait_http TIMEOUT URL STATUS [CONTAINS] — readiness or probe over HTTP from the server itself.
wait_http() {
    local timeout=$1 url=$2 want=$3 contains=${4:-} deadline got body
    deadline=$(( $(date +%s) + timeout ))
    while :; do
        got=$(berth_http_get "$url" "$BERTH_JOB_STATE/probe.body")
        if [ "$got" = "$want" ]; then
            if [ -z "$contains" ] || grep -qF -- "$contains" "$BERTH_JOB_STATE/probe.body" 2>/dev/null; then
                return 0
            fi
        fi
        berth_heartbeat "$url"
        if [ "$(date +%s)" -ge "$deadline" ]; then
            body=$(head -c 300 "$BERTH_JOB_STATE/probe.body" 2>/dev/null)
            # shellcheck disable=SC2016 # the quotes are part of the message
            echo "$url answered ${got:-nothing} (expected $want${contains:+ containing '$contains'}) ${body:+: $body}"
            return 1
        fi
        sleep 1
    done
}

# berth_http_get URL BODYFILE — prints the HTTP status code (000 when nothing answered).
berth_http_get() {
    if command -v curl >/dev/null 2>&1; then
        berth_limit 10 curl -s -o "$2" -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true
    elif command -v wget >/dev/null 2>&1; then
        local hdr
        hdr=$(berth_limit 10 wget -S -q -O "$2" -T 5 -t 1 "$1" 2>&1 | awk '/^  HTTP\//{code=$2} END{print code}')
        printf '%s' "${hdr:-000}"
    else
        printf '000'
    fi
}

# wait_command TIMEOUT ARGV... — readiness by a command on the server that must exit 0. Each attempt is stopped
# when the time is up; it runs in the active release (this one, or the previous one during a rollback).
wait_command() {
    local timeout=$1 deadline left
    shift
    deadline=$(( $(date +%s) + timeout ))
    while :; do
        left=$(( deadline - $(date +%s) ))
        [ "$left" -ge 1 ] || left=1
        (cd "$BERTH_ACTIVE" && umask 022 && berth_limit "$left" "$@") >/dev/null 2>&1 </dev/null && return 0
        if [ "$(date +%s)" -ge "$deadline" ]; then
            echo "readiness command did not succeed within ${timeout}s"
            return 1
        fi
        sleep 1
    done
}

# hook_exec TIMEOUT SERVICE ARGV... — runs a hook inside a service; SERVICE '-' runs it on the host. Past TIMEOUT it
# gets TERM, then KILL after the grace period. Its output goes to a file, not a pipe: a daemon the hook leaves
# running keeps that output open and must not keep the job waiting.
hook_exec() {
    local timeout=$1 svc=$2 out="$BERTH_JOB_STATE/hook.out" rc
    shift 2
    if [ "$svc" = "-" ]; then
        (cd "$BERTH_RELEASE_DIR" && umask 022 && berth_limit "$timeout" "$@") >"$out" 2>&1 </dev/null; rc=$?
    else
        (cd "$BERTH_ACTIVE" && berth_compose_for "$timeout" exec -T "$svc" "$@") >"$out" 2>&1 </dev/null; rc=$?
    fi
    [ -s "$out" ] && berth_event output text "$(tail -n 40 "$out")"
    if berth_timed_out "$rc"; then
        echo "hook did not finish within $timeout s and was stopped"
        return "$rc"
    elif [ "$rc" -ne 0 ]; then
        echo "hook exited with $rc"
        return "$rc"
    fi
}

# Makes the new release the one Compose runs from; the previous stays current until the job succeeds.
activate_release() {
    berth_link active "$BERTH_RELEASE_ID"
}

switch_current() {
    berth_link current "$BERTH_RELEASE_ID" || return 1
    printf 'succeeded\n' > "$BERTH_JOB_STATE/status"
}

# --- running steps ---------------------------------------------------------------------------------------------

# berth_tree PID — PID and every process below it, one a line.
berth_tree() {
    ps -e -o pid= -o ppid= 2>/dev/null | awk -v root="$1" '
        { parent[$1] = $2 }
        END { for (p in parent) { q = p; while (q != "" && q > 1) { if (q == root) { print p; break }; q = parent[q] } } }'
}

# berth_stop_tree PID — TERM to PID and everything below it, KILL to what is left after the grace period.
berth_stop_tree() {
    local pids list i=0
    pids=$(berth_tree "$1" | tr '\n' ' ')
    # Without ps, at least the step itself.
    [ -n "${pids// /}" ] || pids=$1
    if [ -n "$pids" ]; then
        # shellcheck disable=SC2086
        kill -TERM $pids 2>/dev/null
        list=$(printf '%s' "$pids" | tr -s ' ' ',' | sed 's/,$//')
        while [ "$i" -lt $(( BERTH_KILL_GRACE_SECONDS * 5 )) ] \
            && ps -o stat= -p "$list" 2>/dev/null | grep -qv '^Z'; do
            sleep 0.2
            i=$(( i + 1 ))
        done
        # shellcheck disable=SC2086
        kill -KILL $pids 2>/dev/null
    fi
    wait "$1" 2>/dev/null
}

# berth_run ID FUNCTION ARGS... — runs FUNCTION in the background, its output in .berth/step.out, and waits for it;
# stops it (and all it started) when a signal says the job must stop. Sets BERTH_RC and BERTH_MESSAGE. Nothing it
# starts inherits fd 9, the deployment lock: a daemon a hook leaves running must not hold it.
berth_run() {
    local signals=$BERTH_SIGNALS fn=$2 out="$BERTH_JOB_STATE/step.out"
    BERTH_STEP_ID=$1
    shift 2
    printf '%s\n' "$BERTH_STEP_ID" > "$BERTH_JOB_STATE/step"
    "$fn" "$@" > "$out" 2>&1 < /dev/null 9>&- &
    BERTH_STEP_PID=$!
    while :; do
        if [ "$BERTH_SIGNALS" -ne "$signals" ]; then
            berth_stop_tree "$BERTH_STEP_PID"
            BERTH_RC=143
            BERTH_MESSAGE=$BERTH_STOP_REASON
            break
        fi
        # wait returns early when a trapped signal arrives; the step may still be running then.
        wait "$BERTH_STEP_PID"
        BERTH_RC=$?
        if ! kill -0 "$BERTH_STEP_PID" 2>/dev/null; then
            BERTH_MESSAGE=$(tail -n 5 "$out" 2>/dev/null)
            break
        fi
    done
    BERTH_STEP_PID=""
    : > "$BERTH_JOB_STATE/step"
}

# berth_remember_readiness FUNCTION ARGS... — a release's passed readiness waits, in order, for its rollback.
berth_remember_readiness() {
    case "$1" in
        stage_up|wait_http|wait_command)
            printf '%q ' "$@" >> "$BERTH_JOB_STATE/readiness"
            printf '\n' >> "$BERTH_JOB_STATE/readiness" ;;
    esac
}

# step ID FUNCTION ARGS... — runs one step, journals its start and end; on failure ends the job.
step() {
    local id=$1 t0
    shift
    berth_event step-start step "$id"
    t0=$(berth_now_ms)
    if [ -n "$BERTH_STOP_REASON" ]; then
        # The job was told to stop between steps.
        BERTH_RC=143
        BERTH_MESSAGE=$BERTH_STOP_REASON
    else
        berth_run "$id" "$@"
    fi
    if [ "$BERTH_RC" -eq 0 ]; then
        berth_event step-end step "$id" "ms#" "$(( $(berth_now_ms) - t0 ))"
        berth_remember_readiness "$@"
        return 0
    fi
    berth_event step-failed step "$id" "exit#" "$BERTH_RC" "ms#" "$(( $(berth_now_ms) - t0 ))" \
        message "$BERTH_MESSAGE"
    berth_fail
}

berth_fail() {
    local failed t0
    BERTH_FAILING=1
    printf 'failed\n' > "$BERTH_JOB_STATE/status"
    failed=$(head -n 1 "$BERTH_JOB_STATE/failed-services" 2>/dev/null)
    if [ -n "$BERTH_PREVIOUS" ] && [ "$BERTH_PREVIOUS" != "$BERTH_RELEASE_ID" ] \
        && [ -f "$BERTH_INSTALL_DIR/releases/$BERTH_PREVIOUS/$BERTH_COMPOSE_FILE" ]; then
        # Put the previous release back exactly as it was; its data was never touched.
        berth_event step-start step rollback release "$BERTH_PREVIOUS"
        t0=$(berth_now_ms)
        berth_run rollback berth_rollback "$BERTH_PREVIOUS"
        if [ "$BERTH_RC" -eq 0 ]; then
            berth_event step-end step rollback "ms#" "$(( $(berth_now_ms) - t0 ))"
            berth_event job-end status failed release "$BERTH_RELEASE_ID" current "$BERTH_PREVIOUS" \
                failedService "$failed" message "$BERTH_STOP_REASON"
        else
            berth_event step-failed step rollback "exit#" "$BERTH_RC" "ms#" "$(( $(berth_now_ms) - t0 ))" \
                message "$BERTH_MESSAGE"
            berth_event job-end status failed release "$BERTH_RELEASE_ID" current "" failedService "$failed" \
                message "$BERTH_STOP_REASON"
        fi
    else
        berth_event job-end status failed release "$BERTH_RELEASE_ID" current "" failedService "$failed" \
            message "$BERTH_STOP_REASON"
    fi
    berth_finish 1
}

berth_finish() {
    BERTH_ENDED=1
    if [ -n "$BERTH_MONITOR_PID" ]; then kill "$BERTH_MONITOR_PID" 2>/dev/null; fi
    exit "$1"
}

# --- signals, deadline, heartbeat ------------------------------------------------------------------------------

# berth_on_signal REASON KIND — TERM or the deadline: the running step is stopped and the job fails (and rolls back).
# The deadline passing during the rollback lets the rollback finish; a TERM then stops it too.
berth_on_signal() {
    [ -z "$BERTH_ENDED" ] || return 0
    if [ "$2" = deadline ] && [ -n "$BERTH_FAILING" ]; then return 0; fi
    [ -n "$BERTH_STOP_REASON" ] || BERTH_STOP_REASON=$1
    BERTH_SIGNALS=$(( BERTH_SIGNALS + 1 ))
}

berth_deadline_reason() {
    local d
    d=$(cat "$BERTH_JOB_STATE/deadline" 2>/dev/null)
    printf 'the deploy job passed its deadline of %s s and was stopped' "$(( ${d:-$BERTH_STARTED} - BERTH_STARTED ))"
}

# When the job ends any other way (an error in the job itself), the journal still gets its last event.
berth_on_exit() {
    local rc=$?
    [ -z "$BERTH_ENDED" ] || return 0
    if [ -n "$BERTH_STEP_PID" ]; then berth_stop_tree "$BERTH_STEP_PID"; fi
    if [ -z "$BERTH_FAILING" ]; then
        BERTH_STOP_REASON="the deploy job stopped unexpectedly (exit $rc)"
        if [ -n "$BERTH_STEP_ID" ]; then
            berth_event step-failed step "$BERTH_STEP_ID" "exit#" "$rc" message "$BERTH_STOP_REASON"
        fi
        berth_fail
    fi
    printf 'failed\n' > "$BERTH_JOB_STATE/status"
    berth_event job-end status failed release "$BERTH_RELEASE_ID" current "" \
        message "the deploy job stopped unexpectedly while putting the previous release back (exit $rc)"
    berth_finish 1
}

# berth_extend_deadline SECONDS — more time for the job (image loading, whose size the plan could not know).
berth_extend_deadline() {
    local d
    d=$(cat "$BERTH_JOB_STATE/deadline" 2>/dev/null)
    [ -n "$d" ] || return 0
    printf '%s\n' "$(( d + $1 ))" > "$BERTH_JOB_STATE/deadline.new" && mv -f "$BERTH_JOB_STATE/deadline.new" "$BERTH_JOB_STATE/deadline"
}

# berth_monitor JOBPID — beside the job: a heartbeat event whenever the journal was quiet for a heartbeat period
# (a follower on the laptop takes a long silence for a dropped link), and the deadline signal once it has passed
# (again each period: a signal that came just before the job started waiting is not lost).
berth_monitor() {
    local job=$1 now deadline
    while sleep "$BERTH_HEARTBEAT_SECONDS" && kill -0 "$job" 2>/dev/null; do
        now=$(date +%s)
        deadline=$(cat "$BERTH_JOB_STATE/deadline" 2>/dev/null)
        if [ -n "$deadline" ] && [ "$now" -ge "$deadline" ]; then
            kill -USR1 "$job" 2>/dev/null
        fi
        if [ $(( now - $(stat -c %Y "$BERTH_JOURNAL" 2>/dev/null || echo "$now") )) -ge "$BERTH_HEARTBEAT_SECONDS" ]; then
            berth_event heartbeat step "$(cat "$BERTH_JOB_STATE/step" 2>/dev/null)"
        fi
    done
}

job_begin() {
    mkdir -p "$BERTH_STATE_DIR" "$BERTH_JOB_STATE"
    : >> "$BERTH_JOURNAL"
    chmod 600 "$BERTH_JOURNAL"
    # One deploy at a time per install dir. The lock is held by this process until it exits; no child gets fd 9.
    exec 9>"$BERTH_STATE_DIR/lock"
    if ! flock -n 9; then
        berth_event job-end status refused release "$BERTH_RELEASE_ID" \
            message "another Berth deployment is running in $BERTH_INSTALL_DIR"
        printf 'refused\n' > "$BERTH_JOB_STATE/status"
        BERTH_ENDED=1
        exit 75
    fi
    trap 'berth_on_signal "the deploy job was stopped by SIGTERM" term' TERM
    trap 'berth_on_signal "the deploy job was stopped by SIGINT" term' INT
    trap 'berth_on_signal "$(berth_deadline_reason)" deadline' USR1
    trap berth_on_exit EXIT
    printf 'running\n' > "$BERTH_JOB_STATE/status"
    : > "$BERTH_JOB_STATE/readiness"
    if [ "$BERTH_DEADLINE_SECONDS" -gt 0 ] 2>/dev/null; then
        printf '%s\n' "$(( BERTH_STARTED + BERTH_DEADLINE_SECONDS ))" > "$BERTH_JOB_STATE/deadline"
    fi
    berth_monitor "$$" >/dev/null 2>&1 </dev/null 9>&- &
    BERTH_MONITOR_PID=$!
    if [ -L "$BERTH_INSTALL_DIR/current" ]; then
        BERTH_PREVIOUS=$(basename "$(readlink "$BERTH_INSTALL_DIR/current")")
    fi
    printf '%s\n' "$BERTH_RELEASE_ID" > "$BERTH_STATE_DIR/last-job"
    berth_event job-start release "$BERTH_RELEASE_ID" previous "$BERTH_PREVIOUS" "pid#" "$$"
}

job_end() {
    berth_event job-end status succeeded release "$BERTH_RELEASE_ID" current "$BERTH_RELEASE_ID"
    berth_finish 0
}
