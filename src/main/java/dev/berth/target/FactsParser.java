package dev.berth.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the probe's output (see probe.sh) into {@link Facts}. Pure: the same text always gives the same facts,
 * so recorded outputs of real servers are test fixtures. Unknown or garbled parts leave their fact empty
 * rather than failing the whole parse.
 */
public final class FactsParser {

    private static final Pattern SECTION = Pattern.compile("^=== (.+) ===$");
    private static final Pattern SS_PROCESS = Pattern.compile("\\(\\(\"([^\"]*)\",(?:pid=)?(\\d+)");
    private static final Pattern VERSION_IN_TEXT = Pattern.compile("v?(\\d+\\.\\d+(?:\\.\\d+)?[^\\s,]*)");
    private static final Pattern PUBLISHED = Pattern.compile(":(\\d+)(?:-(\\d+))?->");

    private FactsParser() {}

    public static Facts parse(String raw) {
        String text = raw == null ? "" : raw.replace("\r\n", "\n");
        Map<String, List<String>> sections = sections(text);
        Map<String, String> probe = kv(sections.get("probe"));
        Facts.Docker docker = docker(sections);
        return new Facts(
                sections.containsKey("end"),
                host(sections),
                access(probe),
                new Facts.Disk(kv(sections.get("disk")).getOrDefault("path", ""),
                        dfAvailableBytes(lines(sections, "df")), kv(sections.get("disk")).getOrDefault("fstype", "")),
                installDir(probe.getOrDefault("install_dir", ""), sections),
                nvidia(sections, docker.runtimes()),
                docker,
                new Facts.Ports(kv(sections.get("ports")).getOrDefault("tool", ""),
                        listeningPorts(lines(sections, "ports-raw")), containers(lines(sections, "containers"))),
                new Facts.Sysctl(kv(sections.get("sysctl"))),
                limits(kv(sections.get("limits")), lines(sections, "daemon-json")),
                tools(kv(sections.get("tools"))),
                text);
    }

    private static Facts.Host host(Map<String, List<String>> sections) {
        Map<String, String> system = kv(sections.get("system"));
        Map<String, Long> mem = meminfo(sections.get("meminfo"));
        return new Facts.Host(
                system.getOrDefault("arch", ""),
                system.getOrDefault("kernel", ""),
                system.getOrDefault("hostname", ""),
                osRelease(lines(sections, "os-release"), lines(sections, "redhat-release")),
                integer(system.get("cores")),
                cpuFlags(system.get("cpu_flags")),
                system.getOrDefault("cpu_model", ""),
                mem.get("MemTotal"),
                mem.get("MemAvailable"),
                mem.get("SwapTotal"));
    }

    private static Facts.Access access(Map<String, String> probe) {
        return new Facts.Access(integer(probe.get("uid")), probe.getOrDefault("user", ""),
                "yes".equals(probe.getOrDefault("sudo", "no")));
    }

    private static Facts.InstallDir installDir(String path, Map<String, List<String>> sections) {
        Map<String, String> installPath = kv(sections.get("install-path"));
        Map<String, String> install = kv(sections.get("install"));
        String currentTarget = install.get("current");
        List<String> releaseJson = lines(sections, "release-json");
        PreviousRelease previous = currentTarget == null || currentTarget.isBlank() ? null
                : new PreviousRelease(currentTarget, releaseJson.isEmpty() ? null : String.join("\n", releaseJson));
        List<String> record = lines(sections, "install-record");
        return new Facts.InstallDir(
                path,
                "yes".equals(install.get("exists")),
                installPath.getOrDefault("existing", ""),
                installPath.getOrDefault("resolved", ""),
                previous,
                new InstallTraces(install.getOrDefault("real_path", ""), "yes".equals(install.get("releases")),
                        record.isEmpty() ? null : String.join("\n", record), dataEntries(install)));
    }

    /** Entries in the install dir's data folder: 0 without one (the install dir exists), -1 when not known. */
    private static int dataEntries(Map<String, String> install) {
        String n = install.get("data_entries");
        if (n == null) {
            return "yes".equals(install.get("exists")) && install.containsKey("releases") ? 0 : -1;
        }
        try {
            return Integer.parseInt(n.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The toolkit also counts as installed when docker already has an nvidia runtime. */
    private static Facts.Nvidia nvidia(Map<String, List<String>> sections, List<String> dockerRuntimes) {
        Map<String, String> gpu = kv(sections.get("gpu"));
        List<Gpu> gpus = new ArrayList<>();
        String smiError = nvidiaSmi(lines(sections, "nvidia-smi"), gpus);
        boolean toolkit = gpu.keySet().stream().anyMatch(k -> k.startsWith("tool.nvidia-container-"))
                || gpu.containsKey("tool.nvidia-ctk") || dockerRuntimes.contains("nvidia");
        return new Facts.Nvidia("yes".equals(gpu.get("nvidia_smi")), smiError, gpus, toolkit);
    }

    private static Facts.Docker docker(Map<String, List<String>> sections) {
        Map<String, String> docker = kv(sections.get("docker"));
        DockerAccess access;
        try {
            access = DockerAccess.valueOf(docker.getOrDefault("access", "missing").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            access = DockerAccess.MISSING;
        }
        String error = docker.getOrDefault("sudo_error", docker.getOrDefault("direct_error", ""));
        return new Facts.Docker(
                access,
                access.reachable() ? docker.getOrDefault("server_version", "") : "",
                access.reachable() ? "" : error,
                words(docker.get("runtimes")),
                docker.getOrDefault("root_dir", ""),
                dfAvailableBytes(lines(sections, "docker-df")),
                composes(kv(sections.get("compose"))),
                images(lines(sections, "images")),
                composeProjects(lines(sections, "compose-projects")),
                imageLayers(lines(sections, "layers")),
                docker.getOrDefault("driver_status", "").contains("io.containerd.snapshotter"));
    }

    private static Facts.Limits limits(Map<String, String> limits, List<String> daemonJson) {
        return new Facts.Limits(limit(limits.get("nofile_soft")), containerNofile(limits, daemonJson),
                nofileSourceName(limits, daemonJson));
    }

    private static Facts.Tools tools(Map<String, String> section) {
        Map<String, Boolean> tools = new LinkedHashMap<>();
        section.forEach((k, v) -> tools.put(k, "yes".equals(v)));
        return new Facts.Tools(tools);
    }

    /** Splits the output at "=== name ===" lines; blank lines around each section's content are dropped. */
    static Map<String, List<String>> sections(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : text.split("\n", -1)) {
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                current = new ArrayList<>();
                out.put(m.group(1).trim(), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        out.replaceAll((k, v) -> trimBlank(v));
        return out;
    }

    private static List<String> trimBlank(List<String> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        return List.copyOf(lines.subList(from, to));
    }

    private static List<String> lines(Map<String, List<String>> sections, String name) {
        return sections.getOrDefault(name, List.of());
    }

    static Map<String, String> kv(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        if (lines == null) {
            return out;
        }
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /** os-release: KEY=value with optional single or double quotes; redhat-release when os-release is absent. */
    static OsRelease osRelease(List<String> osRelease, List<String> redhatRelease) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : osRelease) {
            String l = line.trim();
            int eq = l.indexOf('=');
            if (l.startsWith("#") || eq <= 0) {
                continue;
            }
            fields.put(l.substring(0, eq).trim(), unquote(l.substring(eq + 1).trim()));
        }
        if (fields.isEmpty()) {
            if (redhatRelease.isEmpty() || redhatRelease.get(0).isBlank()) {
                return OsRelease.unknown();
            }
            // "CentOS release 6.10 (Final)", "Red Hat Enterprise Linux Server release 6.9 (Santiago)"
            String line = redhatRelease.get(0).trim();
            String id = line.startsWith("Red Hat") ? "rhel" : line.split("\\s+")[0].toLowerCase(Locale.ROOT);
            Matcher v = Pattern.compile("release\\s+(\\S+)").matcher(line);
            return new OsRelease(id, v.find() ? v.group(1) : "", List.of("rhel"), line, Map.of());
        }
        String pretty = fields.getOrDefault("PRETTY_NAME", fields.getOrDefault("NAME", ""));
        return new OsRelease(fields.getOrDefault("ID", ""), fields.getOrDefault("VERSION_ID", ""),
                words(fields.get("ID_LIKE")), pretty, fields);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replaceAll("\\\\([\"$`\\\\])", "$1");
        }
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static Map<String, Long> meminfo(List<String> lines) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (lines == null) {
            return out;
        }
        for (String line : lines) {
            String[] parts = line.split("[:\\s]+");
            if (parts.length >= 2) {
                Long v = limit(parts[1]);
                if (v != null) {
                    out.put(parts[0], v);
                }
            }
        }
        return out;
    }

    /** df -Pk: the "Available" column (4th) of the last data line, in bytes. */
    static Long dfAvailableBytes(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] cols = lines.get(i).trim().split("\\s+");
            if (cols.length >= 6 && cols[3].matches("\\d+")) {
                return Long.parseLong(cols[3]) * 1024L;
            }
        }
        return null;
    }

    /**
     * nvidia-smi csv lines "0, NVIDIA A100-SXM4-40GB, 40536 MiB, 470.57.02" go into {@code gpus}; anything else
     * is what nvidia-smi said instead (returned, "" when none).
     */
    static String nvidiaSmi(List<String> lines, List<Gpu> gpus) {
        List<String> other = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",\\s*");
            if (f.length >= 4 && f[0].trim().matches("\\d+")) {
                String name = String.join(", ", List.of(f).subList(1, f.length - 2)).trim();
                String mem = f[f.length - 2].trim().replaceAll("[^0-9]", "");
                gpus.add(new Gpu(Integer.parseInt(f[0].trim()), name, mem.isEmpty() ? 0 : Long.parseLong(mem),
                        f[f.length - 1].trim()));
            } else if (!line.isBlank()) {
                other.add(line.trim());
            }
        }
        return gpus.isEmpty() ? String.join(" ", other) : "";
    }

    static List<ComposeInstall> composes(Map<String, String> compose) {
        List<ComposeInstall> out = new ArrayList<>();
        String plugin = versionIn(compose.get("plugin"));
        if (plugin != null) {
            out.add(new ComposeInstall(ComposeVariant.V2_PLUGIN, plugin));
        }
        String standalone = versionIn(compose.get("standalone"));
        if (standalone == null) {
            standalone = versionIn(compose.get("standalone_long"));
        }
        if (standalone != null) {
            out.add(new ComposeInstall(ComposeVariant.standaloneFor(standalone), standalone));
        }
        return out;
    }

    /** "v2.24.5" → "2.24.5"; "docker-compose version 1.29.2, build 5becea4c" → "1.29.2". */
    static String versionIn(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = VERSION_IN_TEXT.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /**
     * ss -ltnp ("LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=1,fd=3))", with or without the State
     * column) or netstat -ltnp ("tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN 1043/sshd").
     */
    static List<ListeningPort> listeningPorts(List<String> lines) {
        List<ListeningPort> out = new ArrayList<>();
        for (String line : lines) {
            String[] t = line.trim().split("\\s+");
            if (t.length < 4) {
                continue;
            }
            String local;
            String process = null;
            Integer pid = null;
            if (t[0].startsWith("tcp")) {
                if (!line.contains("LISTEN")) {
                    continue;
                }
                local = t[3];
                // "1043/sshd", or "5761/sshd: /usr/sbin..." when the program title has spaces; "-" when hidden
                String owner = t.length > 6 ? t[6] : "-";
                int slash = owner.indexOf('/');
                if (slash > 0 && owner.substring(0, slash).matches("\\d+")) {
                    pid = Integer.parseInt(owner.substring(0, slash));
                    process = owner.substring(slash + 1).replaceAll(":$", "");
                }
            } else {
                int i = t[0].equals("LISTEN") ? 1 : 0;
                if (i == 0 && !t[0].matches("\\d+")) {
                    continue; // header or a state other than LISTEN
                }
                if (t.length < i + 4) {
                    continue;
                }
                local = t[i + 2];
                Matcher m = SS_PROCESS.matcher(line);
                if (m.find()) {
                    process = m.group(1);
                    pid = Integer.parseInt(m.group(2));
                }
            }
            int colon = local.lastIndexOf(':');
            if (colon < 0 || !local.substring(colon + 1).matches("\\d+")) {
                continue;
            }
            String address = local.substring(0, colon);
            if (address.startsWith("[") && address.endsWith("]")) {
                address = address.substring(1, address.length() - 1);
            }
            out.add(new ListeningPort(address, Integer.parseInt(local.substring(colon + 1)), process, pid));
        }
        return out;
    }

    /** docker ps -a lines "project\tworking dir". */
    static List<ComposeProjectDir> composeProjects(List<String> lines) {
        List<ComposeProjectDir> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (!f[0].isBlank()) {
                out.add(new ComposeProjectDir(f[0].trim(), f.length > 1 ? f[1].trim() : ""));
            }
        }
        return out;
    }

    /** docker ps lines "name\tproject\t0.0.0.0:8080->80/tcp, :::8080->80/tcp". */
    static List<ContainerPorts> containers(List<String> lines) {
        List<ContainerPorts> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f.length < 3 || f[0].isBlank()) {
                continue;
            }
            Set<Integer> ports = new LinkedHashSet<>();
            Matcher m = PUBLISHED.matcher(f[2]);
            while (m.find()) {
                int from = Integer.parseInt(m.group(1));
                int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
                for (int p = from; p <= to && p - from < 1024; p++) {
                    ports.add(p);
                }
            }
            out.add(new ContainerPorts(f[0].trim(), f[1].trim(), new ArrayList<>(ports)));
        }
        return out;
    }

    /** "id diffID diffID …" per line; a line of an image without layers (none exist) is kept with none. */
    private static Map<String, List<String>> imageLayers(List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : lines) {
            List<String> f = words(line);
            if (!f.isEmpty() && f.get(0).startsWith("sha256:")) {
                out.put(f.get(0), List.copyOf(f.subList(1, f.size())));
            }
        }
        return out;
    }

    private static Map<String, String> images(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && !f[0].contains("<none>")) {
                out.put(f[0], f[1]);
            }
        }
        return out;
    }

    private static Set<String> cpuFlags(String flags) {
        Set<String> out = new LinkedHashSet<>();
        for (String f : words(flags)) {
            out.add(f.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(text.trim().split("\\s+"));
    }

    private static Integer integer(String v) {
        try {
            return v == null ? null : Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A limit as tools print it; "unlimited"/"infinity" become Long.MAX_VALUE. */
    static Long limit(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        String t = v.trim();
        if (t.equals("unlimited") || t.equals("infinity")) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.valueOf(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // Containers get daemon.json's default-ulimits when set; otherwise they inherit the limit of the process
    // that starts them: containerd for Docker 1.11+, dockerd when no containerd is visible.
    private static final List<String> NOFILE_SOURCES =
            List.of("containerd", "docker-containerd-current", "dockerd", "dockerd-current", "docker_unit_nofile");

    private static Long containerNofile(Map<String, String> limits, List<String> daemonJson) {
        Long fromJson = daemonJsonNofile(daemonJson);
        if (fromJson != null) {
            return fromJson;
        }
        for (String source : NOFILE_SOURCES) {
            Long v = limit(limits.get(source));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String nofileSourceName(Map<String, String> limits, List<String> daemonJson) {
        if (daemonJsonNofile(daemonJson) != null) {
            return "daemon.json default-ulimits";
        }
        for (String source : NOFILE_SOURCES) {
            if (limit(limits.get(source)) != null) {
                return source;
            }
        }
        return "";
    }

    private static Long daemonJsonNofile(List<String> daemonJson) {
        if (daemonJson.isEmpty()) {
            return null;
        }
        try {
            JsonNode soft = new ObjectMapper().readTree(String.join("\n", daemonJson))
                    .path("default-ulimits").path("nofile").path("Soft");
            return soft.canConvertToLong() ? soft.asLong() : null;
        } catch (Exception e) {
            return null; // a hand-edited daemon.json that docker itself would reject: not our fact to judge
        }
    }
}
