package dev.berth.target;

import dev.berth.ssh.Privilege;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one probe learned about a target, one part per group of probe sections (see probe.sh). Built only by
 * {@link FactsParser} from the probe's output, which is kept in {@link #raw()} so a report can be explained and
 * judged again offline. A fact the probe could not learn is null (numbers) or empty (text, lists). A new probe
 * field goes into the one part its section belongs to.
 *
 * @param complete the output reached the probe's last section (false: cut short)
 */
public record Facts(
        boolean complete,
        Host host,
        Access access,
        Disk disk,
        InstallDir installDir,
        Nvidia nvidia,
        Docker docker,
        Ports ports,
        Sysctl sysctl,
        Limits limits,
        Tools tools,
        String raw) {

    /**
     * The machine: sections system, os-release / redhat-release and meminfo.
     *
     * @param cpuFlags lower-cased /proc/cpuinfo flags (avx, avx2, avx512f ...)
     */
    public record Host(String arch, String kernel, String hostname, OsRelease os, Integer cores, Set<String> cpuFlags,
            String cpuModel, Long memTotalKiB, Long memAvailableKiB, Long swapTotalKiB) {
        public Host {
            cpuFlags = Set.copyOf(cpuFlags);
        }

        public boolean hasCpuFlag(String flag) {
            return cpuFlags.contains(flag);
        }
    }

    /**
     * Who the login is: section probe.
     *
     * @param sudoWorks {@code sudo -n true} succeeded (false for root, which needs none)
     */
    public record Access(Integer uid, String user, boolean sudoWorks) {
        public boolean isRoot() {
            return uid != null && uid == 0;
        }

        /** How commands needing root must run for this login. */
        public Privilege privilege() {
            return isRoot() ? Privilege.NONE : Privilege.SUDO;
        }
    }

    /**
     * Room for the install directory: sections disk and df.
     *
     * @param path      the existing directory whose filesystem was measured for the install directory
     * @param freeBytes free bytes there for an unprivileged writer (df "Available")
     * @param fsType    its filesystem as {@code stat -f -c %T} names it ("" when unknown)
     */
    public record Disk(String path, Long freeBytes, String fsType) {
        public Disk {
            fsType = fsType == null ? "" : fsType;
        }

        public Disk(String path, Long freeBytes) {
            this(path, freeBytes, "");
        }
    }

    /**
     * The install directory and Berth's traces in it: its path from section probe, sections install-path,
     * install, release-json and install-record.
     *
     * @param path            the install directory the probe was asked about
     * @param existingPart    the install directory or its nearest ancestor that exists (or is a link), as typed
     * @param resolvedPart    that path with every symbolic link resolved ({@code readlink -f}), or "" when unknown
     * @param previousRelease the live Berth release, or null
     * @param traces          Berth's traces in the install dir (its record, releases, real path)
     */
    public record InstallDir(String path, boolean exists, String existingPart, String resolvedPart,
            PreviousRelease previousRelease, InstallTraces traces) {
        public InstallDir {
            traces = traces == null ? InstallTraces.none() : traces;
        }

        /**
         * Where the existing part of the install directory really is, when a symbolic link in it leads elsewhere;
         * empty when it is where it was typed, or when the probe could not tell (older outputs).
         */
        public Optional<String> leadsElsewhere() {
            if (existingPart.isEmpty() || resolvedPart.isEmpty()) {
                return Optional.empty();
            }
            return existingPart.equals(resolvedPart) ? Optional.empty() : Optional.of(resolvedPart);
        }
    }

    /**
     * NVIDIA GPUs: sections gpu and nvidia-smi.
     *
     * @param smiPresent the nvidia-smi command exists (the driver is installed)
     * @param smiError   what nvidia-smi said instead of a GPU list ("No devices were found"), or ""
     * @param toolkit    the NVIDIA container toolkit is installed or docker has an nvidia runtime
     */
    public record Nvidia(boolean smiPresent, String smiError, List<Gpu> gpus, boolean toolkit) {
        public Nvidia {
            gpus = List.copyOf(gpus);
        }
    }

    /**
     * The Docker engine and what runs on it: sections docker, docker-df, compose, images and compose-projects.
     *
     * @param version         the Docker server version, or "" when unreachable
     * @param error           why the daemon did not answer, first line, or ""
     * @param rootFreeBytes   free bytes under Docker's root directory, where images are loaded
     * @param composes        every Compose found; {@link #compose()} picks the one Berth uses
     * @param images          "repository:tag" → image id ("sha256:...")
     * @param composeProjects every compose project on the server with the folders its containers came from
     * @param imageLayers     image id → its layers' diffIDs, base first (section layers)
     * @param containerdStore the engine keeps images in containerd's store, where docker load needs every layer
     */
    public record Docker(DockerAccess access, String version, String error, List<String> runtimes, String rootDir,
            Long rootFreeBytes, List<ComposeInstall> composes, Map<String, String> images,
            List<ComposeProjectDir> composeProjects, Map<String, List<String>> imageLayers, boolean containerdStore) {
        public Docker {
            runtimes = List.copyOf(runtimes);
            composes = List.copyOf(composes);
            images = Map.copyOf(images);
            composeProjects = composeProjects == null ? List.of() : List.copyOf(composeProjects);
            imageLayers = imageLayers == null ? Map.of() : Map.copyOf(imageLayers);
        }

        /**
         * The Compose Berth will use: the plugin when present (it ships with current Docker), else the newest
         * standalone binary.
         */
        public Optional<ComposeInstall> compose() {
            return composes.stream()
                    .max(Comparator.comparing((ComposeInstall c) -> c.variant() == ComposeVariant.V2_PLUGIN)
                            .thenComparing(ComposeInstall::parsedVersion));
        }
    }

    /**
     * Who holds which TCP port: sections ports, ports-raw and containers.
     *
     * @param tool       "ss", "netstat" or "" (no way to list ports)
     * @param containers running containers with the host ports they publish
     */
    public record Ports(String tool, List<ListeningPort> listening, List<ContainerPorts> containers) {
        public Ports {
            listening = List.copyOf(listening);
            containers = List.copyOf(containers);
        }

        /** Listening sockets on this port, any address. */
        public List<ListeningPort> listenersOn(int port) {
            return listening.stream().filter(p -> p.port() == port).toList();
        }

        /** Running containers publishing this host port. */
        public List<ContainerPorts> containersPublishing(int port) {
            return containers.stream().filter(c -> c.hostPorts().contains(port)).toList();
        }
    }

    /**
     * Kernel settings: section sysctl.
     *
     * @param values kernel settings by dotted name, values as printed
     */
    public record Sysctl(Map<String, String> values) {
        public Sysctl {
            values = Map.copyOf(values);
        }

        /** The numeric value of a sysctl, or empty when absent or not a single number. */
        public Optional<Long> number(String key) {
            String v = values.get(key);
            if (v == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * Open-files limits: sections limits and daemon-json.
     *
     * @param nofileSoft            the login shell's soft open-files limit
     * @param containerNofile       the open-files limit containers get, as far as visible (Long.MAX_VALUE = unlimited)
     * @param containerNofileSource where {@code containerNofile} came from ("daemon.json", "containerd", "dockerd"...)
     */
    public record Limits(Long nofileSoft, Long containerNofile, String containerNofileSource) {}

    /**
     * Commands Berth's job relies on: section tools.
     *
     * @param present tool name → present
     */
    public record Tools(Map<String, Boolean> present) {
        public Tools {
            present = Map.copyOf(present);
        }

        public boolean has(String name) {
            return present.getOrDefault(name, false);
        }
    }
}
