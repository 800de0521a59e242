package dev.berth.action;

import dev.berth.bundle.Action;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.target.ComposeCommands;
import dev.berth.ssh.RemoteCommand;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the server command of a bundle's operator action (see {@link Action}) as a value: no I/O, so it is tested
 * by equality and run by one place. A service action becomes {@code compose exec -T service argv...} (never
 * {@code -t}: there is no terminal) in the live release folder, where compose finds the release's {@code .env}.
 * With an output file, stdout goes to a hidden partial file first and is renamed only when the command succeeds,
 * so a failed backup never leaves a file that looks complete; the saved path is printed on the last line.
 */
public final class ActionCommands {
    /** How the time of a run is written into an output file name. */
    public static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /**
     * $1 folder, $2 file name, then the command. umask 077: outputs such as database dumps hold secrets.
     */
    static final String SAVE_SCRIPT = "umask 077; d=\"$1\"; n=\"$2\"; shift 2; mkdir -p \"$d\" || exit 1; "
            + "t=\"$d/.$n.partial\"; if \"$@\" > \"$t\"; then mv -f \"$t\" \"$d/$n\" && echo \"$d/$n\"; "
            + "else rc=$?; rm -f \"$t\"; exit \"$rc\"; fi";

    private ActionCommands() {}

    /**
     * @param action  a rendered action (from {@code RenderedRelease.actions()})
     * @param compose compose calls for the deployment's project; their folder is replaced by the live release
     * @param layout  where the deployment lives on the server
     * @param now     the time of this run, for the output file's name
     */
    public static RemoteCommand command(Action action, ComposeCommands compose, ReleaseLayout layout, Instant now) {
        ComposeCommands live = new ComposeCommands(compose.variant(), compose.project(), compose.files(),
                layout.current(), compose.privilege());
        List<String> argv = action.service() == null ? action.command()
                : live.exec(action.service(), action.command()).argv();
        if (action.output() == null) {
            return new RemoteCommand(argv, compose.privilege(), layout.current());
        }
        String out = layout.dataDir() + "/" + outputPath(action.output(), now);
        int slash = out.lastIndexOf('/');
        List<String> all = new ArrayList<>(List.of("sh", "-c", SAVE_SCRIPT, "berth-action", out.substring(0, slash),
                out.substring(slash + 1)));
        all.addAll(argv);
        return new RemoteCommand(all, compose.privilege(), layout.current());
    }

    /** {@code backups/mysql.sql} at 2025-01-01T12:00:00Z → {@code backups/mysql-20250101-120000.sql}. */
    public static String outputPath(String output, Instant now) {
        int slash = output.lastIndexOf('/');
        String dir = output.substring(0, slash + 1);
        String name = output.substring(slash + 1);
        int dot = name.indexOf('.', 1);
        String stamp = "-" + STAMP.format(now);
        return dir + (dot < 0 ? name + stamp : name.substring(0, dot) + stamp + name.substring(dot));
    }
}
