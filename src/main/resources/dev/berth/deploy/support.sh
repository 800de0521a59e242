# shellcheck shell=bash
# Berth support bundle collector: one round trip gathers what a deployment's troubleshooting needs. Args:
# INSTALL_DIR PROJECT LOG_LINES MARK. Runs as root (sudo -n). Output: "MARK NAME" headers (MARK is random, so no log
# line can pass for one), each followed by the file's
# content; the laptop removes every secret before anything is written (secrets.yaml and answers.yaml are never sent
# on as files: they are only read there to know what to remove).
dir=$1; project=$2; lines=${3:-300}; mark=$4
f="label=com.docker.compose.project=$project"
section() { printf '\n%s %s\n' "$mark" "$1"; }
cap() { head -c "${1:-1000000}"; }
section .secrets/kept.yaml; cap 200000 < "$dir/.berth/secrets.yaml" 2>/dev/null
section .secrets/answers.yaml; cap 200000 < "$dir/current/.berth/answers.yaml" 2>/dev/null
section server/releases.txt; ls -la "$dir/releases" 2>&1; readlink "$dir/current" 2>&1; cat "$dir/.berth/last-job" 2>&1
# Each group has a share of what one answer may carry (the laptop keeps 16 MiB of it): newest first, so a cut
# loses the oldest.
for id in $(ls -1 "$dir/releases" 2>/dev/null | sort -r); do
    [ -f "$dir/releases/$id/.berth/journal.jsonl" ] || continue
    section "journals/$id.jsonl"; tail -c 500000 "$dir/releases/$id/.berth/journal.jsonl"
done | cap 3000000
section docker/ps.txt; docker ps -a --filter "$f" --format '{{.Names}}\t{{.Image}}\t{{.Status}}\t{{.Ports}}' 2>&1
ids=$(docker ps -aq --filter "$f" 2>/dev/null)
section docker/inspect.json
if [ -n "$ids" ]; then docker inspect $ids 2>&1 | cap 2000000; else echo "[]"; fi
for id in $ids; do
    name=$(docker inspect --format '{{.Name}}' "$id" 2>/dev/null | tr -d '/')
    section "logs/${name:-$id}.log"; docker logs --timestamps --tail "$lines" "$id" 2>&1 | tail -c 250000
done | cap 6000000
if [ -d "$dir/current/" ]; then
    find "$dir/current/" -type f ! -path '*/.berth/answers.yaml' -size -512k 2>/dev/null | sort | while read -r p; do
        section "release/${p#"$dir"/current/}"; cat "$p"
    done | cap 2000000
fi
section server/disk.txt; df -h 2>&1; du -sh "$dir/data" "$dir/releases" "$dir/images" 2>&1
section server/memory.txt; free -m 2>&1; cat /proc/meminfo 2>&1
section server/kernel-oom.txt
{ dmesg -T 2>/dev/null || journalctl -k --no-pager 2>/dev/null; } | grep -iE 'out of memory|killed process|oom-kill' | tail -n 50
section server/docker.txt; docker version 2>&1; docker info 2>&1
section end
