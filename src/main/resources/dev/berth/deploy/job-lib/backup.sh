# shellcheck shell=bash
# Berth deploy job library, part 7 of 8: backup — the whole deployment copied into one archive (take_backup), put
# back from one (restore_data), old backups removed (berth_prune_backups), and migrations run once (run_migration).
# One of the parts PlanScript.library puts together, in a fixed order (settings, journal, compose, swarm, waiting,
# steps, backup, lifecycle), into the release's .berth/job-lib.sh, which the release's plan.sh sources on the server; a
# backup job (BERTH_JOB_KIND=backup) sources the same library from its own folder under .berth/jobs/.
# Needs: bash 4.2+, coreutils 8.22+ (du, df, sha256sum, stat, mv -t, rm, cp -a, mkdir, chown, chmod, cut, sort, tail,
# tr, date, sleep), GNU tar with gzip, sed, awk, grep, find, docker (engine and CLI 1.13+), compose (compose.sh).
# Must keep to bash 4.2 (CentOS 7): no namerefs (local -n), no wait -n, no ${x@Q}, no mapfile -d.
#
# A backup is the folder <installDir>/backups/ID: backup.tar.gz (0600: it holds the answers and secrets) and
# backup.json beside it (what is inside, and the archive's sha256 and size), written under ID.partial and renamed
# when complete, so a folder without .partial is a whole backup. Inside the archive: berth-backup.json (the same
# manifest), data/ (the install's data folder), <volume>/_data (each named volume of the project, by its full
# name), RELEASE-ID/ (the live release folder), .berth/secrets.yaml and .berth/migrations, and dumps/.

# berth_live_release — the release current points at, or nothing.
berth_live_release() {
    [ -L "$BERTH_INSTALL_DIR/current" ] && basename "$(readlink "$BERTH_INSTALL_DIR/current")"
}

# berth_release_field RELEASE KEY — a string field of a release's release.json (written by Berth's JSON printer,
# one "key" : "value" a line).
berth_release_field() {
    sed -n "s/^  \"$2\" : \"\\(.*\\)\",\\{0,1\\}\$/\\1/p" "$BERTH_INSTALL_DIR/releases/$1/.berth/release.json" 2>/dev/null \
        | head -n 1
}

# berth_stage_lines RELEASE — the release's stage_up lines of its readiness record, in order.
berth_stage_lines() {
    grep '^stage_up ' "$BERTH_INSTALL_DIR/releases/$1/.berth/readiness" 2>/dev/null
}

# berth_project_volumes — "FULLNAME NAME" of each named volume Compose made for this project.
berth_project_volumes() {
    local v name
    for v in $(berth_docker volume ls -q --filter "label=com.docker.compose.project=$BERTH_PROJECT" 2>/dev/null); do
        name=$(berth_docker volume inspect --format '{{index .Labels "com.docker.compose.volume"}}' "$v" 2>/dev/null)
        printf '%s %s\n' "$v" "${name:-$v}"
    done
}

# berth_backup_stop RELEASE SERVICES|- — stops the services (all of them for '-') a stage at a time, last stage
# first, so that what depends on a store is stopped before the store. Prints what it stopped.
berth_backup_stop() {
    local rel=$1 want=$2 lines i line svc pick out=""
    lines=()
    while IFS= read -r line; do lines+=("$line"); done < <(berth_stage_lines "$rel")
    i=${#lines[@]}
    while [ "$i" -gt 0 ]; do
        i=$(( i - 1 ))
        eval "set -- ${lines[$i]}"
        shift 3
        pick=""
        for svc in "$@"; do
            if [ "$want" = - ] || case " $want " in *" $svc "*) true ;; *) false ;; esac; then pick="$pick $svc"; fi
        done
        [ -n "$pick" ] || continue
        # shellcheck disable=SC2086
        (cd "$BERTH_ACTIVE" && berth_compose_for 180 stop -t 30 $pick) >&2 || return 1
        out="$out$pick"
    done
    if [ "$want" = - ]; then
        # Services in no stage (none in a bundle Berth loads, but an old release may differ).
        (cd "$BERTH_ACTIVE" && berth_compose_for 180 stop -t 30) >&2 || return 1
    else
        for svc in $want; do
            case " $out " in *" $svc "*) ;; *) (cd "$BERTH_ACTIVE" && berth_compose_for 180 stop -t 30 "$svc") >&2 || return 1; out="$out $svc" ;; esac
        done
    fi
    printf '%s\n' "${out# }"
}

# berth_backup_healthy RELEASE — whether every service of the release's stages runs (and is healthy, when it has a
# healthcheck): only then is "started again" judged by the release's readiness waits.
berth_backup_healthy() {
    local line svc state
    while IFS= read -r line; do
        eval "set -- $line"
        shift 3
        for svc in "$@"; do
            state=$(berth_service_state "$svc")
            case $state in "running healthy "*|"running none "*) ;; *) return 1 ;; esac
        done
    done < <(berth_stage_lines "$1")
    return 0
}

# berth_backup_restart RELEASE — starts again what the backup stopped. A stack that was healthy comes back as its
# deploy passed it (readiness and probes replayed, as a rollback does): "running again" means healthy by the same
# rules. A stack that was not (a crashed service, the reason for an upgrade) gets exactly the containers that ran
# before started again, without a wait it could not pass: a backup must not make a broken stack impossible to fix.
berth_backup_restart() {
    local state="$BERTH_INSTALL_DIR/releases/$1/.berth" ids
    ids=$(sed -n 's/^ran //p' "$BERTH_JOB_STATE/backup-stopped" 2>/dev/null)
    if [ -n "$ids" ] || grep -qx 'unhealthy' "$BERTH_JOB_STATE/backup-stopped" 2>/dev/null; then
        # shellcheck disable=SC2086 # container ids
        [ -z "$ids" ] || berth_limit 180 docker start $ids >/dev/null || return 1
        return 0
    fi
    if [ -s "$state/readiness" ]; then
        berth_replay_readiness "$state/readiness"
        return
    fi
    stage_up 180 running
}

# take_backup ID [KEEP...] — the whole live deployment into backups/ID (the KEEP backups are never pruned after it:
# the one a restore in the same job is about to put back). Commands of the release's backup plan run first
# (dumps), then the services the plan names (or all) are stopped for the copy and started again, whatever happened
# to the copy. Refuses when the disk cannot hold a copy of what it would archive.
take_backup() {
    # The ids to keep are taken first: the plan's lines below reuse the positional parameters.
    local id=$1 protect="${*:2}" live dir final plan line kind out stop=- stopped="" t0 down=0 rc need free vols v name
    local timeout service output n
    local BERTH_ACTIVE="$BERTH_INSTALL_DIR/current"
    local BERTH_COMPOSE_FILE=$BERTH_COMPOSE_FILE
    live=$(berth_live_release)
    if [ -z "$live" ] || [ ! -d "$BERTH_INSTALL_DIR/releases/$live" ]; then
        echo "there is no live release to back up"
        return 1
    fi
    BERTH_COMPOSE_FILE=$(berth_release_field "$live" composeFile)
    BERTH_COMPOSE_FILE=${BERTH_COMPOSE_FILE:-docker-compose.yml}
    final="$BERTH_INSTALL_DIR/backups/$id"
    dir="$final.partial"
    plan="$BERTH_INSTALL_DIR/releases/$live/.berth/backup.plan"
    [ ! -e "$final" ] || { echo "backup $id already exists"; return 1; }
    rm -rf -- "$dir"
    (umask 022 && mkdir -p "$BERTH_INSTALL_DIR/backups") && mkdir -p "$dir/dumps" && chmod 700 "$dir" || return 1
    vols=$(berth_project_volumes)
    # What the archive copies, against the free space where it is written: a full disk would stop the databases.
    # (All of it, what is mounted below data/ too: tar copies that as well.)
    need=$(du -sk "$BERTH_INSTALL_DIR/data" 2>/dev/null | cut -f1)
    need=${need:-0}
    while read -r v name; do
        [ -n "$v" ] || continue
        n=$(du -sk "$(berth_docker volume inspect --format '{{.Mountpoint}}' "$v")" 2>/dev/null | cut -f1)
        need=$(( need + ${n:-0} ))
    done <<< "$vols"
    free=$(df -Pk "$BERTH_INSTALL_DIR/backups" 2>/dev/null | awk 'NR == 2 { print $4 }')
    if [ -n "$free" ] && [ $(( free - need )) -lt 1048576 ]; then
        rm -rf -- "$dir"
        echo "not enough free space for the backup: it copies up to $(( need / 1024 )) MiB and $(( free / 1024 )) MiB are free in $BERTH_INSTALL_DIR/backups (1 GiB must stay free)"
        return 1
    fi
    # The copy and its checksum, at 5 MiB/s (slower than any disk), and the stop and start of the stack.
    berth_extend_deadline $(( 600 + need / 2560 ))
    if [ -e "$plan" ]; then
        while IFS= read -r line <&3; do
            eval "set -- $line"
            kind=$1
            shift
            case $kind in
                command)
                    timeout=$1 service=$2 output=$3
                    shift 3
                    berth_extend_deadline "$timeout"
                    if [ -n "$output" ]; then out="$dir/dumps/$output"; else out=/dev/null; fi
                    (cd "$BERTH_ACTIVE" && berth_compose_for "$timeout" exec -T "$service" "$@") > "$out" 2> "$BERTH_JOB_STATE/backup.err" </dev/null
                    rc=$?
                    if [ "$rc" -ne 0 ]; then
                        rm -rf -- "$dir"
                        echo "the backup command in $service failed (exit $rc): $(tail -n 3 "$BERTH_JOB_STATE/backup.err" | tr '\n' ' ')"
                        return 1
                    fi ;;
                stop) stop="$*" ;;
            esac
        done 3< "$plan"
    fi
    t0=$(berth_now_ms)
    if [ -n "$stop" ]; then
        # Noted before stopping: a job stopped half-way starts them again (berth_fail), the way the stack was.
        printf '%s\n' "$live" > "$BERTH_JOB_STATE/backup-stopped"
        if ! berth_backup_healthy "$live"; then
            printf 'unhealthy\nran %s\n' "$(berth_docker ps -q --filter "label=com.docker.compose.project=$BERTH_PROJECT" \
                | tr '\n' ' ')" >> "$BERTH_JOB_STATE/backup-stopped"
        fi
        stopped=$(berth_backup_stop "$live" "$stop") || { berth_backup_restart "$live"; rm -rf -- "$dir"; echo "could not stop the services for the backup"; return 1; }
    fi
    if ! berth_backup_manifest "$id" "$live" "$vols" "$stopped" "$need" > "$dir/berth-backup.json"; then
        [ -z "$stop" ] || berth_backup_restart "$live"
        rm -rf -- "$dir"
        echo "the backup's manifest could not be written"
        return 1
    fi
    berth_backup_archive "$dir" "$live" "$vols" "$need" 2> "$BERTH_JOB_STATE/backup.err"; rc=$?
    if [ -n "$stop" ]; then
        berth_backup_restart "$live" || { rm -rf -- "$dir"; echo "the services stopped for the backup did not come back healthy"; return 1; }
        down=$(( $(berth_now_ms) - t0 ))
        rm -f "$BERTH_JOB_STATE/backup-stopped"
    fi
    if [ "$rc" -ne 0 ]; then
        rm -rf -- "$dir"
        echo "the archive could not be written (exit $rc): $(tail -n 3 "$BERTH_JOB_STATE/backup.err" | tr '\n' ' ')"
        return 1
    fi
    rm -rf -- "$dir/dumps"
    berth_backup_summary "$dir" "$down" > "$dir/backup.json" || { rm -rf -- "$dir"; return 1; }
    chmod 600 "$dir/backup.json" "$dir/backup.tar.gz"
    mv -T "$dir" "$final" || { rm -rf -- "$dir"; echo "could not name the backup $final"; return 1; }
    berth_event backup-taken backup "$id" "bytes#" "$(stat -c %s "$final/backup.tar.gz")" "down#" "$down"
    # shellcheck disable=SC2086 # backup ids
    berth_prune_backups "$id" $protect
    return 0
}

# berth_json_list WORD... — a JSON array of strings.
berth_json_list() {
    local sep="" w
    printf '['
    for w in "$@"; do printf '%s%s' "$sep" "$(berth_json_string "$w")"; sep=,; done
    printf ']'
}

# berth_backup_manifest ID LIVE VOLUMES STOPPED KIB — berth-backup.json: what the archive holds (KIB: what it
# copies, before compression) and where it came from.
berth_backup_manifest() {
    local id=$1 live=$2 rel="$BERTH_INSTALL_DIR/releases/$2/.berth" sep v name ref iid f
    printf '{"format":1,"id":%s,"created":%s,"installDir":%s,"project":%s,"releaseId":%s,"copiedKiB":%s,' \
        "$(berth_json_string "$id")" "$(berth_json_string "$(date -u +%Y-%m-%dT%H:%M:%SZ)")" \
        "$(berth_json_string "$BERTH_INSTALL_DIR")" "$(berth_json_string "$BERTH_PROJECT")" "$(berth_json_string "$live")" \
        "$5"
    printf '"release":'
    if [ -s "$rel/release.json" ]; then tr -d '\n' < "$rel/release.json"; else printf '{}'; fi
    printf ',"images":['
    sep=""
    while read -r ref iid <&3; do
        [ -n "$iid" ] || continue
        printf '%s{"ref":%s,"id":%s}' "$sep" "$(berth_json_string "$ref")" "$(berth_json_string "$iid")"; sep=,
    done 3< <(cat "$rel/images" 2>/dev/null)
    printf '],"volumes":['
    sep=""
    while read -r v name; do
        [ -n "$v" ] || continue
        printf '%s{"volume":%s,"name":%s}' "$sep" "$(berth_json_string "$v")" "$(berth_json_string "$name")"; sep=,
    done <<< "$3"
    printf '],"dumps":['
    sep=""
    for f in "$BERTH_INSTALL_DIR/backups/$id.partial/dumps"/*; do
        [ -f "$f" ] || continue
        chmod 600 "$f"
        printf '%s{"file":%s,"bytes":%s,"sha256":%s}' "$sep" "$(berth_json_string "${f##*/}")" "$(stat -c %s "$f")" \
            "$(berth_json_string "$(sha256sum < "$f" | cut -d' ' -f1)")"; sep=,
    done
    # shellcheck disable=SC2086 # a list of service names
    printf '],"stopped":%s}\n' "$(berth_json_list $4)"
}

# berth_backup_archive DIR LIVE VOLUMES KIB — one gzip'd tar of everything, owners and modes kept as numbers; KIB is
# what it copies, for the progress events.
berth_backup_archive() {
    local dir=$1 live=$2 vols=$3 total=$(( $4 * 1024 )) v name mp f pid last
    last=$(date +%s)
    # The small parts first: the manifest and the answers are read from the head of the stream. The member list is
    # built in the positional parameters (an array may be empty, which bash 4.2 takes for unset under set -u).
    set -- -C "$dir" berth-backup.json -C "$BERTH_INSTALL_DIR"
    for f in secrets.yaml migrations; do
        [ -e "$BERTH_INSTALL_DIR/.berth/$f" ] && set -- "$@" ".berth/$f"
    done
    set -- "$@" -C "$BERTH_INSTALL_DIR/releases" "$live" -C "$dir" dumps -C "$BERTH_INSTALL_DIR"
    [ -d "$BERTH_INSTALL_DIR/data" ] && set -- "$@" data
    while read -r v name; do
        [ -n "$v" ] || continue
        mp=$(berth_docker volume inspect --format '{{.Mountpoint}}' "$v") || return 1
        set -- "$@" -C "${mp%/*/_data}" "$v/_data"
    done <<< "$vols"
    tar --numeric-owner -czf "$dir/backup.tar.gz" "$@" &
    pid=$!
    # Every 5 s the size so far, so a long copy shows it moves.
    while kill -0 "$pid" 2>/dev/null; do
        sleep 1
        if [ $(( $(date +%s) - last )) -ge 5 ]; then
            last=$(date +%s)
            berth_event backup-progress "bytes#" "$(stat -c %s "$dir/backup.tar.gz" 2>/dev/null || echo 0)" \
                "total#" "$total"
        fi
    done
    wait "$pid"
}

# berth_backup_summary DIR DOWN_MS — backup.json: the manifest with the archive's size and sha256 and the downtime.
berth_backup_summary() {
    local m
    m=$(cat "$1/berth-backup.json") || return 1
    printf '%s,"archive":{"file":"backup.tar.gz","bytes":%s,"sha256":"%s"},"downMs":%s}\n' "${m%\}}" \
        "$(stat -c %s "$1/backup.tar.gz")" "$(sha256sum < "$1/backup.tar.gz" | cut -d' ' -f1)" "$2"
}

# berth_prune_backups KEEP_ID... — whole backups beyond the newest N (3, or the number in .berth/keep-backups, at
# least 1) are deleted, never a KEEP_ID; partial ones a day old (a job that died) too. Backup ids begin with their
# UTC time.
berth_prune_backups() {
    local keep n=0 b
    keep=$(berth_keep_count keep-backups 3 1)
    find "$BERTH_INSTALL_DIR/backups" -mindepth 1 -maxdepth 1 -type d -name '*.partial' -mmin +1440 \
        -exec rm -rf -- {} + 2>/dev/null
    for b in $(find "$BERTH_INSTALL_DIR/backups" -mindepth 1 -maxdepth 1 -type d ! -name '*.partial' -printf '%f\n' 2>/dev/null | sort -r); do
        case $b in [0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]-*) ;; *) continue ;; esac
        [ -e "$BERTH_INSTALL_DIR/backups/$b/backup.json" ] || continue
        n=$(( n + 1 ))
        if [ "$n" -le "$keep" ] || case " $* " in *" $b "*) true ;; *) false ;; esac; then continue; fi
        rm -rf -- "${BERTH_INSTALL_DIR:?}/backups/$b" "$BERTH_STATE_DIR/jobs/$b" && berth_event backup-removed backup "$b"
    done
    # The folders of backup jobs that left no backup (they failed), once a day old.
    while IFS= read -r b; do
        [ -e "$BERTH_INSTALL_DIR/backups/$b" ] || rm -rf -- "${BERTH_STATE_DIR:?}/jobs/$b"
    done < <(find "$BERTH_STATE_DIR/jobs" -mindepth 1 -maxdepth 1 -type d -mmin +1440 -printf '%f\n' 2>/dev/null)
    return 0
}

# restore_data ID — puts the data of backups/ID back: the archive is unpacked beside the install first (so a damaged
# archive changes nothing), then the project's containers are stopped and data/, each named volume (under this
# install's project, which may differ on another server) and the migrations record are replaced.
restore_data() {
    local id=$1 archive="$BERTH_INSTALL_DIR/backups/$1/backup.tar.gz" stage="$BERTH_INSTALL_DIR/.berth/restore.partial"
    local c v name target mp f old need free
    [ -f "$archive" ] || { echo "backup $id is not on the server ($archive)"; return 1; }
    # Unpacked beside the install before anything is touched: there must be room for what the backup copied.
    need=$(sed -n 's/.*"copiedKiB":\([0-9]*\).*/\1/p' "$BERTH_INSTALL_DIR/backups/$1/backup.json" 2>/dev/null)
    free=$(df -Pk "$BERTH_INSTALL_DIR" 2>/dev/null | awk 'NR == 2 { print $4 }')
    if [ -n "$need" ] && [ -n "$free" ] && [ $(( free - need )) -lt 1048576 ]; then
        echo "not enough free space to restore backup $id: it unpacks up to $(( need / 1024 )) MiB and $(( free / 1024 )) MiB are free in $BERTH_INSTALL_DIR (1 GiB must stay free)"
        return 1
    fi
    # Unpacking reads the archive once and writes about three times its size.
    berth_extend_deadline $(( 120 + $(stat -c %s "$archive") * 3 / 5242880 ))
    rm -rf -- "$stage"
    mkdir -p "$stage" && chmod 700 "$stage" || return 1
    if ! tar --numeric-owner -xzpf "$archive" -C "$stage" 2> "$BERTH_JOB_STATE/restore.err"; then
        rm -rf -- "$stage"
        echo "backup $id cannot be unpacked: $(tail -n 2 "$BERTH_JOB_STATE/restore.err" | tr '\n' ' ')"
        return 1
    fi
    [ -s "$stage/berth-backup.json" ] || { rm -rf -- "$stage"; echo "backup $id holds no berth-backup.json"; return 1; }
    c=$(berth_docker ps -q --filter "label=com.docker.compose.project=$BERTH_PROJECT")
    if [ -n "$c" ]; then
        # shellcheck disable=SC2086
        berth_limit 180 docker stop -t 30 $c >/dev/null || { rm -rf -- "$stage"; echo "could not stop the running services"; return 1; }
    fi
    # Emptied and filled rather than replaced: data/ may be a mount point of its own disk.
    mkdir -p "$BERTH_INSTALL_DIR/data" || return 1
    find "$BERTH_INSTALL_DIR/data" -mindepth 1 -maxdepth 1 -exec rm -rf -- {} + || return 1
    if [ -d "$stage/data" ]; then
        find "$stage/data" -mindepth 1 -maxdepth 1 -exec mv -t "$BERTH_INSTALL_DIR/data" -- {} + || return 1
        chown --reference="$stage/data" "$BERTH_INSTALL_DIR/data" && chmod --reference="$stage/data" "$BERTH_INSTALL_DIR/data" \
            || return 1
    fi
    cp -a "$stage/.berth/secrets.yaml" "$BERTH_STATE_DIR/secrets.yaml" 2>/dev/null
    # The migrations that ran on this data: none recorded in the backup means none ran on it.
    if [ -e "$stage/.berth/migrations" ]; then
        cp -a "$stage/.berth/migrations" "$BERTH_STATE_DIR/migrations" || return 1
    else
        rm -f "$BERTH_STATE_DIR/migrations"
    fi
    old=$(sed -n 's/^{"format":1,.*"project":"\([^"]*\)".*/\1/p' "$stage/berth-backup.json" | head -n 1)
    while read -r v name; do
        [ -n "$v" ] || continue
        # Compose names a volume PROJECT_NAME unless the compose file gives it a name of its own: this install's
        # project may differ (another server, another folder), an explicit name stays.
        case $v in "${old}_"*) target="${BERTH_PROJECT}_${v#"${old}_"}" ;; *) target=$v ;; esac
        if ! berth_docker volume inspect "$target" >/dev/null 2>&1; then
            berth_docker volume create --label "com.docker.compose.project=$BERTH_PROJECT" \
                --label "com.docker.compose.volume=$name" "$target" >/dev/null || { echo "could not create volume $target"; return 1; }
        fi
        mp=$(berth_docker volume inspect --format '{{.Mountpoint}}' "$target") || return 1
        find "$mp" -mindepth 1 -maxdepth 1 -exec rm -rf -- {} + || return 1
        if [ -d "$stage/$v/_data" ]; then cp -a "$stage/$v/_data/." "$mp/" || { echo "could not fill volume $target"; return 1; }; fi
    done < <(sed -n 's/.*"volumes":\[\([^]]*\)\].*/\1/p' "$stage/berth-backup.json" | tr '}' '\n' \
        | sed -n 's/.*"volume":"\([^"]*\)","name":"\([^"]*\)".*/\1 \2/p')
    rm -rf -- "$stage"
    berth_event data-restored backup "$id"
}

# run_migration NAME TIMEOUT SERVICE ARGV... — a bundle's migration: runs once per install (recorded in
# .berth/migrations when it succeeded), like a hook.
run_migration() {
    local name=$1
    shift
    if grep -qxF "$name" "$BERTH_STATE_DIR/migrations" 2>/dev/null; then
        echo "migration $name ran before; not again"
        return 0
    fi
    hook_exec "$@" || return 1
    mkdir -p "$BERTH_STATE_DIR" && printf '%s\n' "$name" >> "$BERTH_STATE_DIR/migrations"
}

# berth_backup_failed — a backup job that fails: what it stopped is started again before the job ends.
berth_backup_failed() {
    local live t0
    live=$(head -n 1 "$BERTH_JOB_STATE/backup-stopped" 2>/dev/null)
    if [ -n "$live" ]; then
        berth_event step-start step restart release "$live"
        t0=$(berth_now_ms)
        berth_run restart berth_backup_restart "$live"
        if [ "$BERTH_RC" -eq 0 ]; then
            berth_event step-end step restart "ms#" "$(( $(berth_now_ms) - t0 ))"
        else
            berth_event step-failed step restart "exit#" "$BERTH_RC" "ms#" "$(( $(berth_now_ms) - t0 ))" \
                message "$BERTH_MESSAGE"
            live=""
        fi
    else
        live=$BERTH_RELEASE_ID
    fi
    berth_event job-end status failed release "$BERTH_RELEASE_ID" current "$live" message "$BERTH_STOP_REASON"
    berth_finish 1
}
