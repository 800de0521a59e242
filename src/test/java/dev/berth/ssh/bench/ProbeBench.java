package dev.berth.ssh.bench;

import dev.berth.ssh.RemoteCommand;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.preflight.ServerPreflight;
import dev.berth.ssh.Credentials;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.HostKeyDecision;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshConnector;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TargetSpec;
import dev.berth.ssh.TransferListener;
import dev.berth.testsupport.ForwardingShell;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * For scripts/bench-probe.sh (not a test): {@code ENV_PROPERTIES PORT BUNDLE_DIR} connects, runs probe + preflight
 * the way {@code berth check} does, and prints "connect-ms check-ms round-trips probe-script-ms".
 */
public final class ProbeBench {
    private ProbeBench() {}

    public static void main(String[] args) throws Exception {
        Properties env = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            env.load(in);
        }
        TargetSpec target = new TargetSpec(env.getProperty("ssh.user"), env.getProperty("ssh.host"),
                Integer.parseInt(args[1]), Path.of(env.getProperty("ssh.key.ed25519")),
                env.getProperty("ssh.hostkey.fingerprint"), null, null);
        Bundle bundle = BundleLoader.load(Path.of(args[2]));
        ResolvedAnswers answers = AnswersResolver.resolve(bundle, Map.of());
        Path home = Files.createTempDirectory("berth-bench");
        try {
            long t0 = System.nanoTime();
            try (RemoteShell ssh = new SshConnector(null, null).connect(target, Credentials.none(),
                    HostKeyStore.inHome(home), HostKeyDecision.REFUSE, Duration.ofSeconds(30));
                 Counting shell = new Counting(ssh)) {
                long t1 = System.nanoTime();
                ServerPreflight.Result r = ServerPreflight.run(shell, bundle, answers, "/opt/berth-bench/" + bundle.id(),
                        target.host());
                long t2 = System.nanoTime();
                System.out.printf(Locale.ROOT, "%d %d %d %d%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                        shell.calls, r.probe().wallTime().toMillis());
            }
        } finally {
            Files.deleteIfExists(HostKeyStore.inHome(home).file());
            Files.deleteIfExists(home);
        }
    }

    /** Counts the commands sent: each is one SSH round trip (a channel opened, run, closed). */
    private static final class Counting extends ForwardingShell {
        int calls;

        Counting(RemoteShell inner) {
            super(inner);
        }

        @Override
        public ExecResult exec(RemoteCommand command, byte[] stdin, Duration timeout) throws SshException {
            calls++;
            return super.exec(command, stdin, timeout);
        }

        @Override
        public int streamLines(RemoteCommand command, Consumer<String> onLine, Duration idleTimeout) throws SshException {
            calls++;
            return super.streamLines(command, onLine, idleTimeout);
        }

        @Override
        public ExecResult upload(InputStream data, long size, RemoteCommand command, TransferListener listener,
                                 Duration idleTimeout) throws SshException {
            calls++;
            return super.upload(data, size, command, listener, idleTimeout);
        }

        @Override
        public void close() {
            // the SSH session is closed by its own try block
        }
    }
}
