# shellcheck shell=bash
# Berth deploy job library, part 1 of 8: settings — the shell's options, the locale, the release's paths, the time
# limits and the job's state. PlanScript.library puts the parts together into the release's .berth/job-lib.sh in the
# order settings, journal, compose, swarm, waiting, steps, backup, lifecycle; the release's plan.sh sources that one
# file on the server, where the job runs as root, detached from the SSH session (setsid + nohup). This part runs
# first: the others only define functions.
# The plan sets: BERTH_INSTALL_DIR BERTH_RELEASE_ID BERTH_PROJECT BERTH_COMPOSE_FILE BERTH_COMPOSE (array), and the
# time limits below; a cluster target's also BERTH_ENGINE; a backup job also BERTH_JOB_KIND and BERTH_JOB_STATE.
# Nothing the job starts may hang it: every docker and compose call, hook and readiness command has a time limit, the
# whole job has a deadline, and a signal or an error still ends the journal.
# Needs: bash 4.2+, coreutils 8.22+ (date, timeout).
# Must keep to bash 4.2 (CentOS 7): no namerefs (local -n), no wait -n, no ${x@Q}, no mapfile -d.

# shellcheck disable=SC2153,SC2034 # the plan sets the BERTH_ values this part does not; the other parts use them
set -u
# The job reads what tools print (ps, stat, wc, sort, date, the messages it passes on) the same way on every server,
# whatever its locale. The operator's hooks and readiness commands get the locale the job was started with back
# (berth_operator_locale): a Python 3.6 hook on CentOS 7 cannot print Chinese under C.
BERTH_OPERATOR_LC_ALL=${LC_ALL:-}
export LC_ALL=C
# What the job writes itself (journal, outputs, service logs) is private; children that create the operator's files
# (data folders, hooks) run with 022.
umask 077
# compose (one server) or swarm (a cluster target: the job runs on a manager and deploys a stack, swarm.sh).
BERTH_ENGINE=${BERTH_ENGINE:-compose}
BERTH_RELEASE_DIR="$BERTH_INSTALL_DIR/releases/$BERTH_RELEASE_ID"
# Compose always runs through this stable link, so a service whose configuration did not change keeps the same
# bind-mount paths and config hash and is not recreated; only what changed restarts.
BERTH_ACTIVE="$BERTH_INSTALL_DIR/active"
BERTH_STATE_DIR="$BERTH_INSTALL_DIR/.berth"
# A deploy job keeps its state in its release; a backup job (BERTH_JOB_KIND=backup, of the live release) in its own
# folder under .berth/jobs/, which its plan sets.
BERTH_JOB_KIND=${BERTH_JOB_KIND:-deploy}
BERTH_JOB_STATE=${BERTH_JOB_STATE:-"$BERTH_RELEASE_DIR/.berth"}
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
BERTH_STEP_SIGNALS=""
BERTH_FAILING=""
BERTH_ENDED=""
BERTH_MONITOR_PID=""

# berth_limit SECONDS COMMAND... — COMMAND gets TERM past SECONDS, and KILL after the grace period if it is still
# there (with its process group: what it started goes too). Exit 124 or 137 then.
berth_limit() {
    local secs=$1; shift
    if command -v timeout >/dev/null 2>&1; then timeout -k "$BERTH_KILL_GRACE_SECONDS" "$secs" "$@"; else "$@"; fi
}

berth_timed_out() {
    [ "$1" -eq 124 ] || [ "$1" -eq 137 ]
}

# berth_operator_locale — in the subshell of an operator's command on the host: the locale the job was started with.
berth_operator_locale() {
    if [ -n "$BERTH_OPERATOR_LC_ALL" ]; then export LC_ALL="$BERTH_OPERATOR_LC_ALL"; else unset LC_ALL; fi
}
