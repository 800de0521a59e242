package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import java.util.List;

/**
 * Free space under the install directory (its nearest existing parent). Images are loaded under Docker's own
 * root directory, which is often another filesystem: when it is and has less free space than required, warn.
 */
final class DiskCheck implements Analyzer {
    @Override
    public List<CheckResult> analyze(PreflightInput in) {
        Double min = in.req().minDiskGiB();
        if (min == null) {
            return List.of();
        }
        var f = in.facts();
        Long free = f.disk().freeBytes();
        double need = min * Units.KIB_PER_GIB * 1024;
        String path = f.disk().path().isEmpty() ? f.installDir().path() : f.disk().path();
        String have = free == null ? "?" : Units.gibFromBytes(free);
        Long dockerFree = f.docker().rootFreeBytes();
        boolean dockerShort = dockerFree != null && !dockerFree.equals(free) && dockerFree < need;
        return List.of(Judge.check("disk", of("磁盘空间", "Disk space"))
                .when(free == null, Outcome.WARN,
                        () -> of("无法读取 " + path + " 所在磁盘的剩余空间。",
                                "Berth could not read the free space where " + path + " is."),
                        () -> of("请在服务器上运行 df -h " + path + " 确认至少有 " + Units.number(min) + " GiB 空闲。",
                                "Run df -h " + path + " on the server and make sure at least " + Units.number(min)
                                        + " GiB is free."))
                .when(free != null && free < need, Outcome.FAIL,
                        () -> of(path + " 所在磁盘只剩 " + have + "，至少需要 " + Units.number(min) + " GiB。",
                                "Only " + have + " is free where " + path + " is; the bundle needs at least "
                                        + Units.number(min) + " GiB."),
                        () -> of("请清理磁盘，或把安装目录放到空间更大的磁盘上。",
                                "Free some space, or choose an install directory on a larger disk."))
                .when(dockerShort, Outcome.WARN,
                        () -> of("安装目录空间足够，但 Docker 存放镜像的 " + f.docker().rootDir() + " 只剩 "
                                        + Units.gibFromBytes(dockerFree) + "。",
                                "The install directory has room, but Docker keeps images in " + f.docker().rootDir()
                                        + ", which has only " + Units.gibFromBytes(dockerFree) + " free."),
                        () -> of("请清理 Docker 不用的镜像（docker image prune），或把 Docker 数据目录移到更大的磁盘。",
                                "Remove unused images (docker image prune), or move Docker's data root to a larger disk."))
                .otherwise(Outcome.PASS, () -> of(path + " 所在磁盘剩余 " + have + "。",
                        have + " is free where " + path + " is.")));
    }
}
