package dev.berth.target;

import dev.berth.ssh.Privilege;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one probe learned about a target. Built only by {@link FactsParser} from the probe's output, which is
 * kept in {@link #raw()} so a report can be explained and judged again offline. A fact the probe could not
 * learn is null (numbers) or empty (text, lists).
 *
 * @param complete            the output reached the probe's last section (false: cut short)
 * @param cpuFlags            lower-cased /proc/cpuinfo flags (avx, avx2, avx512f ...)
 * @param diskPath            the existing directory whose filesystem was measured for the install directory
 * @param diskFreeBytes       free bytes there for an unprivileged writer (df "Available")
 * @param installDirExisting  the install directory or its nearest ancestor that exists (or is a link), as typed
 * @param installDirResolved  that path with every symbolic link resolved ({@code readlink -f}), or "" when unknown
 * @param dockerRootFreeBytes free bytes under Docker's root directory, where images are loaded
 * @param nvidiaSmiPresent    the nvidia-smi command exists (the driver is installed)
 * @param nvidiaSmiError      what nvidia-smi said instead of a GPU list ("No devices were found"), or ""
 * @param gpuToolkit          the NVIDIA container toolkit is installed or docker has an nvidia runtime
 * @param dockerVersion       the Docker server version, or "" when unreachable
 * @param dockerError         why the daemon did not answer, first line, or ""
 * @param composes            every Compose found; {@link #compose()} picks the one Berth uses
 * @param portTool            "ss", "netstat" or "" (no way to list ports)
 * @param sysctl              kernel settings by dotted name, values as printed
 * @param nofileSoft          the login shell's soft open-files limit
 * @param containerNofile     the open-files limit containers get, as far as visible (Long.MAX_VALUE = unlimited)
 * @param containerNofileSource where {@code containerNofile} came from ("daemon.json", "containerd", "dockerd"...)
 * @param images              "repository:tag" → image id ("sha256:...")
 * @param sudoWorks           {@code sudo -n true} succeeded (false for root, which needs none)
 * @param tools               tool name → present
 * @param previousRelease     the live Berth release, or null
 * @param install             Berth's traces in the install dir (its record, releases, real path)
 * @param composeProjects     every compose project on the server with the folders its containers came from
 */
public record Facts(
        boolean complete,
        String arch,
        String kernel,
        String hostname,
        OsRelease os,
        Integer cores,
        Set<String> cpuFlags,
        String cpuModel,
        Long memTotalKiB,
        Long memAvailableKiB,
        Long swapTotalKiB,
        String diskPath,
        Long diskFreeBytes,
        String installDirExisting,
        String installDirResolved,
        String dockerRootDir,
        Long dockerRootFreeBytes,
        boolean nvidiaSmiPresent,
        String nvidiaSmiError,
        List<Gpu> gpus,
        boolean gpuToolkit,
        List<String> dockerRuntimes,
        DockerAccess dockerAccess,
        String dockerVersion,
        String dockerError,
        List<ComposeInstall> composes,
        String portTool,
        List<ListeningPort> listeningPorts,
        List<ContainerPorts> containers,
        Map<String, String> sysctl,
        Long nofileSoft,
        Long containerNofile,
        String containerNofileSource,
        Map<String, String> images,
        Integer uid,
        String user,
        boolean sudoWorks,
        Map<String, Boolean> tools,
        String installDir,
        boolean installDirExists,
        PreviousRelease previousRelease,
        InstallTraces install,
        List<ComposeProjectDir> composeProjects,
        String raw) {

    public Facts {
        cpuFlags = Set.copyOf(cpuFlags);
        gpus = List.copyOf(gpus);
        dockerRuntimes = List.copyOf(dockerRuntimes);
        composes = List.copyOf(composes);
        listeningPorts = List.copyOf(listeningPorts);
        containers = List.copyOf(containers);
        sysctl = Map.copyOf(sysctl);
        images = Map.copyOf(images);
        tools = Map.copyOf(tools);
        install = install == null ? InstallTraces.none() : install;
        composeProjects = composeProjects == null ? List.of() : List.copyOf(composeProjects);
    }

    /**
     * Where the existing part of the install directory ({@link #installDirExisting}) really is, when a symbolic link
     * in it leads elsewhere; empty when it is where it was typed, or when the probe could not tell (older outputs).
     */
    public Optional<String> installDirLeadsElsewhere() {
        if (installDirExisting.isEmpty() || installDirResolved.isEmpty()) {
            return Optional.empty();
        }
        return installDirExisting.equals(installDirResolved) ? Optional.empty() : Optional.of(installDirResolved);
    }

    public boolean isRoot() {
        return uid != null && uid == 0;
    }

    /** How commands needing root must run for this login. */
    public Privilege privilege() {
        return isRoot() ? Privilege.NONE : Privilege.SUDO;
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

    public boolean hasTool(String name) {
        return tools.getOrDefault(name, false);
    }

    /** Listening sockets on this port, any address. */
    public List<ListeningPort> listenersOn(int port) {
        return listeningPorts.stream().filter(p -> p.port() == port).toList();
    }

    /** Running containers publishing this host port. */
    public List<ContainerPorts> containersPublishing(int port) {
        return containers.stream().filter(c -> c.hostPorts().contains(port)).toList();
    }

    public boolean hasCpuFlag(String flag) {
        return cpuFlags.contains(flag);
    }

    /** The numeric value of a sysctl, or empty when absent or not a single number. */
    public Optional<Long> sysctlNumber(String key) {
        String v = sysctl.get(key);
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
