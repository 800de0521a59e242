package dev.berth.deploy;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.Privilege;
import dev.berth.target.ServerCommands;
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

    /** Release path → its text in the live release, for the paths the live release has. */
    public static Map<String, String> read(RemoteShell shell, ReleaseLayout layout, List<String> paths, Privilege privilege)
            throws SshException {
        ServerCommands commands = new ServerCommands(privilege);
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : paths) {
            ExecResult r = shell.exec(commands.readExistingFile(layout.current() + "/" + p), Duration.ofSeconds(20));
            if (r.ok()) {
                out.put(p, r.stdout());
            }
        }
        return out;
    }
}
