package dev.berth.bundle;

import dev.berth.text.Localized;
import java.util.List;
import java.util.Map;

/**
 * What a bundle needs from its target, as declared in {@code bundle.yaml} under {@code requirements:}. Every
 * field is optional; an absent one is not checked. Preflight turns these into checks against the probed facts.
 *
 * @param arch          accepted architectures as {@code uname -m} prints them (x86_64, aarch64); empty = any
 * @param osFamilies    accepted os-release ids, matched against ID and ID_LIKE (ubuntu, debian, rhel, centos, ...)
 * @param minCores      fail below
 * @param recommendedCores warn below
 * @param minMemoryGiB  fail below (compared with slack against MemTotal)
 * @param recommendedMemoryGiB warn below
 * @param minDiskGiB    free space under the install directory; fail below
 * @param gpu           none, optional or required
 * @param minDocker     lowest Docker server version, e.g. "20.10"
 * @param minCompose    lowest Compose version of whichever variant is present, e.g. "1.29"
 * @param composeV2     true when the compose file needs Compose v2 (plugin or standalone)
 * @param portParams    names of parameters whose values are host ports that must be free
 * @param sysctl        kernel settings with their minimum value (vm.max_map_count: 262144)
 * @param minNofile     lowest open-files limit for the Docker daemon's containers
 * @param notes         extra advice shown with the checks (swap, etc.)
 */
public record Requirements(
        List<String> arch,
        List<String> osFamilies,
        Integer minCores,
        Integer recommendedCores,
        Double minMemoryGiB,
        Double recommendedMemoryGiB,
        Double minDiskGiB,
        Gpu gpu,
        String minDocker,
        String minCompose,
        boolean composeV2,
        List<String> portParams,
        Map<String, Long> sysctl,
        Long minNofile,
        List<Localized> notes) {

    public enum Gpu { NONE, OPTIONAL, REQUIRED }

    public Requirements {
        arch = arch == null ? List.of() : List.copyOf(arch);
        osFamilies = osFamilies == null ? List.of() : List.copyOf(osFamilies);
        gpu = gpu == null ? Gpu.NONE : gpu;
        portParams = portParams == null ? List.of() : List.copyOf(portParams);
        sysctl = sysctl == null ? Map.of() : Map.copyOf(sysctl);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public static Requirements none() {
        return new Requirements(null, null, null, null, null, null, null, null, null, null, false, null, null, null,
                null);
    }
}
