package dev.berth.ssh;

import dev.berth.text.Quote;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One command for the target as a value: an argv, the privilege it runs with and an optional working directory.
 * Builders return these without doing any I/O; one place turns them into a shell line with {@link #toShell()},
 * where every word is single-quoted, so no value is ever read as shell syntax.
 *
 * @param argv      program and arguments, never empty
 * @param privilege NONE, or SUDO to prefix {@code sudo -n}
 * @param workDir   directory to {@code cd} into first, or null
 */
public record RemoteCommand(List<String> argv, Privilege privilege, String workDir) {

    public RemoteCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        privilege = Objects.requireNonNullElse(privilege, Privilege.NONE);
    }

    public static RemoteCommand of(String... argv) {
        return new RemoteCommand(Arrays.asList(argv), Privilege.NONE, null);
    }

    public static RemoteCommand of(List<String> argv) {
        return new RemoteCommand(argv, Privilege.NONE, null);
    }

    /**
     * A small {@code sh -c} script whose variable parts are positional arguments ({@code $1}...), so each value is
     * quoted once and never re-parsed as shell syntax.
     */
    public static RemoteCommand script(String script, String... args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        argv.addAll(Arrays.asList(args));
        return of(argv);
    }

    /** The program run, without a privilege prefix ({@code docker}, not {@code sudo}): what an operator recognises. */
    public String program() {
        return "sh".equals(argv.get(0)) && argv.size() > 2 && "-c".equals(argv.get(1))
                ? argv.get(2).strip().split("\\s+", 2)[0]
                : argv.get(0);
    }

    public RemoteCommand withPrivilege(Privilege p) {
        return new RemoteCommand(argv, p, workDir);
    }

    public RemoteCommand inDirectory(String dir) {
        return new RemoteCommand(argv, privilege, dir);
    }

    /** A copy with more arguments appended. */
    public RemoteCommand plus(List<String> more) {
        List<String> all = new ArrayList<>(argv);
        all.addAll(more);
        return new RemoteCommand(all, privilege, workDir);
    }

    /** The argv as executed, including the privilege prefix. */
    public List<String> fullArgv() {
        List<String> all = new ArrayList<>(privilege.prefix());
        all.addAll(argv);
        return List.copyOf(all);
    }

    /**
     * The complete shell line: {@code cd 'dir' && 'prog' 'arg'...}. With sudo the {@code cd} happens under sudo too
     * ({@code 'sudo' '-n' 'sh' '-c' 'cd "$0" && exec "$@"' 'dir' 'prog' ...}): release folders may be readable by
     * root only.
     */
    public String toShell() {
        if (workDir != null && privilege != Privilege.NONE) {
            List<String> all = new ArrayList<>(privilege.prefix());
            all.addAll(List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", workDir));
            all.addAll(argv);
            return all.stream().map(Quote::shell).collect(Collectors.joining(" "));
        }
        String line = fullArgv().stream().map(Quote::shell).collect(Collectors.joining(" "));
        return workDir == null ? line : "cd " + Quote.shell(workDir) + " && " + line;
    }

    @Override
    public String toString() {
        return toShell();
    }
}
