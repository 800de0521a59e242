# shellcheck shell=bash
# Berth probe: collects every fact Berth needs about this server in one run, read by bash from stdin
# (bash -s -- INSTALL_DIR [SYSCTL_KEY...]). It prints "=== name ===" sections of key=value lines or raw command
# output; dev.berth.target.FactsParser reads them. It must run on bash 4.2 with old coreutils (CentOS 7) as well
# as on current distros, so: no bash 4.3+ features, every tool behind a `command -v` guard, every docker call
# bounded by `timeout` when present. A missing tool only leaves its section empty; the probe never stops early.
set +e
export LC_ALL=C
PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
INSTALL_DIR="${1:-}"
[ $# -gt 0 ] && shift
EXTRA_SYSCTL="$*"

have() { command -v "$1" >/dev/null 2>&1; }
# The line of a docker error that says why: skips blank lines and unrelated warnings (config file, etc.).
first_error() { grep -v -e '^[[:space:]]*$' -e '^WARNING' | tail -n 1; }
section() { printf '\n=== %s ===\n' "$1"; }
kv() { printf '%s=%s\n' "$1" "$(printf '%s' "$2" | tr '\n' ' ')"; }
# A hung docker daemon or a stale NFS mount must not hang the probe.
limited() { if have timeout; then timeout 20 "$@"; else "$@"; fi; }

section probe
kv format 1
kv install_dir "$INSTALL_DIR"
UID_NOW=$(id -u 2>/dev/null)
kv uid "$UID_NOW"
kv user "$(id -un 2>/dev/null || whoami 2>/dev/null)"
SUDO_OK=no
if [ "$UID_NOW" = 0 ]; then
    SUDO_OK=root
elif have sudo && limited sudo -n true >/dev/null 2>&1; then
    SUDO_OK=yes
fi
kv sudo "$SUDO_OK"
# Root's view where it is free (sudo without a password): other users' processes, root-only files.
as_root() { if [ "$SUDO_OK" = yes ]; then limited sudo -n "$@"; else limited "$@"; fi; }

section system
kv arch "$(uname -m 2>/dev/null)"
kv kernel "$(uname -r 2>/dev/null)"
kv hostname "$(hostname 2>/dev/null || uname -n 2>/dev/null)"
CORES=$(nproc 2>/dev/null)
[ -z "$CORES" ] && CORES=$(grep -c '^processor' /proc/cpuinfo 2>/dev/null)
kv cores "$CORES"
# x86 lists "flags", ARM lists "Features".
kv cpu_flags "$(grep -m1 -E '^(flags|Features)[[:space:]]*:' /proc/cpuinfo 2>/dev/null | cut -d: -f2-)"
kv cpu_model "$(grep -m1 -E '^model name[[:space:]]*:' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"

section os-release
if [ -r /etc/os-release ]; then
    cat /etc/os-release 2>/dev/null
elif [ -r /usr/lib/os-release ]; then
    cat /usr/lib/os-release 2>/dev/null
fi

section redhat-release
cat /etc/redhat-release 2>/dev/null

section meminfo
grep -E '^(MemTotal|MemFree|MemAvailable|SwapTotal|SwapFree):' /proc/meminfo 2>/dev/null

# Free space where the install directory is or will be: its nearest existing ancestor.
section disk
D="$INSTALL_DIR"
[ -z "$D" ] && D=/
case "$D" in /*) ;; *) D="$HOME/$D" ;; esac
while [ ! -e "$D" ] && [ "$D" != "/" ] && [ -n "$D" ]; do D=$(dirname "$D"); done
kv path "$D"
# Its filesystem (stat's names: ext2/ext3, xfs, nfs, cifs, smb2, msdos, fuseblk...): databases do not belong on some.
kv fstype "$(stat -f -c %T "$D" 2>/dev/null)"
section df
limited df -Pk "$D" 2>/dev/null

# Where the part of the install dir that exists really is: a symbolic link (even a dangling one) anywhere in it
# would put the deployment somewhere the operator did not type. Judged on the laptop before anything is written.
section install-path
case "$INSTALL_DIR" in
/*)
    E="$INSTALL_DIR"
    while [ ! -e "$E" ] && [ ! -L "$E" ] && [ "$E" != "/" ]; do E=$(dirname "$E"); done
    R=$(readlink -f -- "$E" 2>/dev/null) || R=$(as_root readlink -f -- "$E" 2>/dev/null) || R=""
    kv existing "$E"
    kv resolved "$R"
    ;;
esac

section install
if [ -n "$INSTALL_DIR" ] && [ -d "$INSTALL_DIR" ]; then kv exists yes; else kv exists no; fi
if [ -n "$INSTALL_DIR" ] && [ -L "$INSTALL_DIR/current" ]; then
    kv current "$(readlink "$INSTALL_DIR/current" 2>/dev/null)"
fi
if [ -n "$INSTALL_DIR" ] && [ -d "$INSTALL_DIR" ]; then
    # Who this install is on the server: its real path (compose may record it resolved) and whether it has releases.
    kv real_path "$(cd "$INSTALL_DIR" 2>/dev/null && pwd -P)"
    if [ -n "$(ls -A "$INSTALL_DIR/releases" 2>/dev/null)" ]; then kv releases yes; else kv releases no; fi
    # Entries in the data folder: on a first install, files there come from an earlier attempt (a database refuses
    # to initialise a folder that holds files). It may be root's only.
    if [ -d "$INSTALL_DIR/data" ]; then
        if L=$(ls -A "$INSTALL_DIR/data" 2>/dev/null) || L=$(as_root ls -A "$INSTALL_DIR/data" 2>/dev/null); then
            kv data_entries "$(printf '%s' "$L" | grep -c .)"
        fi
    fi
fi
section release-json
if [ -n "$INSTALL_DIR" ] && [ -e "$INSTALL_DIR/current/.berth/release.json" ]; then
    as_root head -c 65536 "$INSTALL_DIR/current/.berth/release.json" 2>/dev/null
fi
# The compose project recorded on this install's first deploy (dev.berth.target.InstallProject).
section install-record
if [ -n "$INSTALL_DIR" ] && [ -e "$INSTALL_DIR/.berth/install.json" ]; then
    as_root head -c 65536 "$INSTALL_DIR/.berth/install.json" 2>/dev/null
fi

section gpu
if have nvidia-smi; then
    kv nvidia_smi yes
    GPU_OUT=$(limited nvidia-smi --query-gpu=index,name,memory.total,driver_version --format=csv,noheader 2>&1)
    kv nvidia_smi_rc "$?"
else
    kv nvidia_smi no
    GPU_OUT=""
fi
for t in nvidia-container-cli nvidia-ctk nvidia-container-runtime nvidia-container-toolkit nvidia-docker; do
    have "$t" && kv "tool.$t" "$(command -v "$t")"
done
section nvidia-smi
[ -n "$GPU_OUT" ] && printf '%s\n' "$GPU_OUT"

section docker
DOCKER_VIA=""
if have docker; then
    kv cli "$(command -v docker)"
    # server_via WAY [sudo -n]: asks the daemon for its version as this login (direct) or through sudo; on an answer
    # records the way that works, otherwise the first error line as WAY_error.
    server_via() {
        local way=$1 out
        shift
        if out=$(limited "$@" docker version --format '{{.Server.Version}}' 2>&1) && [ -n "$out" ]; then
            DOCKER_VIA=$way
            kv server_version "$out"
        else
            kv "${way}_error" "$(printf '%s\n' "$out" | first_error)"
            return 1
        fi
    }
    server_via direct || { [ "$SUDO_OK" = yes ] && server_via sudo sudo -n; }
    kv access "${DOCKER_VIA:-unreachable}"
    kv client_version "$(limited docker version --format '{{.Client.Version}}' 2>/dev/null | head -n 1)"
else
    kv access missing
fi
as_docker() {
    if [ "$DOCKER_VIA" = sudo ]; then limited sudo -n docker "$@"; else limited docker "$@"; fi
}
if [ -n "$DOCKER_VIA" ]; then
    as_docker info --format 'runtimes={{range $k, $v := .Runtimes}}{{$k}} {{end}}{{println}}default_runtime={{.DefaultRuntime}}{{println}}root_dir={{.DockerRootDir}}{{println}}driver={{.Driver}}{{println}}driver_status={{range .DriverStatus}}{{index . 0}}:{{index . 1}};{{end}}' 2>/dev/null
fi

# Images land under Docker's root directory, often another filesystem than the install directory.
section docker-df
if [ -n "$DOCKER_VIA" ]; then
    ROOT_DIR=$(as_docker info --format '{{.DockerRootDir}}' 2>/dev/null)
    [ -n "$ROOT_DIR" ] && as_root df -Pk "$ROOT_DIR" 2>/dev/null
fi

section compose
if have docker; then
    OUT=$(limited docker compose version --short 2>/dev/null)
    RC=$?
    if [ "$RC" != 0 ] || [ -z "$OUT" ]; then
        # Early v2 plugins have no --short; docker without the plugin fails here too.
        OUT=$(limited docker compose version 2>/dev/null | head -n 1)
        RC=$?
        case "$OUT" in *[Cc]ompose*) ;; *) OUT="" ;; esac
    fi
    [ -n "$OUT" ] && kv plugin "$OUT"
fi
if have docker-compose; then
    kv standalone_path "$(command -v docker-compose)"
    OUT=$(limited docker-compose version --short 2>/dev/null | head -n 1)
    [ -n "$OUT" ] && kv standalone "$OUT"
    kv standalone_long "$(limited docker-compose --version 2>/dev/null | head -n 1)"
fi

section ports
if have ss; then
    kv tool ss
    PORTS_OUT=$(as_root ss -ltnp 2>/dev/null)
fi
if [ -z "$PORTS_OUT" ] && have netstat; then
    kv tool netstat
    PORTS_OUT=$(as_root netstat -ltnp 2>/dev/null)
fi
section ports-raw
[ -n "$PORTS_OUT" ] && printf '%s\n' "$PORTS_OUT"

# Published ports of running containers with their compose project: a port held by docker-proxy for this
# bundle's own previous deployment is not a conflict.
section containers
if [ -n "$DOCKER_VIA" ]; then
    as_docker ps --format '{{.Names}}	{{.Label "com.docker.compose.project"}}	{{.Ports}}' 2>/dev/null
fi

# Every compose project with the folder it was started from, stopped containers included: a project name another
# install's containers carry must not be used here (compose would recreate or remove them).
section compose-projects
if [ -n "$DOCKER_VIA" ]; then
    as_docker ps -a --filter label=com.docker.compose.project \
        --format '{{.Label "com.docker.compose.project"}}	{{.Label "com.docker.compose.project.working_dir"}}' 2>/dev/null \
        | sort -u | head -n 2000
fi

section sysctl
for k in vm.max_map_count net.ipv4.ip_forward fs.file-max fs.nr_open vm.overcommit_memory vm.swappiness \
         net.core.somaxconn fs.inotify.max_user_watches fs.inotify.max_user_instances $EXTRA_SYSCTL; do
    case "$k" in *[!A-Za-z0-9._-]*|'') continue ;; esac
    f="/proc/sys/$(printf '%s' "$k" | tr . /)"
    [ -r "$f" ] && kv "$k" "$(tr '\t' ' ' < "$f" 2>/dev/null)"
done

section limits
kv nofile_soft "$(ulimit -n 2>/dev/null)"
kv nofile_hard "$(ulimit -Hn 2>/dev/null)"
if have systemctl; then
    kv docker_unit_nofile "$(limited systemctl show docker -p LimitNOFILE 2>/dev/null | cut -d= -f2)"
fi
# Containers inherit the limits of the daemon that starts them (containerd for current Docker).
for d in dockerd dockerd-current containerd docker-containerd-current; do
    P=$(pidof "$d" 2>/dev/null | awk '{print $1}')
    [ -n "$P" ] && kv "$d" "$(awk '/^Max open files/ {print $4}' "/proc/$P/limits" 2>/dev/null)"
done
section daemon-json
[ -e /etc/docker/daemon.json ] && as_root head -c 65536 /etc/docker/daemon.json 2>/dev/null

section images
if [ -n "$DOCKER_VIA" ]; then
    as_docker images --no-trunc --format '{{.Repository}}:{{.Tag}} {{.ID}}' 2>/dev/null
fi

# Each image's layers (diffIDs, base first): Berth sends only the layers whose chain the server lacks, since
# docker load skips a layer whose chain exists without opening its file.
section layers
if [ -n "$DOCKER_VIA" ]; then
    IDS=$(as_docker images -q --no-trunc 2>/dev/null | sort -u)
    # shellcheck disable=SC2086 # one argument per image ID
    [ -n "$IDS" ] && as_docker image inspect --format '{{.Id}}{{range .RootFS.Layers}} {{.}}{{end}}' $IDS 2>/dev/null
fi

section tools
for t in curl wget flock setsid sha256sum timeout tar gzip zstd systemctl nohup; do
    if have "$t"; then kv "$t" yes; else kv "$t" no; fi
done

section end
exit 0
