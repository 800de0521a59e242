package dev.berth.cluster;

import dev.berth.bundle.DataDir;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * What a cluster deploy does on the nodes from the laptop before the job starts, as values (tested by equality): the
 * data folders on each node, and the one-time key with which the manager hands a node its images.
 */
public record NodeCommands(Privilege privilege) {

    /** Makes each data folder below {@code dataDir} (existing contents kept), with its owner and mode when given. */
    public RemoteCommand makeDataDirs(String dataDir, List<DataDir> dirs) {
        List<String> args = new ArrayList<>();
        args.add(dataDir);
        for (DataDir d : dirs) {
            args.add(d.path());
            args.add(d.owner() == null ? "" : d.owner());
            args.add(d.mode() == null ? "" : d.mode());
        }
        return RemoteCommand.script("set -e; umask 022; base=$1; shift; while [ $# -ge 3 ]; do mkdir -p \"$base/$1\";"
                + " if [ -n \"$2\" ]; then chown \"$2\" \"$base/$1\"; fi; if [ -n \"$3\" ]; then chmod \"$3\" \"$base/$1\"; fi;"
                + " shift 3; done", args.toArray(String[]::new)).withPrivilege(privilege);
    }

    /**
     * On the manager: a new ed25519 key pair {@code DIR/NAME.key} (0600, root's; the private half never leaves the
     * manager) commented COMMENT; prints the public half.
     */
    public RemoteCommand makeKey(String dir, String name, String comment) {
        return RemoteCommand.script("set -e; umask 077; mkdir -p \"$1\"; rm -f \"$1/$2.key\" \"$1/$2.key.pub\";"
                + " ssh-keygen -q -t ed25519 -N '' -C \"$3\" -f \"$1/$2.key\" </dev/null; cat \"$1/$2.key.pub\"",
                dir, name, comment).withPrivilege(privilege);
    }

    /** On the manager: the host keys a node's sshd offers, as the manager sees it (known_hosts lines). */
    public RemoteCommand scanHostKeys(String host, int port) {
        return RemoteCommand.of("ssh-keyscan", "-T", "10", "-p", Integer.toString(port), host);
    }

    /**
     * On a node, as the login user (whose file it is): appends an authorized key that only loads images — it runs
     * {@code docker load} and nothing else, accepts connections only {@code from} the manager, and removes itself
     * from the file the first time it is used.
     */
    public static RemoteCommand allowLoadKey(String authorizedLine) {
        return RemoteCommand.script("set -e; umask 077; mkdir -p \"$HOME/.ssh\"; printf '%s\\n' \"$1\" >> \"$HOME/.ssh/authorized_keys\"",
                authorizedLine);
    }

    /** On a node, as the login user: removes the load key commented COMMENT if it is still there (never used). */
    public static RemoteCommand removeLoadKey(String comment) {
        return RemoteCommand.script("f=\"$HOME/.ssh/authorized_keys\"; [ -f \"$f\" ] || exit 0;"
                + " grep -vF \" $1\" \"$f\" > \"$f.berth\" || :; cat \"$f.berth\" > \"$f\"; rm -f \"$f.berth\"", comment);
    }

    /**
     * The authorized_keys line for a load key. {@code sed} removes the line by its comment (letters, digits, dashes:
     * no pattern characters) before docker reads a byte, so the key works once.
     *
     * @param from the manager's address as the node sees it (null: any)
     * @param sudo the node's login is not root and reaches docker through {@code sudo -n}
     */
    public static String loadKeyLine(String publicKey, String comment, String from, boolean sudo) {
        if (!comment.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("key comment " + comment);
        }
        String forced = "sed -i '/ " + comment + "$/d' ~/.ssh/authorized_keys; exec " + (sudo ? "sudo -n " : "")
                + "docker load";
        String[] parts = publicKey.strip().split("\\s+");
        return "restrict," + (from == null ? "" : "from=\"" + from + "\",") + "command=\"" + forced + "\" " + parts[0]
                + " " + parts[1] + " " + comment;
    }
}
