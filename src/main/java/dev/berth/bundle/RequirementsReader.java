package dev.berth.bundle;

import dev.berth.bundle.YamlNode.MapNode;
import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and checks {@code requirements:} of bundle.yaml (see {@link Requirements}). */
final class RequirementsReader {
    private final ManifestReader r;

    RequirementsReader(ManifestReader r) {
        this.r = r;
    }

    Requirements read(MapNode m, List<Parameter> params) {
        MapNode q = r.map(m, "requirements", "bundle.yaml");
        if (q == null) {
            return Requirements.none();
        }
        String w = "requirements";
        r.keys(q, w, "arch", "os", "cores", "memoryGiB", "diskGiB", "gpu", "docker", "compose", "composeV2", "ports",
                "sysctl", "nofile", "notes");
        List<String> arch = r.texts(q, "arch", w);
        List<String> os = r.texts(q, "os", w);
        Long minCores = null;
        Long recCores = null;
        MapNode cores = r.map(q, "cores", w);
        if (cores != null) {
            r.keys(cores, w + ".cores", "min", "recommended");
            minCores = r.integer(cores, "min", w + ".cores");
            recCores = r.integer(cores, "recommended", w + ".cores");
        }
        Double minMem = null;
        Double recMem = null;
        MapNode mem = r.map(q, "memoryGiB", w);
        if (mem != null) {
            r.keys(mem, w + ".memoryGiB", "min", "recommended");
            minMem = r.decimal(mem, "min", w + ".memoryGiB");
            recMem = r.decimal(mem, "recommended", w + ".memoryGiB");
        }
        Double minDisk = null;
        MapNode disk = r.map(q, "diskGiB", w);
        if (disk != null) {
            r.keys(disk, w + ".diskGiB", "min");
            minDisk = r.decimal(disk, "min", w + ".diskGiB");
        }
        Requirements.Gpu gpu = null;
        String gpuText = r.text(q, "gpu", w, false);
        if (gpuText != null) {
            try {
                gpu = Requirements.Gpu.valueOf(gpuText.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                r.problem(r.value(q, "gpu").line(), "requirements.gpu 必须是 none、optional 或 required。",
                        "requirements.gpu must be none, optional or required.");
            }
        }
        String docker = r.text(q, "docker", w, false);
        String compose = r.text(q, "compose", w, false);
        Boolean v2 = r.bool(q, "composeV2", w);
        List<String> ports = r.texts(q, "ports", w);
        YamlNode portsNode = r.value(q, "ports");
        for (String port : ports) {
            Parameter p = params.stream().filter(x -> x.name().equals(port)).findFirst().orElse(null);
            if (p == null || p.type() != ParamType.PORT) {
                r.problem(portsNode.line(), "requirements.ports 中的 " + port + (p == null ? " 不是参数。"
                                : " 不是 port 类型的参数。"), "requirements.ports names " + port + (p == null
                                ? ", which is not a parameter." : ", which is not a port parameter."));
            }
        }
        Map<String, Long> sysctl = new LinkedHashMap<>();
        MapNode sys = r.map(q, "sysctl", w);
        if (sys != null) {
            for (YamlNode.Entry e : sys.entries().values()) {
                Long v = r.integer(e.value(), w + ".sysctl." + e.key());
                if (v != null) {
                    sysctl.put(e.key(), v);
                }
            }
        }
        Long nofile = r.integer(q, "nofile", w);
        List<Localized> notes = new ArrayList<>();
        for (YamlNode n : r.list(q, "notes", w)) {
            Localized l = r.localized(n, w + ".notes[]");
            if (l != null) {
                notes.add(l);
            }
        }
        return new Requirements(arch, os, minCores == null ? null : minCores.intValue(),
                recCores == null ? null : recCores.intValue(), minMem, recMem, minDisk, gpu, docker, compose,
                v2 != null && v2, ports, sysctl, nofile, notes);
    }
}
