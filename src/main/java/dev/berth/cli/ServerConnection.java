package dev.berth.cli;

import dev.berth.profile.BerthHome;
import dev.berth.ssh.Credentials;
import dev.berth.ssh.HostKeyDecision;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshConnector;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TargetSpec;
import dev.berth.text.Localized;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

/** Opens the one SSH connection a command uses, from the shared target options. */
final class ServerConnection {
    private ServerConnection() {}

    static TargetSpec spec(TargetOptions o) {
        if (o.target == null || o.target.isBlank()) {
            throw new CliFailure(ExitCode.USAGE, Localized.of("请用 --target user@host[:port] 指定服务器。",
                    "Name the server with --target user@host[:port]."));
        }
        TargetSpec spec;
        try {
            spec = TargetSpec.parse(o.target);
            if (o.jump != null) {
                spec = spec.withJump(jumpSpec(o, TargetSpec.parse(o.jump)));
            }
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, Localized.same(e.getMessage()));
        }
        if (o.jump == null && (o.jumpIdentity != null || o.jumpPasswordStdin || o.jumpHostKey != null)) {
            throw new CliFailure(ExitCode.USAGE, Localized.of("--jump-identity、--jump-password-stdin 和 --jump-host-key 需要与 --jump 一起使用。",
                    "--jump-identity, --jump-password-stdin and --jump-host-key go with --jump."));
        }
        if (o.identity != null) {
            if (!Files.isReadable(o.identity)) {
                throw new CliFailure(ExitCode.INVALID_INPUT, Localized.of("无法读取私钥文件 " + o.identity + "。",
                        "Cannot read the key file " + o.identity + "."));
            }
            spec = spec.withIdentity(o.identity);
        }
        if (o.hostKey != null) {
            if (!o.hostKey.startsWith("SHA256:")) {
                throw new CliFailure(ExitCode.USAGE, Localized.of("--host-key 应为 SHA256:... 形式的指纹。",
                        "--host-key takes a fingerprint of the form SHA256:..."));
            }
            spec = spec.withHostKey(o.hostKey);
        }
        return spec;
    }

    private static TargetSpec jumpSpec(TargetOptions o, TargetSpec jump) {
        if (o.jumpIdentity != null) {
            if (!Files.isReadable(o.jumpIdentity)) {
                throw new CliFailure(ExitCode.INVALID_INPUT, Localized.of("无法读取跳板机的私钥文件 " + o.jumpIdentity + "。",
                        "Cannot read the jump host's key file " + o.jumpIdentity + "."));
            }
            jump = jump.withIdentity(o.jumpIdentity);
        }
        if (o.jumpHostKey != null) {
            if (!o.jumpHostKey.startsWith("SHA256:")) {
                throw new CliFailure(ExitCode.USAGE, Localized.of("--jump-host-key 应为 SHA256:... 形式的指纹。",
                        "--jump-host-key takes a fingerprint of the form SHA256:..."));
            }
            jump = jump.withHostKey(o.jumpHostKey);
        }
        return jump;
    }

    static RemoteShell open(TargetOptions o, Output out) throws SshException {
        TargetSpec spec = spec(o);
        Credentials creds = Credentials.none();
        try {
            if (o.passwordStdin) {
                creds = creds.withPassword(Credentials.readSecretLine(System.in));
            }
            if (o.passphraseStdin) {
                creds = creds.withKeyPassphrase(Credentials.readSecretLine(System.in));
            }
            // The jump host's own secrets; the server's password is never offered to it.
            Credentials jump = Credentials.none();
            if (o.jumpPasswordStdin) {
                jump = jump.withPassword(Credentials.readSecretLine(System.in));
            }
            if (o.agent) {
                jump = jump.withAgent(null); // the operator's agent serves every hop, as with OpenSSH
            }
            creds = creds.withJump(jump);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.INVALID_INPUT, Localized.of("无法从标准输入读取密码。", "Cannot read the password from standard input."));
        }
        if (o.agent) {
            creds = creds.withAgent(null);
        }
        try {
            return open(spec, creds, out, Duration.ofSeconds(Math.max(1, o.connectTimeoutSeconds)));
        } finally {
            creds.clear();
        }
    }

    /**
     * One server of a cluster file without secrets of its own: its key file, ~/.ssh/config or the default keys, its
     * host key checked as for --target.
     */
    static RemoteShell open(TargetSpec spec, Output out) throws SshException {
        return open(spec, Credentials.none(), out, Duration.ofSeconds(20));
    }

    /**
     * Connects to every node of the cluster, each with what {@link #nodeCredentials} read for it, into {@code links}
     * (the caller closes what was opened, whatever happens) with how each reaches root.
     *
     * @param withoutWorkers a node other than the first manager that cannot be reached is said and left out, for a
     *                       command that can answer from the first manager
     */
    static void openNodes(dev.berth.cluster.ClusterSpec cluster, java.util.Map<String, Credentials> creds, Output out,
                          boolean withoutWorkers, java.util.Map<String, dev.berth.cluster.SwarmFormer.Link> links)
            throws SshException {
        for (dev.berth.cluster.ClusterNode n : cluster.nodes()) {
            try {
                RemoteShell shell = open(n, creds.get(n.name()), out);
                links.put(n.name(), new dev.berth.cluster.SwarmFormer.Link(shell, dev.berth.ssh.Privilege.detect(shell)));
            } catch (SshException e) {
                if (!withoutWorkers || n.equals(cluster.leader())) {
                    throw e;
                }
                out.problem(Localized.of("无法连接节点 " + n.name() + "：" + e.sentence().zh(),
                        "Cannot reach node " + n.name() + ": " + e.sentence().en()));
            }
        }
    }

    /** One server of a cluster file, with what {@link #nodeCredentials} read for it. */
    static RemoteShell open(dev.berth.cluster.ClusterNode node, Credentials creds, Output out) throws SshException {
        return open(node.target(), creds, out, Duration.ofSeconds(20));
    }

    /**
     * Each node's login secrets, read before anything connects: a node with {@code login: agent} uses the operator's
     * agent; one with {@code login: password} has its own password, from standard input with {@code --password-stdin}
     * (one line per such node, in the file's order) or asked on the terminal, and offered to that node only.
     */
    static java.util.Map<String, Credentials> nodeCredentials(dev.berth.cluster.ClusterSpec cluster,
                                                               boolean passwordStdin, Output out) {
        java.util.Map<String, Credentials> creds = new java.util.LinkedHashMap<>();
        for (dev.berth.cluster.ClusterNode n : cluster.nodes()) {
            Credentials c = Credentials.none();
            switch (n.login()) {
                case AGENT -> c = c.withAgent(null);
                case PASSWORD -> c = c.withPassword(nodePassword(n, passwordStdin, out));
                default -> { }
            }
            creds.put(n.name(), c);
        }
        return creds;
    }

    private static char[] nodePassword(dev.berth.cluster.ClusterNode n, boolean passwordStdin, Output out) {
        if (passwordStdin) {
            try {
                char[] p = Credentials.readSecretLine(System.in);
                if (p.length > 0) {
                    return p;
                }
            } catch (IOException e) {
                // said below
            }
            throw new CliFailure(ExitCode.INVALID_INPUT, Localized.of("标准输入中没有节点 " + n.name()
                            + " 的密码：--password-stdin 需要为每台 login: password 的节点各给一行，按集群文件中的顺序。",
                    "Standard input has no password for node " + n.name() + ": --password-stdin takes one line for each"
                            + " node with login: password, in the cluster file's order."));
        }
        Console console = System.console();
        if (console == null) {
            throw new CliFailure(ExitCode.INVALID_INPUT, Localized.of("节点 " + n.name() + " 使用密码登录，但这里没有终端可以询问："
                            + "请用 --password-stdin 在标准输入中给出密码（每台这样的节点一行）。",
                    "Node " + n.name() + " logs in with a password, and there is no terminal to ask it on: give it on"
                            + " standard input with --password-stdin (one line for each such node)."));
        }
        char[] p = console.readPassword("%s", out.t(Localized.of("节点 " + n.name() + "（" + n.target().display() + "）的密码：",
                "Password for node " + n.name() + " (" + n.target().display() + "): ")));
        return p == null ? new char[0] : p;
    }

    private static RemoteShell open(TargetSpec spec, Credentials creds, Output out, Duration timeout)
            throws SshException {
        out.info(Localized.of("正在连接 " + spec.display() + " …", "Connecting to " + spec.display() + " …"));
        return new SshConnector().connect(spec, creds, HostKeyStore.inHome(BerthHome.get()), decision(out), timeout);
    }

    /** Asks on the terminal; without one, refuses (the operator passes --host-key after checking the fingerprint). */
    private static HostKeyDecision decision(Output out) {
        Console console = System.console();
        if (console == null) {
            return HostKeyDecision.REFUSE;
        }
        return (target, type, fingerprint) -> {
            out.info(Localized.of(
                    "首次连接 " + target + "。主机密钥（" + type + "）指纹为：\n  " + fingerprint
                            + "\n请与服务器管理员核对（在服务器上运行 ssh-keygen -lf /etc/ssh/ssh_host_" + shortType(type) + "_key.pub）。",
                    "First contact with " + target + ". Its host key (" + type + ") fingerprint is:\n  " + fingerprint
                            + "\nCheck it with the server's administrator (on the server: ssh-keygen -lf /etc/ssh/ssh_host_"
                            + shortType(type) + "_key.pub)."));
            String answer = console.readLine("%s", out.t("信任此密钥并继续？[yes/no] ", "Trust this key and continue? [yes/no] "));
            return answer != null && (answer.trim().equalsIgnoreCase("yes") || answer.trim().equalsIgnoreCase("y")
                    || answer.trim().equals("是"));
        };
    }

    private static String shortType(String type) {
        if (type.contains("ed25519")) {
            return "ed25519";
        }
        if (type.contains("ecdsa")) {
            return "ecdsa";
        }
        return "rsa";
    }
}
