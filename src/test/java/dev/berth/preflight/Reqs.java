package dev.berth.preflight;

import dev.berth.bundle.Requirements;
import java.util.List;
import java.util.Map;

/** Requirement sets used by the tests. */
final class Reqs {
    private Reqs() {}

    /** CoStrict-like: a big x86_64 GPU server with Compose v2 and Elasticsearch's sysctl. */
    static Requirements demanding() {
        return new Requirements(List.of("x86_64"), List.of("ubuntu", "debian", "centos", "rhel", "kylin", "openeuler"),
                16, 32, 32.0, 64.0, 512.0, Requirements.Gpu.REQUIRED, "20.10", "2.0", true,
                List.of("PORT_APISIX_ENTRY", "PORT_MYSQL", "PORT_ES"), Map.of("vm.max_map_count", 262144L), 65536L,
                null);
    }

    static final Map<String, Integer> DEMANDING_PORTS =
            Map.of("PORT_APISIX_ENTRY", 39080, "PORT_MYSQL", 3306, "PORT_ES", 9200);

    /** The demo bundle of docs/bundle-format.md. */
    static Requirements demo() {
        return new Requirements(List.of("x86_64"), List.of("ubuntu", "debian", "centos", "rhel", "kylin", "uos",
                "openeuler"), 2, 4, 2.0, 4.0, 5.0, Requirements.Gpu.NONE, "20.10", "1.29", false,
                List.of("WEB_PORT"), Map.of("vm.max_map_count", 262144L), 65536L, null);
    }

    static Requirements with(java.util.function.UnaryOperator<Builder> edit) {
        return edit.apply(new Builder()).build();
    }

    /** Only what a test sets; everything else absent. */
    static final class Builder {
        List<String> arch;
        List<String> os;
        Integer minCores;
        Integer recCores;
        Double minMem;
        Double recMem;
        Double disk;
        Requirements.Gpu gpu;
        String docker;
        String compose;
        boolean v2;
        List<String> ports;
        Map<String, Long> sysctl;
        Long nofile;

        Builder arch(String... a) { arch = List.of(a); return this; }
        Builder os(String... o) { os = List.of(o); return this; }
        Builder cores(Integer min, Integer rec) { minCores = min; recCores = rec; return this; }
        Builder memory(Double min, Double rec) { minMem = min; recMem = rec; return this; }
        Builder disk(double gib) { disk = gib; return this; }
        Builder gpu(Requirements.Gpu g) { gpu = g; return this; }
        Builder docker(String v) { docker = v; return this; }
        Builder compose(String v, boolean needV2) { compose = v; v2 = needV2; return this; }
        Builder ports(String... p) { ports = List.of(p); return this; }
        Builder sysctl(String k, long v) { sysctl = Map.of(k, v); return this; }
        Builder nofile(long n) { nofile = n; return this; }

        Requirements build() {
            return new Requirements(arch, os, minCores, recCores, minMem, recMem, disk, gpu, docker, compose, v2,
                    ports, sysctl, nofile, null);
        }
    }
}
