# shellcheck shell=bash
# Berth status collector: one round trip gives every container of the project, the HTTP probes of the live
# release and (optionally) CPU/memory. Args: INSTALL_DIR PROJECT WITH_STATS(0/1). Runs as root (sudo -n) or a
# user that can reach docker. Output: "=== section" headers followed by that section's raw output.
dir=$1; project=$2; stats=${3:-0}
# The server knows its compose project; the laptop need not: the install's record (written on its first deploy),
# else the live release's, else that of the last job's release (a first deploy that failed, by an older Berth).
project_in() { sed -n 's/.*"project" *: *"\([^"]*\)".*/\1/p' "$1" 2>/dev/null | head -n 1; }
[ -n "$project" ] || project=$(project_in "$dir/.berth/install.json")
[ -n "$project" ] || project=$(project_in "$dir/current/.berth/release.json")
[ -n "$project" ] || project=$(project_in "$dir/releases/$(cat "$dir/.berth/last-job" 2>/dev/null)/.berth/release.json")
echo "=== project"
echo "$project"
echo "=== current"
readlink "$dir/current" 2>/dev/null
echo "=== last-job"
cat "$dir/.berth/last-job" 2>/dev/null
echo "=== inspect"
ids=""
[ -n "$project" ] && ids=$(docker ps -a -q --filter "label=com.docker.compose.project=$project" 2>/dev/null)
if [ -n "$ids" ]; then docker inspect $ids 2>/dev/null; else echo "[]"; fi
if [ "$stats" = 1 ] && [ -n "$ids" ]; then
    echo "=== stats"
    docker stats --no-stream --format '{{.ID}} {{.CPUPerc}} {{.MemUsage}}' $ids 2>/dev/null
fi
if [ "$stats" = 1 ]; then
    # What the deployment takes (KiB; du bounded: a huge data folder answers "?" rather than slow the refresh) and
    # what is left where it lives and where Docker keeps images and containers: "name KiB" and df -Pk lines.
    echo "=== disk"
    for part in data releases images; do
        if [ -d "$dir/$part" ]; then
            printf '%s %s\n' "$part" "$(timeout 3 du -sk "$dir/$part" 2>/dev/null | cut -f1 || true)"
        fi
    done
    root=$(docker info --format '{{.DockerRootDir}}' 2>/dev/null)
    printf 'docker-root %s\n' "$root"
    df -Pk "$dir" 2>/dev/null | tail -n 1 | sed 's/^/install-df /'
    [ -n "$root" ] && df -Pk "$root" 2>/dev/null | tail -n 1 | sed 's/^/docker-df /'
fi
probes="$dir/current/.berth/probes.tsv"
if [ -f "$probes" ]; then
    while IFS="$(printf '\t')" read -r name url want contains; do
        [ -n "$name" ] || continue
        body=$(mktemp 2>/dev/null || echo "/tmp/berth-probe.$$")
        if command -v curl >/dev/null 2>&1; then
            code=$(curl -s -o "$body" -w '%{http_code}' --max-time 5 "$url" 2>/dev/null)
        elif command -v wget >/dev/null 2>&1; then
            code=$(wget -S -q -O "$body" -T 5 -t 1 "$url" 2>&1 | awk '/^  HTTP\//{c=$2} END{print c}')
        else
            code=""
        fi
        found=0
        if [ -n "$contains" ] && grep -qF -- "$contains" "$body" 2>/dev/null; then found=1; fi
        rm -f "$body"
        printf '=== probe\n%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$url" "$want" "${code:-000}" "$found" "$contains"
    done < "$probes"
fi
echo "=== end"
