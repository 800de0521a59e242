package dev.berth.deploy;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of the live release, read back so a redeploy can show what it changes before anything is sent.
 * Absent files (new in this release) are left out of the result.
 */
public final class LiveFiles {
    private LiveFiles() {}

    /** {@code test -f current/path && cat current/path}: exit 1 when the live release has no such file. */
    public static RemoteCommand read(ReleaseLayout layout, String releasePath, Privilege privilege) {
        return RemoteCommand.of("sh", "-c", "test -f \"$1\" && exec cat \"$1\"", "sh",
                layout.current() + "/" + releasePath).withPrivilege(privilege);
    }

    /** Release path → its text in the live release, for the paths the live release has. */
    public static Map<String, String> read(RemoteShell shell, ReleaseLayout layout, List<String> paths, Privilege privilege)
            throws SshException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : paths) {
            ExecResult r = shell.exec(read(layout, p, privilege), Duration.ofSeconds(20));
            if (r.ok()) {
                out.put(p, r.stdout());
            }
        }
        return out;
    }
}
