package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import dev.berth.target.Facts;
import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where the stack's data will live, as the operators who lost it found out: on a network or Windows filesystem
 * databases fail or corrupt (no chown, no symbolic links, unreliable locks); and a first install onto a data folder
 * that already holds files meets a database that refuses to initialise it (MySQL: "--initialize specified but the
 * data directory has files in it"). Warnings: the operator may know better. Says nothing when all is well.
 */
final class DataFolderCheck implements Analyzer {
    /** stat -f's names for filesystems on another machine. */
    static final Set<String> NETWORK = Set.of("nfs", "nfs4", "cifs", "smb", "smb2", "smbfs", "fuse.sshfs", "9p",
            "ceph", "glusterfs", "fuse.glusterfs", "afs", "coda", "ncpfs");
    /** ...and for filesystems without Unix owners or symbolic links. */
    static final Set<String> NO_OWNERS = Set.of("msdos", "vfat", "exfat", "fuseblk", "ntfs", "ntfs3", "vboxsf",
            "hfs");

    @Override
    public List<CheckResult> analyze(PreflightInput in) {
        Facts f = in.facts();
        List<CheckResult> out = new ArrayList<>();
        String fs = f.disk().fsType().toLowerCase(Locale.ROOT);
        String where = f.disk().path();
        if (NETWORK.contains(fs) || NO_OWNERS.contains(fs)) {
            boolean network = NETWORK.contains(fs);
            out.add(warning("data-filesystem", of("数据所在的文件系统", "Filesystem for the data"),
                            network
                                    ? of(where + " 位于网络文件系统（" + fs + "）上：数据库放在这里常会因文件锁和属主（chown）而失败或损坏数据。",
                                    where + " is on a network filesystem (" + fs + "): databases kept there often fail"
                                            + " or corrupt their data (file locks, chown).")
                                    : of(where + " 位于 " + fs + " 文件系统上：它没有 Unix 属主和符号链接，以非 root 用户运行的服务无法使用数据目录。",
                                    where + " is on a " + fs + " filesystem: it has no Unix owners or symbolic links, so"
                                            + " services that run as a non-root user cannot use their data folders."),
                            of("请把部署目录放在服务器的本地磁盘上（例如 ext4 或 xfs）。",
                                    "Put the install directory on one of the server's local disks (ext4 or xfs, for"
                                            + " example).")));
        }
        Facts.InstallDir dir = f.installDir();
        int entries = dir.traces().dataEntries();
        if (entries > 0 && dir.traces().firstInstall()) {
            String data = dir.path() + "/data";
            out.add(warning("data-leftovers", of("数据目录", "Data folder"),
                            of(data + " 已有 " + entries + " 项内容，但 Berth 从未在这里部署过：多半是之前未完成的安装留下的。"
                                            + "数据库遇到非空的数据目录会拒绝初始化（MySQL：data directory has files in it）。",
                                    data + " already holds " + entries + " entries, but Berth never deployed here: most"
                                            + " likely left by an earlier install that did not finish. A database refuses to"
                                            + " initialise a data folder that holds files (MySQL: \"data directory has files"
                                            + " in it\")."),
                            of("让 Berth 把它移到 " + data + ".leftover-<时间>（原样保留，不删除任何内容）再部署；"
                                            + "或自己先把它移开（例如 mv " + data + " " + data + ".old）。",
                                    "Let Berth move it aside to " + data + ".leftover-<time> (kept as it is, nothing is"
                                            + " deleted) and deploy then; or move it yourself first (mv " + data + " "
                                            + data + ".old, for example)."),
                            Optional.of(setAside(dir.path(), f))));
        }
        return out;
    }

    private static CheckResult warning(String id, Localized title, Localized reason, Localized remedy) {
        return warning(id, title, reason, remedy, Optional.empty());
    }

    private static CheckResult warning(String id, Localized title, Localized reason, Localized remedy,
                                       Optional<Fix> fix) {
        return new CheckResult(id, Outcome.WARN, title, reason, remedy, fix);
    }

    /**
     * Moves the leftover data folder aside, kept whole under a name with the time: the "back up and clear" an operator
     * needs before a database will initialise. Refuses when a deployment is live there (its data is never leftovers:
     * that is berth backup's and berth uninstall's) or a job holds the install's lock. Prints where it went.
     */
    static final String SET_ASIDE = "set -eu; d=$1; "
            + "[ ! -e \"$d/current\" ] || { echo \"a deployment is live in $d: its data is not left over\" >&2; exit 75; }; "
            + "if [ -d \"$d/.berth\" ]; then exec 9>\"$d/.berth/lock\"; "
            + "flock -n 9 || { echo \"a deployment is running in $d\" >&2; exit 75; }; fi; "
            + "[ -d \"$d/data\" ] || exit 0; t=\"$d/data.leftover-$(date -u +%Y%m%d-%H%M%S)\"; "
            + "[ ! -e \"$t\" ] || { echo \"$t already exists\" >&2; exit 73; }; mv -T \"$d/data\" \"$t\"; echo \"$t\"";

    static Fix setAside(String installDir, Facts f) {
        return new Fix(dev.berth.ssh.RemoteCommand.of("sh", "-c", SET_ASIDE, "berth-set-aside", installDir)
                .withPrivilege(f.access().privilege()),
                of("把 " + installDir + "/data 移到 data.leftover-<时间>（保留，不删除）",
                        "Move " + installDir + "/data aside to data.leftover-<time> (kept, not deleted)"));
    }
}
