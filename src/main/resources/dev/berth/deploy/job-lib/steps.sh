# shellcheck shell=bash
# Berth deploy job library, part 6 of 8: steps — one step run in the background and stopped with all it started,
# hooks, failing the job and putting the previous release back.
# One of the parts PlanScript.library puts together, in a fixed order (settings, journal, compose, swarm, waiting,
# steps, backup, lifecycle), into the release's .berth/job-lib.sh, which the release's plan.sh sources on the server.
# Needs: bash 4.2+, coreutils 8.22+ (timeout, tail, head, sleep, tr), procps (ps), awk, sed, grep, docker and
# compose (compose.sh).
# Must keep to bash 4.2 (CentOS 7): no namerefs (local -n), no wait -n, no ${x@Q}, no mapfile -d.

# hook_exec TIMEOUT SERVICE ARGV... — runs a hook inside a service; SERVICE '-' runs it on the host. Past TIMEOUT it
# gets TERM, then KILL after the grace period. Its output goes to a file, not a pipe: a daemon the hook leaves
# running keeps that output open and must not keep the job waiting.
hook_exec() {
    local timeout=$1 svc=$2 out="$BERTH_JOB_STATE/hook.out" rc cid
    shift 2
    if [ "$svc" = "-" ]; then
        (cd "$BERTH_RELEASE_DIR" && umask 022 && berth_operator_locale && berth_limit "$timeout" "$@") >"$out" 2>&1 </dev/null
        rc=$?
    elif [ "$BERTH_ENGINE" = swarm ]; then
        # In a task of the service on this manager: the job reaches no other node's containers.
        cid=$(berth_swarm_container "$svc")
        if [ -z "$cid" ]; then
            echo "the hook runs in $svc, which has no running task on this manager (place $svc on it to run hooks in it)"
            return 1
        fi
        berth_limit "$timeout" docker exec -i "$cid" "$@" >"$out" 2>&1 </dev/null; rc=$?
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
    # The signal count as the step began (step sets it before its step-start event): a TERM that lands between that
    # event and this line still stops the step, instead of being taken for one that came before it.
    local signals=${BERTH_STEP_SIGNALS:-$BERTH_SIGNALS} fn=$2 out="$BERTH_JOB_STATE/step.out"
    BERTH_STEP_SIGNALS=""
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
        stage_up|stack_up|wait_http|wait_command)
            printf '%q ' "$@" >> "$BERTH_JOB_STATE/readiness"
            printf '\n' >> "$BERTH_JOB_STATE/readiness" ;;
    esac
}

# step ID FUNCTION ARGS... — runs one step, journals its start and end; on failure ends the job.
step() {
    local id=$1 t0
    shift
    BERTH_STEP_SIGNALS=$BERTH_SIGNALS
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
    # shellcheck disable=SC2034 # read by the signal and exit handlers (lifecycle.sh)
    BERTH_FAILING=1
    printf 'failed\n' > "$BERTH_JOB_STATE/status"
    [ "$BERTH_JOB_KIND" != backup ] || berth_backup_failed
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

# berth_replay_readiness FILE — runs a release's passed readiness waits again, in order (its .berth/readiness).
berth_replay_readiness() {
    local line
    while IFS= read -r line <&3; do
        # Each line was written with printf %q by this library.
        eval "set -- $line"
        "$@" || return 1
    done 3< "$1"
}

# berth_rollback RELEASE — puts RELEASE back as it ran: its images under their references, the active link, then
# its stages, readiness waits and probes replayed as its own deploy passed them, so "the previous release is back"
# means healthy by the same rules, not merely started.
berth_rollback() {
    local state="$BERTH_INSTALL_DIR/releases/$1/.berth" services
    berth_restore_images "$state/images" || return 1
    berth_link active "$1" || { echo "cannot point the active link at release $1"; return 1; }
    if [ -e "$state/readiness" ]; then
        berth_replay_readiness "$state/readiness" || return 1
        # A stack keeps services the failed release added until they are removed.
        if [ "$BERTH_ENGINE" = swarm ] && [ -s "$BERTH_INSTALL_DIR/releases/$1/.berth/stack/services" ]; then
            # shellcheck disable=SC2046 # service names: no spaces
            stack_prune $(cat "$BERTH_INSTALL_DIR/releases/$1/.berth/stack/services") || return 1
        fi
        return 0
    fi
    # A release deployed before readiness was recorded: everything up, each service running and healthy when it
    # has a healthcheck.
    stage_up 180 healthy || return 1
    services=$(berth_compose config --services) || { echo "compose cannot read the previous release"; return 1; }
    # shellcheck disable=SC2086
    wait_ready 180 healthy $services
}
