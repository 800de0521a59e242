# shellcheck shell=bash
# Berth deploy job library, part 3 of 8: compose — docker and compose calls (Compose v1 docker-compose or the v2
# plugin, as the plan's BERTH_COMPOSE says), images, data folders, bringing services up.
# One of the parts PlanScript.library puts together, in a fixed order (settings, journal, compose, swarm, waiting,
# steps, backup, lifecycle), into the release's .berth/job-lib.sh, which the release's plan.sh sources on the server.
# Needs: bash 4.2+, coreutils 8.22+ (timeout, stat, sort, sha256sum, cut, head, tail, tr, od, mkdir, chown, chmod,
# rm, cat), find, xargs, docker (engine and CLI 1.13+), compose v1 (docker-compose) or v2 (docker compose); zstd
# only where Berth sent an image zstd-compressed (it does so only when the probe found zstd).
# Must keep to bash 4.2 (CentOS 7): no namerefs (local -n), no wait -n, no ${x@Q}, no mapfile -d.

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

berth_container_of() {
    # Compose's own labels name the project's containers; the docker CLI answers far faster than compose ps.
    berth_docker ps -a -q --filter "label=com.docker.compose.project=$BERTH_PROJECT" \
        --filter "label=com.docker.compose.service=$1" 2>/dev/null | head -n 1
}

# Prints "status health restarts exitcode oomkilled" of a service's container (health is "none" without a
# healthcheck; oomkilled is true when its memory limit's OOM killer stopped it).
berth_service_state() {
    local id
    id=$(berth_container_of "$1")
    if [ -z "$id" ]; then
        echo "missing none 0 0 false"
        return
    fi
    berth_docker inspect --format '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}} {{.State.ExitCode}} {{.State.OOMKilled}}' "$id" 2>/dev/null \
        || echo "missing none 0 0 false"
}

# Each step function returns 0 on success. On failure it may print a one-line reason on stdout's last line.

# berth_magic FILE — the first four bytes in hex: 28b52ffd is a zstd frame, 1f8b... gzip.
berth_magic() {
    head -c 4 "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n'
}

load_images() {
    local f path magic size secs rc
    for f in "$@"; do
        path=$BERTH_INSTALL_DIR/images/$f
        # A limit by size: 5 MiB/s is slower than any disk docker load runs on, plus 2 minutes for the engine. The
        # job's deadline grows by as much, since the plan could not know the size. A compressed file unpacks to
        # about three times its size.
        size=$(stat -c %s "$path" 2>/dev/null || echo 0)
        magic=$(berth_magic "$path")
        case $magic in 28b52ffd|1f8b*) size=$(( size * 3 )) ;; esac
        secs=$(( 120 + size / 5242880 ))
        berth_extend_deadline "$secs"
        if [ "$magic" = 28b52ffd ]; then
            # Berth sent it zstd-compressed (only to a server with zstd); docker load reads gzip, not zstd.
            berth_limit "$secs" bash -o pipefail -c 'zstd -dcq -- "$1" | docker load' berth-load "$path" \
                >"$BERTH_JOB_STATE/load.out" 2>"$BERTH_JOB_STATE/load.err"; rc=$?
        else
            berth_limit "$secs" docker load -i "$path" >"$BERTH_JOB_STATE/load.out" 2>"$BERTH_JOB_STATE/load.err"; rc=$?
        fi
        if berth_timed_out "$rc"; then
            echo "docker load of $f did not finish within $secs s and was stopped"
            return 1
        elif [ "$rc" -ne 0 ]; then
            echo "docker load failed for $f: $(tail -n 3 "$BERTH_JOB_STATE/load.err" | tr '\n' ' ')"
            return 1
        fi
        # Loaded images live in Docker; the tarball only takes room, unless the operator keeps them (README).
        [ -e "$BERTH_STATE_DIR/keep-tarballs" ] || rm -f "$path"
        berth_remember_loaded "$BERTH_JOB_STATE/load.out"
        berth_event image-loaded file "$f"
    done
}

# berth_remember_loaded LOAD_OUTPUT — notes the ID of each image docker load said it loaded ("Loaded image: REF"),
# in the install's .berth/loaded-images: only images Berth brought are ever removed by berth_prune_images.
berth_remember_loaded() {
    local ref id
    while read -r ref <&3; do
        case $ref in "Loaded image: "*) ref=${ref#Loaded image: } ;; "Loaded image ID: "*) ref=${ref#Loaded image ID: } ;; *) continue ;; esac
        id=$(berth_docker image inspect --format '{{.Id}}' "$ref" 2>/dev/null) || continue
        grep -qxF "$id" "$BERTH_STATE_DIR/loaded-images" 2>/dev/null || printf '%s\n' "$id" >> "$BERTH_STATE_DIR/loaded-images"
    done 3< "$1"
}

# berth_prune_images — removes the images Berth loaded that no kept release ran (their .berth/images), when nothing
# else holds them: docker rmi without -f refuses an image a container uses or another name still tags, and such an
# image stays listed for a later try.
berth_prune_images() {
    local list=$BERTH_STATE_DIR/loaded-images id
    [ -s "$list" ] || return 0
    : > "$list.new"
    while read -r id <&3; do
        [ -n "$id" ] || continue
        if cat "$BERTH_INSTALL_DIR"/releases/*/.berth/images 2>/dev/null | awk '{ print $2 }' | grep -qxF "$id"; then
            printf '%s\n' "$id" >> "$list.new"
        elif berth_docker rmi "$id" >/dev/null 2>&1; then
            berth_event image-removed id "$id"
        elif berth_docker image inspect "$id" >/dev/null 2>&1; then
            printf '%s\n' "$id" >> "$list.new"
        fi
    done 3< "$list"
    mv -f "$list.new" "$list"
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
