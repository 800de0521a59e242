package dev.berth.testsupport;

import dev.berth.ssh.Credentials;
import dev.berth.ssh.HostKeyDecision;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshConnector;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TargetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The real test target made by {@code scripts/test-env.sh}: an OpenSSH sshd on loopback, a Docker engine, and
 * the non-root sudo user {@code berthtest}. Runs {@code scripts/test-env.sh up} once per JVM (idempotent), then
 * loads {@code env.properties} (system property {@code berth.testEnv}); fails the test with the reason when the
 * setup fails, never skips.
 */
public final class TestTarget {
    private static TestTarget instance;

    private final Properties props;
    private final Path envDir;

    private TestTarget(Properties props, Path envDir) {
        this.props = props;
        this.envDir = envDir;
    }

    /** The shared target, set up on first use. Throws AssertionError (a failing test) when it cannot be had. */
    public static synchronized TestTarget get() {
        requireIntegrationTier();
        if (instance == null) {
            instance = load();
        }
        return instance;
    }

    private static TestTarget load() {
        Path projectDir = Path.of(System.getProperty("berth.projectDir", System.getProperty("user.dir")));
        String envProp = System.getProperty("berth.testEnv");
        Path envFile = envProp != null ? Path.of(envProp) : projectDir.resolve("target/test-env/env.properties");
        Path envDir = envFile.toAbsolutePath().getParent();
        // Always once per test JVM: it is idempotent (under a second when all is in place) and also brings back
        // an engine or sshd that died since env.properties was written.
        runSetup(projectDir, envDir);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(envFile)) {
            p.load(in);
        } catch (IOException e) {
            throw new AssertionError("Cannot read the test target description " + envFile + ": " + e, e);
        }
        return new TestTarget(p, envDir);
    }

    private static void runSetup(Path projectDir, Path envDir) {
        Path script = projectDir.resolve("scripts/test-env.sh");
        try {
            Path log = Files.createTempFile("berth-test-env", ".log");
            Process p = new ProcessBuilder("bash", script.toString(), "up", envDir.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(20, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("scripts/test-env.sh up did not finish within 20 minutes; see " + log);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError("scripts/test-env.sh up failed (exit " + p.exitValue() + "):\n" + output);
            }
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + script + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while setting up the test target", e);
        }
    }

    /** Set only by surefire's configuration in pom.xml: the unit tier, which must need no sshd, Docker or root. */
    static final String TIER_PROPERTY = "berth.testTier";

    /**
     * Fails the calling test when it runs in the unit tier: a test that reaches the real parts without
     * {@link IntegrationTest} would otherwise run (or hang) on a laptop without them.
     */
    public static void requireIntegrationTier() {
        if ("unit".equals(System.getProperty(TIER_PROPERTY))) {
            throw new AssertionError("this test uses the real test target: mark it @IntegrationTest");
        }
    }

    public String property(String key) {
        String v = props.getProperty(key);
        if (v == null) {
            throw new AssertionError("env.properties has no " + key + "; rerun scripts/test-env.sh up");
        }
        return v;
    }

    public Path envDir() {
        return envDir;
    }

    public String host() {
        return property("ssh.host");
    }

    public int port() {
        return Integer.parseInt(property("ssh.port"));
    }

    public String user() {
        return property("ssh.user");
    }

    public Path ed25519Key() {
        return Path.of(property("ssh.key.ed25519"));
    }

    public Path rsaKey() {
        return Path.of(property("ssh.key.rsa"));
    }

    public Path encryptedKey() {
        return Path.of(property("ssh.key.encrypted"));
    }

    public char[] keyPassphrase() {
        return property("ssh.key.passphrase").toCharArray();
    }

    public char[] password() {
        return property("ssh.password").toCharArray();
    }

    /** "SHA256:..." of the test sshd's host key, as ssh-keygen -lf prints it. */
    public String hostKeyFingerprint() {
        return property("ssh.hostkey.fingerprint");
    }

    public Path hostKeyPub() {
        return Path.of(property("ssh.hostkey.pub"));
    }

    public Path imagesDir() {
        return Path.of(property("images.dir"));
    }

    public String dockerCmd() {
        return property("docker.cmd");
    }

    public String composeCmd() {
        return property("compose.cmd");
    }

    /** Starts the three Swarm nodes ({@code scripts/test-env.sh swarm-up}): idempotent, under a second when up. */
    public void startSwarmNodes() {
        runLocalOk(property("swarm.start"));
    }

    /**
     * Stops the three Swarm nodes and starts them afresh (swarm-down, swarm-up): after a test stopped a node's dockerd,
     * the engine started again may keep overlay state that no longer works for the next test's swarm.
     */
    public void resetSwarmNodes() {
        runLocalOk(property("swarm.stop"));
        startSwarmNodes();
    }

    /** The Swarm nodes' addresses, in node order (the first is the one a test makes the manager). */
    public List<String> swarmNodes() {
        return List.of(property("swarm.nodes").split(","));
    }

    /** The Swarm nodes' host names (each node has its own; Swarm names the node after it), in node order. */
    public List<String> swarmNodeNames() {
        return List.of(property("swarm.node.names").split(","));
    }

    /** root on a Swarm node, with the ed25519 key; each node's sshd has the test env's host key, pinned here. */
    public TargetSpec swarmNodeSpec(String address) {
        return new TargetSpec("root", address, Integer.parseInt(property("swarm.ssh.port")), ed25519Key(),
                hostKeyFingerprint(), null, null);
    }

    /** berthtest with the unencrypted ed25519 key and the host key pinned in advance. */
    public TargetSpec spec() {
        return new TargetSpec(user(), host(), port(), ed25519Key(), hostKeyFingerprint(), null, null);
    }

    /** The same target without a key, host key or anything else: for auth and host key tests. */
    public TargetSpec bareSpec() {
        return new TargetSpec(user(), host(), port(), null, null, null, null);
    }

    private static final List<Path> TEMP_DIRS = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> TEMP_DIRS.forEach(TestTarget::deleteTree)));
    }

    /** A fresh Berth home (its known_hosts starts empty), deleted with its content when the JVM exits. */
    public static Path newBerthHome() {
        return tempDir("berth-home");
    }

    /** A temporary directory deleted with its content when the JVM exits. */
    public static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            TEMP_DIRS.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }

    /** A connector that ignores the machine's ~/.ssh (its config and default keys). */
    public static SshConnector isolatedConnector() {
        return new SshConnector(null, null);
    }

    /** Connects as berthtest with the ed25519 key, trusting the known host key, in a fresh Berth home. */
    public RemoteShell connect() throws SshException {
        return isolatedConnector().connect(spec(), Credentials.none(), HostKeyStore.inHome(newBerthHome()),
                HostKeyDecision.REFUSE, Duration.ofSeconds(20));
    }

    /** Result of a local command run as root, to inspect the target from outside Berth (docker ps, files). */
    public record Local(int exitCode, String output) {}

    /** Runs {@code bash -c command} locally as root (the test JVM's user), merging stderr into the output. */
    public static Local runLocal(String command, Duration timeout) {
        requireIntegrationTier();
        try {
            Path out = Files.createTempFile("berth-local", ".out");
            try {
                Process p = new ProcessBuilder(List.of("bash", "-c", command)).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("Local command did not finish within " + timeout + ": " + command);
                }
                return new Local(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted running " + command, e);
        }
    }

    /** Runs a local command as root and fails the test when it exits non-zero. */
    public static String runLocalOk(String command) {
        Local r = runLocal(command, Duration.ofMinutes(5));
        if (r.exitCode() != 0) {
            throw new AssertionError("Local command failed (exit " + r.exitCode() + "): " + command + "\n"
                    + r.output());
        }
        return r.output();
    }

    /** Runs a docker CLI command locally against the test engine, e.g. {@code docker("ps", "-a")}. */
    public String docker(String args) {
        return runLocalOk(dockerCmd() + " " + args);
    }
}
