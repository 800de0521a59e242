# shellcheck shell=bash
# Berth deploy job library, part 8 of 8: lifecycle — the job's start and end, the lock, signals and errors, the
# deadline and the heartbeat, and the links that say which release Compose runs (active) and which is live (current).
# One of the parts PlanScript.library puts together, in a fixed order (settings, journal, compose, swarm, waiting,
# steps, backup, lifecycle), into the release's .berth/job-lib.sh, which the release's plan.sh sources on the server.
# Needs: bash 4.2+, coreutils 8.22+ (ln, mv -T, rm, readlink, basename, stat, cat, date, mkdir, chmod, sleep, head,
# tr, sort), find (findutils, -printf), flock (util-linux).
# Must keep to bash 4.2 (CentOS 7): no namerefs (local -n), no wait -n, no ${x@Q}, no mapfile -d.

# berth_link NAME RELEASE — points INSTALL_DIR/NAME at releases/RELEASE in one rename: the new link is made under
# a temporary name beside it and moved over the old one (mv -T, coreutils 8.22), so a reader finds the old release
# or the new one, never no link. A folder in the way is left alone and the switch fails; so does a mv that cannot
# replace (one without -T), rather than falling back to remove-then-move.
berth_link() {
    local link="$BERTH_INSTALL_DIR/$1" tmp="$BERTH_INSTALL_DIR/.$1.berth-new"
    ln -sfT "releases/$2" "$tmp" || return 1
    mv -T "$tmp" "$link" && return 0
    rm -f "$tmp"
    return 1
}

# Makes the new release the one Compose runs from; the previous stays current until the job succeeds.
activate_release() {
    berth_link active "$BERTH_RELEASE_ID" || { echo "cannot point the active link at release $BERTH_RELEASE_ID"; return 1; }
}

switch_current() {
    berth_link current "$BERTH_RELEASE_ID" || { echo "cannot point the current link at release $BERTH_RELEASE_ID"; return 1; }
    printf 'succeeded\n' > "$BERTH_JOB_STATE/status"
}

berth_finish() {
    BERTH_ENDED=1
    if [ -n "$BERTH_MONITOR_PID" ]; then kill "$BERTH_MONITOR_PID" 2>/dev/null; fi
    exit "$1"
}

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

# berth_on_error RC LINE — a command of the job itself failed outside any step: the job cannot know what that left
# behind, so it fails (putting the previous release back) instead of carrying on to switch the release live.
berth_on_error() {
    [ -z "$BERTH_ENDED" ] && [ -z "$BERTH_FAILING" ] || return 0
    BERTH_STOP_REASON="the deploy job stopped unexpectedly: a command of its own failed (exit $1, line $2 of plan.sh)"
    berth_fail
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
    # HUP as well: nohup makes the server's job ignore it, but a job started any other way must not die silently.
    trap 'berth_on_signal "the deploy job was stopped by SIGTERM" term' TERM
    trap 'berth_on_signal "the deploy job was stopped by SIGINT" term' INT
    trap 'berth_on_signal "the deploy job was stopped by SIGHUP" term' HUP
    trap 'berth_on_signal "$(berth_deadline_reason)" deadline' USR1
    # ERR fires for the plan's own lines (and a job_begin that failed), not inside functions (no errtrace): a step's
    # failure is the step's to report.
    trap 'berth_on_error "$?" "$LINENO"' ERR
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
    # The deploy a laptop reattaches to; a backup job is followed by its own id.
    [ "$BERTH_JOB_KIND" = backup ] || printf '%s\n' "$BERTH_RELEASE_ID" > "$BERTH_STATE_DIR/last-job"
    berth_event job-start release "$BERTH_RELEASE_ID" previous "$BERTH_PREVIOUS" "pid#" "$$"
}

# berth_keep_count FILE DEFAULT MIN — how many to keep, as the number in .berth/FILE says (DEFAULT without one,
# never below MIN).
berth_keep_count() {
    local keep=""
    [ -s "$BERTH_STATE_DIR/$1" ] && keep=$(head -n 1 "$BERTH_STATE_DIR/$1" | tr -cd '0-9')
    keep=${keep:-$2}
    [ "$keep" -ge "$3" ] 2>/dev/null || keep=$3
    printf '%s\n' "$keep"
}

# berth_prune_releases — after a deploy went live: deletes release folders beyond the newest N (5, or the number in
# .berth/keep-releases, at least 2), never the live one or the one a rollback would put back. Release ids begin
# with their UTC time, so their names sort by age; anything else in releases/ is not Berth's and stays.
berth_prune_releases() {
    local keep n=0 r
    keep=$(berth_keep_count keep-releases 5 2)
    for r in $(find "$BERTH_INSTALL_DIR/releases" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -r); do
        case $r in [0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]-*) ;; *) continue ;; esac
        n=$(( n + 1 ))
        [ "$n" -le "$keep" ] && continue
        [ "$r" = "$BERTH_RELEASE_ID" ] || [ "$r" = "$BERTH_PREVIOUS" ] && continue
        rm -rf -- "${BERTH_INSTALL_DIR:?}/releases/$r" && berth_event release-removed release "$r"
    done
    return 0
}

job_end() {
    # Housekeeping must never turn a deploy that went live into a failed one.
    if [ "$BERTH_JOB_KIND" != backup ]; then
        berth_prune_releases || true
        berth_prune_images || true
        if [ "$BERTH_ENGINE" = swarm ]; then berth_prune_swarm_objects || true; fi
    fi
    berth_event job-end status succeeded release "$BERTH_RELEASE_ID" current "$BERTH_RELEASE_ID"
    berth_finish 0
}
