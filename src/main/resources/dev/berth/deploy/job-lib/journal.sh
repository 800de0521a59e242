# shellcheck shell=bash
# Berth deploy job library, part 2 of 8: journal — one JSON object a line in the release's journal, written under a
# lock, and the heartbeat of a wait.
# One of the parts PlanScript.library puts together, in a fixed order (settings, journal, compose, swarm, waiting,
# steps, backup, lifecycle), into the release's .berth/job-lib.sh, which the release's plan.sh sources on the server.
# Needs: bash 4.2+, coreutils 8.22+ (date, tr, wc), sed, awk, flock (util-linux).
# Must keep to bash 4.2 (CentOS 7): no namerefs (local -n), no wait -n, no ${x@Q}, no mapfile -d.

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

# Every 5 s of waiting, a "waiting" event tells the laptop what is still pending (and that the job is alive).
berth_heartbeat() {
    local now
    now=$(date +%s)
    if [ $(( now - ${BERTH_LAST_BEAT:-0} )) -ge 5 ]; then
        BERTH_LAST_BEAT=$now
        berth_event waiting pending "${1# }"
    fi
}
