package dev.berth.ssh;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.TestTarget;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Host key handling and every login method, against the real OpenSSH sshd from scripts/test-env.sh. */
@IntegrationTest
class SshConnectorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final TestTarget env = TestTarget.get();
    private final SshConnector connector = TestTarget.isolatedConnector();

    private record Asked(String target, String type, String fingerprint) {}

    private String knownName() {
        return "[" + env.host() + "]:" + env.port();
    }

    private String whoami(RemoteShell shell) throws SshException {
        ExecResult r = shell.exec(RemoteCommand.script("id -un"), TIMEOUT);
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout().trim();
    }

    @Test
    void unknownHostKeyIsShownWithItsFingerprintAndPinnedWhenTrusted() throws Exception {
        HostKeyStore store = HostKeyStore.inHome(TestTarget.newBerthHome());
        List<Asked> asked = new ArrayList<>();
        TargetSpec target = env.bareSpec().withIdentity(env.ed25519Key());
        try (RemoteShell shell = connector.connect(target, Credentials.none(), store, (t, k, f) -> {
            asked.add(new Asked(t, k, f));
            return true;
        }, TIMEOUT)) {
            assertEquals(env.hostKeyFingerprint(), shell.hostKeyFingerprint());
            assertEquals("berthtest", whoami(shell));
        }
        assertEquals(List.of(new Asked(env.host() + ":" + env.port(), "ssh-ed25519", env.hostKeyFingerprint())), asked);
        List<HostKeyStore.PinnedKey> pinned = store.keysFor(knownName());
        assertEquals(1, pinned.size());
        assertEquals(env.hostKeyFingerprint(), pinned.get(0).fingerprint());
        // The file is OpenSSH's format: ssh-keygen reads the same fingerprint back from it.
        String listed = TestTarget.runLocalOk("ssh-keygen -lf " + store.file());
        assertTrue(listed.contains(env.hostKeyFingerprint()), listed);

        // Pinned and equal: connects without asking.
        try (RemoteShell shell = connector.connect(target, Credentials.none(), store, (t, k, f) -> {
            throw new AssertionError("asked about a pinned key");
        }, TIMEOUT)) {
            assertEquals("berthtest", whoami(shell));
        }
    }

    @Test
    void refusedHostKeyIsNotPinned() throws Exception {
        HostKeyStore store = HostKeyStore.inHome(TestTarget.newBerthHome());
        SshException e = assertThrows(SshException.class, () -> connector.connect(
                env.bareSpec().withIdentity(env.ed25519Key()), Credentials.none(), store, HostKeyDecision.REFUSE,
                TIMEOUT));
        assertEquals(SshException.Kind.HOST_KEY_UNKNOWN, e.kind());
        assertTrue(e.sentence().en().contains(env.hostKeyFingerprint()), e.sentence().en());
        assertTrue(store.keysFor(knownName()).isEmpty());
    }

    @Test
    void changedHostKeyIsRefusedNamingBothFingerprints() throws Exception {
        HostKeyStore store = HostKeyStore.inHome(TestTarget.newBerthHome());
        // Pin another ed25519 key (the client's own public key) as if the server had presented it before.
        byte[] other = Base64.getDecoder().decode(
                Files.readString(Path.of(env.ed25519Key() + ".pub")).trim().split("\\s+")[1]);
        store.pin(knownName(), other);
        String oldFingerprint = Fingerprints.sha256(other);
        SshException e = assertThrows(SshException.class, () -> connector.connect(
                env.bareSpec().withIdentity(env.ed25519Key()), Credentials.none(), store, (t, k, f) -> {
                    throw new AssertionError("a changed key must not be asked about");
                }, TIMEOUT));
        assertEquals(SshException.Kind.HOST_KEY_CHANGED, e.kind());
        for (String sentence : List.of(e.sentence().en(), e.sentence().zh())) {
            assertTrue(sentence.contains(oldFingerprint), sentence);
            assertTrue(sentence.contains(env.hostKeyFingerprint()), sentence);
        }
        assertEquals(oldFingerprint, store.keysFor(knownName()).get(0).fingerprint(), "the old pin stays");
    }

    @Test
    void expectedHostKeyIsPinnedWithoutAskingAndAMismatchIsRefused() throws Exception {
        HostKeyStore store = HostKeyStore.inHome(TestTarget.newBerthHome());
        String wrong = "SHA256:" + "A".repeat(43);
        SshException e = assertThrows(SshException.class, () -> connector.connect(
                env.bareSpec().withIdentity(env.ed25519Key()).withHostKey(wrong), Credentials.none(), store,
                (t, k, f) -> true, TIMEOUT));
        assertEquals(SshException.Kind.HOST_KEY_UNKNOWN, e.kind());
        assertTrue(e.sentence().en().contains(wrong) && e.sentence().en().contains(env.hostKeyFingerprint()),
                e.sentence().en());
        assertTrue(store.keysFor(knownName()).isEmpty());

        try (RemoteShell shell = connector.connect(env.spec(), Credentials.none(), store, (t, k, f) -> {
            throw new AssertionError("asked although --host-key was given");
        }, TIMEOUT)) {
            assertEquals("berthtest", whoami(shell));
        }
        assertEquals(env.hostKeyFingerprint(), store.keysFor(knownName()).get(0).fingerprint());
    }

    private RemoteShell login(TargetSpec target, Credentials creds) throws SshException {
        return connector.connect(target.withHostKey(env.hostKeyFingerprint()), creds,
                HostKeyStore.inHome(TestTarget.newBerthHome()), HostKeyDecision.REFUSE, TIMEOUT);
    }

    @Test
    void logsInWithEd25519RsaAndEncryptedKeys() throws Exception {
        try (RemoteShell shell = login(env.bareSpec().withIdentity(env.ed25519Key()), Credentials.none())) {
            assertEquals("berthtest", whoami(shell));
        }
        try (RemoteShell shell = login(env.bareSpec().withIdentity(env.rsaKey()), Credentials.none())) {
            assertEquals("berthtest", whoami(shell));
        }
        try (RemoteShell shell = login(env.bareSpec().withIdentity(env.encryptedKey()),
                Credentials.keyPassphrase(env.keyPassphrase()))) {
            assertEquals("berthtest", whoami(shell));
        }
        String log = Files.readString(Path.of(env.property("log.sshd")));
        assertTrue(log.contains("RSA SHA256") || log.contains("rsa-sha2"), "sshd logged an RSA login");
    }

    @Test
    void encryptedKeyWithWrongOrMissingPassphraseGetsAClearSentence() {
        SshException wrong = assertThrows(SshException.class, () -> login(
                env.bareSpec().withIdentity(env.encryptedKey()), Credentials.keyPassphrase("nope".toCharArray())));
        assertEquals(SshException.Kind.KEY_UNREADABLE, wrong.kind());
        assertTrue(wrong.sentence().en().contains("passphrase") && wrong.sentence().en().contains("wrong"),
                wrong.sentence().en());
        assertFalse(wrong.sentence().en().contains("nope"));

        SshException missing = assertThrows(SshException.class, () -> login(
                env.bareSpec().withIdentity(env.encryptedKey()), Credentials.none()));
        assertEquals(SshException.Kind.KEY_UNREADABLE, missing.kind());
        assertTrue(missing.sentence().en().contains("protected by a passphrase"), missing.sentence().en());
    }

    @Test
    void logsInWithPasswordAndRefusesAWrongOne() throws Exception {
        try (RemoteShell shell = login(env.bareSpec(), Credentials.password(env.password()))) {
            assertEquals("berthtest", whoami(shell));
        }
        SshException e = assertThrows(SshException.class, () -> login(env.bareSpec(),
                Credentials.password("not-the-password".toCharArray())));
        assertEquals(SshException.Kind.AUTH, e.kind());
        assertTrue(e.sentence().en().contains("password is wrong"), e.sentence().en());
        assertFalse(e.sentence().en().contains("not-the-password") || e.sentence().zh().contains("not-the-password"));
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRejected() throws Exception {
        Path dir = TestTarget.tempDir("berth-key");
        Path key = dir.resolve("stranger");
        TestTarget.runLocalOk("ssh-keygen -q -t ed25519 -N '' -f " + key);
        SshException e = assertThrows(SshException.class, () -> login(env.bareSpec().withIdentity(key),
                Credentials.none()));
        assertEquals(SshException.Kind.AUTH, e.kind());
        assertTrue(e.sentence().en().contains("did not accept the given key"), e.sentence().en());
    }

    @Test
    void unreadableOrInvalidKeyFilesAreReportedBeforeConnecting() throws Exception {
        Path missing = Path.of("/nonexistent/berth/id_ed25519");
        SshException e = assertThrows(SshException.class, () -> login(env.bareSpec().withIdentity(missing),
                Credentials.none()));
        assertEquals(SshException.Kind.KEY_UNREADABLE, e.kind());
        assertTrue(e.sentence().en().contains(missing.toString()), e.sentence().en());

        Path junk = TestTarget.tempDir("berth-junk").resolve("junk.key");
        Files.writeString(junk, "this is not a key\n");
        SshException j = assertThrows(SshException.class, () -> login(env.bareSpec().withIdentity(junk),
                Credentials.none()));
        assertEquals(SshException.Kind.KEY_UNREADABLE, j.kind());
    }

    @Test
    void closedPortAndUnknownHostAreUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        TargetSpec closed = new TargetSpec(env.user(), env.host(), closedPort, env.ed25519Key(), null, null, null);
        SshException e = assertThrows(SshException.class, () -> connector.connect(closed, Credentials.none(),
                HostKeyStore.inHome(TestTarget.newBerthHome()), HostKeyDecision.REFUSE, TIMEOUT));
        assertEquals(SshException.Kind.UNREACHABLE, e.kind());
        assertTrue(e.sentence().en().contains("refused the connection"), e.sentence().en());

        TargetSpec nowhere = new TargetSpec(env.user(), "no-such-host.invalid", 22, env.ed25519Key(), null, null,
                null);
        SshException n = assertThrows(SshException.class, () -> connector.connect(nowhere, Credentials.none(),
                HostKeyStore.inHome(TestTarget.newBerthHome()), HostKeyDecision.REFUSE, TIMEOUT));
        assertEquals(SshException.Kind.UNREACHABLE, n.kind());
        assertTrue(n.sentence().en().contains("cannot be resolved"), n.sentence().en());
    }

    @Test
    void aServerThatNeverSpeaksSshTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            // Accepts the TCP connection (the kernel does, from the backlog) but never sends a version line.
            TargetSpec t = new TargetSpec(env.user(), env.host(), silent.getLocalPort(), env.ed25519Key(), null,
                    null, null);
            SshException e = assertThrows(SshException.class, () -> connector.connect(t, Credentials.none(),
                    HostKeyStore.inHome(TestTarget.newBerthHome()), HostKeyDecision.REFUSE, Duration.ofSeconds(1)));
            assertEquals(SshException.Kind.UNREACHABLE, e.kind());
            assertTrue(e.sentence().en().contains("did not answer within 1 seconds"), e.sentence().en());
        }
    }

    @Test
    void aSilentTargetBehindAJumpHostTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            TargetSpec t = new TargetSpec(env.user(), env.host(), silent.getLocalPort(), env.ed25519Key(), null,
                    env.spec(), null);
            SshException e = assertThrows(SshException.class, () -> connector.connect(t, Credentials.none(),
                    HostKeyStore.inHome(TestTarget.newBerthHome()), HostKeyDecision.REFUSE, Duration.ofSeconds(1)));
            assertEquals(SshException.Kind.UNREACHABLE, e.kind());
            assertTrue(e.sentence().en().contains("did not answer within 1 seconds"), e.sentence().en());
        }
    }

    @Test
    void logsInWithKeysFromSshAgent() throws Exception {
        Path dir = TestTarget.tempDir("berth-agent");
        Path sock = dir.resolve("agent.sock");
        String pid = TestTarget.runLocalOk("ssh-agent -a " + sock + " -s | sed -n 's/^SSH_AGENT_PID=\\([0-9]*\\);.*/\\1/p'")
                .trim();
        try {
            TestTarget.runLocalOk("SSH_AUTH_SOCK=" + sock + " ssh-add -q " + env.rsaKey());
            try (RemoteShell shell = login(env.bareSpec(), Credentials.none().withAgent(sock))) {
                assertEquals("berthtest", whoami(shell));
            }
        } finally {
            TestTarget.runLocal("kill " + pid, Duration.ofSeconds(10));
        }
        SshException e = assertThrows(SshException.class, () -> login(env.bareSpec(),
                Credentials.none().withAgent(dir.resolve("no-agent.sock"))));
        assertEquals(SshException.Kind.AUTH, e.kind());
        assertTrue(e.sentence().en().contains("ssh-agent"), e.sentence().en());
    }

    @Test
    void honoursHostNamePortUserAndIdentityFileFromSshConfig() throws Exception {
        Path home = TestTarget.tempDir("berth-user-home");
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), String.join("\n",
                "Host berth-alias",
                "  HostName " + env.host(),
                "  Port " + env.port(),
                "  User " + env.user(),
                "  IdentityFile " + env.rsaKey(),
                ""));
        SshConnector withConfig = new SshConnector(home.resolve(".ssh/config"), home);
        HostKeyStore store = HostKeyStore.inHome(TestTarget.newBerthHome());
        List<String> askedFor = new ArrayList<>();
        try (RemoteShell shell = withConfig.connect(TargetSpec.parse("berth-alias"), Credentials.none(), store,
                (t, k, f) -> askedFor.add(t) && f.equals(env.hostKeyFingerprint()), TIMEOUT)) {
            assertEquals("berthtest", whoami(shell));
        }
        assertEquals(List.of(env.host() + ":" + env.port()), askedFor);
        assertNotNull(store.keysFor(knownName()).get(0));
    }

    @Test
    void reachesTheTargetThroughAJumpHost() throws Exception {
        HostKeyStore store = HostKeyStore.inHome(TestTarget.newBerthHome());
        TargetSpec jump = env.spec().withUser("root");
        TargetSpec target = env.spec().withJump(jump);
        try (RemoteShell shell = connector.connect(target, Credentials.none(), store, HostKeyDecision.REFUSE,
                TIMEOUT)) {
            assertEquals("berthtest", whoami(shell));
            assertEquals(env.hostKeyFingerprint(), shell.hostKeyFingerprint());
            // The target session's TCP connection was opened by the jump host's sshd, not by this JVM.
            String clientPort = shell.exec(RemoteCommand.script("echo \"$SSH_CONNECTION\""), TIMEOUT).stdout().trim().split(" ")[1];
            String owner = TestTarget.runLocalOk("ss -Htnp state established '( sport = :" + clientPort + " )'");
            assertTrue(owner.contains("sshd") && !owner.contains("java"), owner);
        }
    }

    /** What sshd logged since {@code from} (its VERBOSE log names each accepted or failed login and its port). */
    private String sshdLogSince(long from) throws IOException {
        byte[] all = Files.readAllBytes(Path.of(env.property("log.sshd")));
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private long sshdLogSize() throws IOException {
        return Files.size(Path.of(env.property("log.sshd")));
    }

    @Test
    void theTargetsPasswordIsNeverOfferedToTheJumpHost() throws Exception {
        long before = sshdLogSize();
        // The jump host has no credentials of its own here (no key, no agent): it must refuse the login, not
        // receive the password meant for the target.
        TargetSpec target = env.bareSpec().withJump(env.bareSpec().withHostKey(env.hostKeyFingerprint()));
        SshException e = assertThrows(SshException.class, () -> login(target, Credentials.password(env.password())));
        assertEquals(SshException.Kind.AUTH, e.kind(), e.sentence().en());
        String log = sshdLogSince(before);
        assertFalse(log.contains("password for"), "a password reached sshd:\n" + log);
    }

    @Test
    void theJumpHostGetsItsOwnPasswordAndTheTargetItsOwnKey() throws Exception {
        long before = sshdLogSize();
        TargetSpec target = env.spec().withJump(env.bareSpec().withHostKey(env.hostKeyFingerprint()));
        Credentials creds = Credentials.none().withJump(Credentials.password(env.password()));
        try (RemoteShell shell = login(target, creds)) {
            assertEquals("berthtest", whoami(shell));
            String targetPort = shell.exec(RemoteCommand.script("echo \"$SSH_CONNECTION\""), TIMEOUT).stdout().trim().split(" ")[1];
            String log = sshdLogSince(before);
            assertEquals(1, count(log, "Accepted password for berthtest"), log);
            assertFalse(log.contains("Accepted password for berthtest from 127.0.0.1 port " + targetPort + " "), log);
            assertTrue(log.contains("Accepted publickey for berthtest from 127.0.0.1 port " + targetPort + " "), log);
        }
    }

    @Test
    void theTargetsPasswordGoesToTheTargetOnlyWhenTheJumpHostUsesItsKey() throws Exception {
        long before = sshdLogSize();
        TargetSpec target = env.bareSpec().withJump(env.spec());
        try (RemoteShell shell = login(target, Credentials.password(env.password()))) {
            String targetPort = shell.exec(RemoteCommand.script("echo \"$SSH_CONNECTION\""), TIMEOUT).stdout().trim().split(" ")[1];
            String log = sshdLogSince(before);
            assertEquals(1, count(log, "Accepted password for"), log);
            assertTrue(log.contains("Accepted password for berthtest from 127.0.0.1 port " + targetPort + " "), log);
            assertFalse(log.contains("Failed password"), log);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void credentialsNeverPrintSecrets() throws IOException {
        Credentials c = Credentials.password("hunter2".toCharArray()).withKeyPassphrase("pp".toCharArray());
        assertFalse(c.toString().contains("hunter2") || c.toString().contains("pp,"));
        char[] line = Credentials.readSecretLine(new java.io.ByteArrayInputStream("s3cr€t\r\nrest".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("s3cr€t", new String(line));
    }
}
