package dev.berth.status;

import dev.berth.text.ByteSize;
import dev.berth.text.Localized;

/**
 * The room a deployment takes and what is left, from status.sh's disk section: the install dir's data, releases
 * and tarballs (null when not measured in time), and the free and total bytes of the install dir's filesystem and
 * of Docker's data root (images, containers, volumes), -1 when unknown.
 */
public record DiskUsage(Long dataBytes, Long releasesBytes, Long imagesBytes, String dockerRoot, long installFree,
                        long installTotal, long dockerFree, long dockerTotal, boolean sameFilesystem) {
    /** Below this much free, or a tenth of the filesystem, the operator is warned. */
    static final long LOW_BYTES = 5L << 30;

    static DiskUsage parse(String section) {
        Long data = null;
        Long releases = null;
        Long images = null;
        String root = "";
        long[] install = {-1, -1};
        long[] docker = {-1, -1};
        String installDevice = "";
        String dockerDevice = "";
        for (String line : section.split("\n")) {
            String[] w = line.trim().split("\\s+");
            switch (w[0]) {
                case "data" -> data = kib(w);
                case "releases" -> releases = kib(w);
                case "images" -> images = kib(w);
                case "docker-root" -> root = w.length > 1 ? line.trim().substring("docker-root ".length()) : "";
                case "install-df" -> installDevice = df(w, install);
                case "docker-df" -> dockerDevice = df(w, docker);
                default -> { }
            }
        }
        return new DiskUsage(data, releases, images, root, install[1], install[0], docker[1], docker[0],
                !installDevice.isEmpty() && installDevice.equals(dockerDevice));
    }

    private static Long kib(String[] w) {
        try {
            return w.length > 1 ? Long.parseLong(w[1]) * 1024 : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "install-df /dev/vda 264212084 24804268 81586644 24% /": total and available into {@code out}; the device. */
    private static String df(String[] w, long[] out) {
        try {
            if (w.length >= 5) {
                out[0] = Long.parseLong(w[2]) * 1024;
                out[1] = Long.parseLong(w[4]) * 1024;
                return w[1];
            }
        } catch (NumberFormatException e) {
            // an unexpected df line: unknown
        }
        return "";
    }

    /** What the deployment's own folders take (what was measured). */
    public long deploymentBytes() {
        return (dataBytes == null ? 0 : dataBytes) + (releasesBytes == null ? 0 : releasesBytes)
                + (imagesBytes == null ? 0 : imagesBytes);
    }

    private static boolean low(long free, long total) {
        return free >= 0 && total > 0 && (free < LOW_BYTES || free < total / 10);
    }

    /**
     * "Disk: the deployment takes 1.2 GB (data 1.1 GB); 77.3 GB of 252.0 GB free where it lives", with Docker's data
     * root when it is another filesystem; null when the free space is not known. The CLI and the dashboard both say it.
     */
    public Localized summary() {
        if (installFree < 0) {
            return null;
        }
        String taken = ByteSize.of(deploymentBytes());
        String data = dataBytes == null ? "?" : ByteSize.of(dataBytes);
        String free = ByteSize.of(installFree);
        String total = ByteSize.of(installTotal);
        boolean docker = !sameFilesystem && dockerFree >= 0;
        return Localized.of("磁盘：部署占用 " + taken + "（数据 " + data + "）；所在磁盘剩余 " + free + "，共 " + total
                        + (docker ? "；Docker 数据目录剩余 " + ByteSize.of(dockerFree) + "，共 " + ByteSize.of(dockerTotal) : ""),
                "Disk: the deployment takes " + taken + " (data " + data + "); " + free + " of " + total
                        + " free where it lives" + (docker ? "; " + ByteSize.of(dockerFree) + " of "
                        + ByteSize.of(dockerTotal) + " free under Docker's data root" : ""));
    }

    /** A warning before the server runs out of room, or null when there is room. */
    public Localized warning() {
        boolean installLow = low(installFree, installTotal);
        boolean dockerLow = !sameFilesystem && low(dockerFree, dockerTotal);
        if (!installLow && !dockerLow) {
            return null;
        }
        String where = installLow ? ByteSize.of(installFree) + " / " + ByteSize.of(installTotal) : "";
        String docker = dockerLow ? ByteSize.of(dockerFree) + " / " + ByteSize.of(dockerTotal) : "";
        return Localized.of(
                "服务器空间快用完了：" + (installLow ? "部署目录所在磁盘剩余 " + where : "")
                        + (installLow && dockerLow ? "，" : "") + (dockerLow ? "Docker 数据目录 " + dockerRoot
                        + " 剩余 " + docker : "") + "。空间用尽时数据库会停止写入；请清理或扩容（docker image prune 可删除不用的镜像）。",
                "The server is running out of room: " + (installLow ? where + " free where the install directory is" : "")
                        + (installLow && dockerLow ? "; " : "") + (dockerLow ? docker + " free under Docker's data root "
                        + dockerRoot : "") + ". Databases stop writing when it is full: free some space or grow the"
                        + " disk (docker image prune removes unused images).");
    }
}
