# shellcheck shell=bash
# Berth deploy job library, part 5 of 8: waiting — readiness: services healthy or running, HTTP answers, commands
# that succeed.
# One of the parts PlanScript.library puts together, in a fixed order (settings, journal, compose, swarm, waiting,
# steps, backup, lifecycle), into the release's .berth/job-lib.sh, which the release's plan.sh sources on the server.
# Needs: bash 4.2+, coreutils 8.22+ (date, sleep, head, tail, timeout), grep, awk, docker and compose (compose.sh),
# curl or wget (HTTP readiness; with neither, nothing answers).
# Must keep to bash 4.2 (CentOS 7): no namerefs (local -n), no wait -n, no ${x@Q}, no mapfile -d.

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

# berth_killed_reason CODE OOMKILLED — for a container that ended with exit code 137 (SIGKILL): why, as far as the
# server can tell, with the memory it has now; empty for any other exit.
berth_killed_reason() {
    [ "$1" = 137 ] || return 0
    local avail total
    avail=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo 2>/dev/null)
    total=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo 2>/dev/null)
    if [ "$2" = true ]; then
        printf ' (killed for lack of memory: it reached its memory limit; the server has %s MiB of %s MiB available)' \
            "${avail:-?}" "${total:-?}"
    else
        printf ' (killed: most often for lack of memory; the server has %s MiB of %s MiB available)' "${avail:-?}" \
            "${total:-?}"
    fi
}

# wait_ready TIMEOUT READINESS SERVICE... — polls container state once a second until every service is ready,
# one of them has failed for good, or the time is up.
wait_ready() {
    local timeout=$1 ready=$2 deadline state status health restarts code oom svc pending
    shift 2
    deadline=$(( $(date +%s) + timeout ))
    while :; do
        pending=""
        for svc in "$@"; do
            state=$(berth_service_state "$svc")
            read -r status health restarts code oom <<< "$state"
            case "$ready:$status:$health:$code" in
                healthy:running:healthy:*|healthy:running:none:*|running:running:*|exited0:exited:*:0) ;;
                *:running:unhealthy:*)
                    berth_record_service_failure "$svc"
                    echo "$svc is unhealthy: its healthcheck keeps failing"
                    return 1 ;;
                *:exited:*|*:dead:*)
                    berth_record_service_failure "$svc"
                    echo "$svc stopped with exit code $code$(berth_killed_reason "$code" "$oom")"
                    return 1 ;;
                *)
                    if [ "${restarts:-0}" -gt 2 ] 2>/dev/null; then
                        berth_record_service_failure "$svc"
                        echo "$svc keeps restarting ($restarts restarts)$(berth_killed_reason "$code" "$oom")"
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
        (cd "$BERTH_ACTIVE" && umask 022 && berth_operator_locale && berth_limit "$left" "$@") >/dev/null 2>&1 </dev/null \
            && return 0
        if [ "$(date +%s)" -ge "$deadline" ]; then
            echo "readiness command did not succeed within ${timeout}s"
            return 1
        fi
        sleep 1
    done
}
