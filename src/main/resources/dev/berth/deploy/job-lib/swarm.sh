# shellcheck shell=bash
# Berth deploy job library, part 4 of 8: swarm — a cluster target (BERTH_ENGINE=swarm): the release's stack deployed
# one stage at a time on the manager this job runs on, readiness judged from the services' tasks across the nodes,
# images forwarded from this manager to the other nodes, services the release no longer has removed, and the Swarm
# configs and secrets no kept release names removed.
# One of the parts PlanScript.library puts together, in a fixed order (settings, journal, compose, swarm, waiting,
# steps, backup, lifecycle), into the release's .berth/job-lib.sh, which the release's plan.sh sources on the server.
# Needs: bash 4.2+, coreutils 8.22+ (date, sleep, sort, head, tail, tr, cat, mkdir, rm), grep, awk, docker (engine
# and CLI 20.10+, in swarm mode, this node a manager), ssh (OpenSSH client, only when images are forwarded to nodes).
# Must keep to bash 4.2 (CentOS 7): no namerefs (local -n), no wait -n, no ${x@Q}, no mapfile -d.

# berth_swarm_service SERVICE — the name Swarm gives the stack's service.
berth_swarm_service() {
    printf '%s_%s' "$BERTH_PROJECT" "$1"
}

# berth_swarm_spec SERVICE — what makes Swarm replace the service's tasks (its task template and host-mode ports)
# and when its last update began ("none"), one line; "-" when there is no such service. A task template that
# differs after the deploy means Swarm rolls the service to it; a change elsewhere (replicas, ingress ports,
# labels) starts no update, and none is waited for.
berth_swarm_spec() {
    local out
    # docker prints an empty line before it says there is no such service.
    out=$(berth_docker service inspect --format '{{json .Spec.TaskTemplate}}|{{with .Spec.EndpointSpec}}{{range .Ports}}{{if eq .PublishMode "host"}}{{.PublishedPort}}:{{.TargetPort}}/{{.Protocol}},{{end}}{{end}}{{end}} {{if .UpdateStatus}}{{json .UpdateStatus.StartedAt}}{{else}}none{{end}}' \
        "$(berth_swarm_service "$1")" 2>/dev/null) && [ -n "$out" ] || out=-
    printf '%s\n' "$out"
}

# stack_up TIMEOUT READINESS STAGE SERVICE... — deploys the stage's stack file (.berth/stack/STAGE.yml of the active
# release; without --prune, so the services of other stages stay as they run) and waits until its services are ready.
# --resolve-image never: an offline cluster has no registry to ask, and each node runs the image it was given.
stack_up() {
    local timeout=$1 ready=$2 stage=$3 out rc svc
    shift 3
    mkdir -p "$BERTH_JOB_STATE/swarm" || return 1
    for svc in "$@"; do
        berth_swarm_spec "$svc" > "$BERTH_JOB_STATE/swarm/$svc.before"
        berth_docker service ps -q --no-trunc "$(berth_swarm_service "$svc")" 2>/dev/null | sort \
            > "$BERTH_JOB_STATE/swarm/$svc.tasks-before"
    done
    out=$(cd "$BERTH_ACTIVE" && berth_limit "$BERTH_UP_SECONDS" docker stack deploy --resolve-image never \
        -c "$BERTH_ACTIVE/.berth/stack/$stage.yml" "$BERTH_PROJECT" 2>&1); rc=$?
    if berth_timed_out "$rc"; then
        echo "docker stack deploy did not finish within $BERTH_UP_SECONDS s and was stopped"
        return 1
    elif [ "$rc" -ne 0 ]; then
        echo "docker stack deploy failed: $(printf '%s' "$out" | grep -v '^Updating service\|^Creating ' | tail -n 3 | tr '\n' ' ')"
        return 1
    fi
    wait_tasks "$timeout" "$ready" "$@"
}

# berth_task_lines SERVICE — its tasks, one a line: "ID DESIRED STATE ERROR..." (STATE the first word of docker's
# CurrentState: Running, Starting, Pending, Failed, Complete, Shutdown …).
berth_task_lines() {
    berth_docker service ps --no-trunc --format '{{.ID}} {{.DesiredState}} {{.CurrentState}}|{{.Error}}' \
        "$(berth_swarm_service "$1")" 2>/dev/null \
        | awk '{ split($0, p, "|"); n = split(p[1], w, " "); err = substr($0, length(p[1]) + 2)
                 gsub(/^"|"$/, "", err); print w[1], w[2], w[3], err }'
}

# berth_service_replicas SERVICE — how many tasks Swarm wants running ("global": one per eligible node).
berth_service_replicas() {
    berth_docker service inspect --format '{{if .Spec.Mode.Replicated}}{{.Spec.Mode.Replicated.Replicas}}{{else}}global{{end}}' \
        "$(berth_swarm_service "$1")" 2>/dev/null
}

# berth_task_state SERVICE READINESS — one line "STATE DETAIL": ready, pending WHAT, or failed WHY, judged by the
# tasks of the spec this deploy gave the service (the update Swarm rolls must have begun after the deploy and
# completed; a task a failed update left behind never counts), for readiness healthy or running (a task with a
# healthcheck is "starting" until healthy, "running" after) or exited0 (every task complete).
berth_task_state() {
    local svc=$1 ready=$2 before after update want running=0 complete=0 failed=0 lasterr="" pending="" summary id desired \
        state err
    before=$(cat "$BERTH_JOB_STATE/swarm/$svc.before" 2>/dev/null)
    after=$(berth_swarm_spec "$svc")
    if [ "$after" = - ]; then echo "failed the stack deploy did not create it"; return; fi
    if [ "$before" != - ] && [ "${before% *}" != "${after% *}" ]; then
        # The spec changed: wait for the rolling update Swarm began after the deploy.
        [ "${before##* }" != "${after##* }" ] || { echo "pending its update has not begun"; return; }
        update=$(berth_docker service inspect --format '{{if .UpdateStatus}}{{.UpdateStatus.State}} {{.UpdateStatus.Message}}{{end}}' \
            "$(berth_swarm_service "$svc")" 2>/dev/null)
        case $update in
            completed*) ;;
            paused*|rollback*) echo "failed its update stopped: ${update#* }"; return ;;
            *) echo "pending its update is rolling (${update%% *})"; return ;;
        esac
    fi
    want=$(berth_service_replicas "$svc")
    while read -r id desired state err <&3; do
        [ -n "$id" ] || continue
        if grep -qxF "$id" "$BERTH_JOB_STATE/swarm/$svc.tasks-before" 2>/dev/null; then
            # A task from before this deploy counts only while Swarm keeps it as the running one (spec unchanged).
            [ "$desired" = Running ] || continue
        fi
        case "$desired:$state" in
            Running:Running) running=$(( running + 1 )) ;;
            *:Complete) complete=$(( complete + 1 )) ;;
            *:Failed|*:Rejected) failed=$(( failed + 1 )); lasterr=${err:-$state} ;;
            Running:*) pending="$pending${state,,}|$err
" ;;
        esac
    done 3< <(berth_task_lines "$svc")
    if [ "$failed" -ge 3 ]; then
        echo "failed its tasks keep failing ($failed since the deploy): $lasterr"
        return
    fi
    case "$ready" in
        exited0)
            if [ "$complete" -ge 1 ] && [ "$running" -eq 0 ] && [ -z "$pending" ]; then echo ready; return; fi ;;
        *)
            if [ "$want" = global ]; then
                [ "$running" -ge 1 ] && [ -z "$pending" ] && { echo ready; return; }
            elif [ "$running" -ge "${want:-1}" ]; then
                echo ready
                return
            fi ;;
    esac
    # What the other tasks are doing, counted by state, with the first error Swarm gave for each: "2 pending (no
    # suitable node …)", "1 starting".
    summary=$(printf '%s' "$pending" | awk -F'|' '$1 != "" { c[$1]++; if ($2 != "" && !($1 in e)) e[$1] = $2 }
        END { for (k in c) printf "%d %s%s\n", c[k], k, (k in e) ? " (" e[k] ")" : "" }' | sort -k2 \
        | awk 'NR > 1 { printf "; " } { printf "%s", $0 }')
    echo "pending $running/${want:-?} running${summary:+; $summary}"
}

# wait_tasks TIMEOUT READINESS SERVICE... — polls the services' tasks once a second until every one is ready, one
# has failed for good, or the time is up.
wait_tasks() {
    local timeout=$1 ready=$2 deadline svc verdict waiting
    shift 2
    deadline=$(( $(date +%s) + timeout ))
    while :; do
        waiting=""
        for svc in "$@"; do
            verdict=$(berth_task_state "$svc" "$ready")
            case $verdict in
                ready) ;;
                failed*)
                    berth_record_task_failure "$svc"
                    echo "$svc: ${verdict#failed }"
                    return 1 ;;
                *) waiting="$waiting $svc (${verdict#pending })" ;;
            esac
        done
        [ -z "$waiting" ] && return 0
        berth_heartbeat "$waiting"
        if [ "$(date +%s)" -ge "$deadline" ]; then
            for svc in "$@"; do
                case $waiting in *" $svc ("*) berth_record_task_failure "$svc" ;; esac
            done
            echo "not ready after ${timeout}s:$waiting"
            return 1
        fi
        sleep 1
    done
}

# berth_record_task_failure SERVICE — its name for the job's last event and its last log lines, from every task.
berth_record_task_failure() {
    printf '%s\n' "$1" >> "$BERTH_JOB_STATE/failed-services"
    berth_event service-logs service "$1" lines \
        "$(berth_limit "$BERTH_QUERY_SECONDS" docker service logs --no-task-ids --tail 40 "$(berth_swarm_service "$1")" 2>&1 | tail -n 40)"
}

# berth_swarm_container SERVICE — a running container of the service on this node (hooks run in one).
berth_swarm_container() {
    berth_docker ps -q --filter "label=com.docker.swarm.service.name=$(berth_swarm_service "$1")" \
        --filter status=running 2>/dev/null | head -n 1
}

# stack_prune SERVICE... — removes the stack's services this release does not have (what an earlier release ran).
stack_prune() {
    local svc keep=" $* " name
    for name in $(berth_docker service ls --filter "label=com.docker.stack.namespace=$BERTH_PROJECT" --format '{{.Name}}'); do
        svc=${name#"$BERTH_PROJECT"_}
        case $keep in *" $svc "*) continue ;; esac
        berth_docker service rm "$name" >/dev/null || { echo "could not remove the service $name"; return 1; }
        berth_event service-removed service "$svc"
    done
}

# forward_images NODE USER HOST PORT REFS [NODE USER HOST PORT REFS]... — REFS comma-separated: each node gets the
# images it may run and lacks from this manager, over the cluster's own network (the bytes crossed the operator's
# link once, to this node). The laptop left, per node, a one-time key (.berth/transfer/RELEASE/NODE.key) that the node
# accepts only for docker load and only from here, and the node's pinned host key (NODE.known_hosts).
forward_images() {
    local dir="$BERTH_STATE_DIR/transfer/$BERTH_RELEASE_ID" node user host port refs size secs rc
    while [ $# -ge 5 ]; do
        node=$1 user=$2 host=$3 port=$4 refs=$5
        shift 5
        # shellcheck disable=SC2086 # refs are image references: no spaces, split on purpose
        size=$(berth_docker image inspect --format '{{.Size}}' ${refs//,/ } 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
        secs=$(( 120 + size / 5242880 ))
        berth_extend_deadline "$secs"
        # shellcheck disable=SC2086
        berth_limit "$secs" bash -o pipefail -c 'p=$1 u=$2 h=$3; shift 3; docker save "$@" | ssh -i "$0.key" \
            -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$0.known_hosts" \
            -o ConnectTimeout=20 -o ServerAliveInterval=15 -p "$p" -l "$u" "$h" berth-load' "$dir/$node" "$port" "$user" \
            "$host" ${refs//,/ } \
            >"$BERTH_JOB_STATE/forward.out" 2>"$BERTH_JOB_STATE/forward.err"; rc=$?
        rm -f "$dir/$node.key"
        if berth_timed_out "$rc"; then
            echo "sending the images to $node did not finish within $secs s and was stopped"
            return 1
        elif [ "$rc" -ne 0 ]; then
            echo "could not send the images to $node ($host): $(tail -n 3 "$BERTH_JOB_STATE/forward.err" | tr '\n' ' ')"
            return 1
        fi
        berth_event images-forwarded node "$node" images "$refs" "bytes#" "$size"
    done
    rm -rf "$dir"
}

# berth_prune_swarm_objects — after a deploy went live: the stack's configs and secrets that no kept release's stack
# files name (each is named by its content, so every changed file left one behind). Swarm refuses to remove one a
# service still uses; that one stays for a later try.
berth_prune_swarm_objects() {
    local kind name
    for kind in config secret; do
        for name in $(berth_docker "$kind" ls --filter "label=com.docker.stack.namespace=$BERTH_PROJECT" --format '{{.Name}}'); do
            grep -qF "name: \"$name\"" "$BERTH_INSTALL_DIR"/releases/*/.berth/stack/*.yml 2>/dev/null && continue
            berth_docker "$kind" rm "$name" >/dev/null 2>&1 && berth_event swarm-object-removed kind "$kind" name "$name"
        done
    done
    return 0
}
