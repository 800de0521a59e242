package dev.berth.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UnixDomainSocketFactory;
import dev.berth.text.Localized;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Opens one authenticated SSH connection to a target (through its jump host when it has one) with Berth's own
 * host key check, and hands it out as a {@link RemoteShell}.
 */
public final class SshConnector implements Connector {
    static final String HOST_KEY_ALGORITHMS =
            "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256,ssh-rsa";
    // ssh-rsa (SHA-1) stays last for old servers; OpenSSH 8.8+ announces rsa-sha2 in server-sig-algs instead.
    static final String PUBKEY_ALGORITHMS = HOST_KEY_ALGORITHMS;
    // AES-GCM and AES-CTR use the JDK's AES instructions; chacha20 in JSch is much slower.
    static final String CIPHERS = "aes128-gcm@openssh.com,aes128-ctr,aes256-gcm@openssh.com,aes256-ctr,aes192-ctr";
    static final String KEX = "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,"
            + "ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,"
            + "diffie-hellman-group18-sha512,diffie-hellman-group14-sha256,diffie-hellman-group14-sha1";
    static final int KEEPALIVE_MILLIS = 15_000;
    static final int KEEPALIVE_COUNT = 4;

    private final Path sshConfig;
    private final Path userHome;

    /** Honours the operator's {@code ~/.ssh/config} and default keys. */
    public SshConnector() {
        this(Path.of(System.getProperty("user.home"), ".ssh", "config"), Path.of(System.getProperty("user.home")));
    }

    /**
     * @param sshConfig an OpenSSH client config to honour, or null for none
     * @param userHome  where {@code ~} points for IdentityFile and the default keys, or null for no default keys
     */
    public SshConnector(Path sshConfig, Path userHome) {
        this.sshConfig = sshConfig;
        this.userHome = userHome;
    }

    /**
     * Connects, checks the host key of every hop against {@code store} (asking {@code decision} about keys never
     * seen), and logs in.
     *
     * @param timeout bounds the TCP connect and the whole handshake of each hop; time spent waiting for the
     *                operator's host key answer does not count
     */
    @Override
    public RemoteShell connect(TargetSpec target, Credentials creds, HostKeyStore store, HostKeyDecision decision,
                               Duration timeout) throws SshException {
        java.util.Objects.requireNonNull(target, "target");
        java.util.Objects.requireNonNull(creds, "creds");
        java.util.Objects.requireNonNull(store, "store");
        java.util.Objects.requireNonNull(decision, "decision");
        SshConfigLookup config = SshConfigLookup.load(sshConfig, userHome);
        List<Session> chain = new ArrayList<>();
        TcpLink link = new TcpLink((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try {
            Hop last = open(target, creds, store, decision, timeout, config, chain, link);
            return new JschShell(chain, last.fingerprint, last.shownAs, link);
        } catch (SshException | RuntimeException e) {
            JschShell.closeChain(chain, link);
            throw e;
        }
    }

    private record Hop(Session session, String fingerprint, String shownAs) {}

    private Hop open(TargetSpec target, Credentials creds, HostKeyStore store, HostKeyDecision decision,
                     Duration timeout, SshConfigLookup config, List<Session> chain, TcpLink link) throws SshException {
        Session jump = null;
        if (target.jump() != null) {
            // The jump host is another machine, often another owner: it gets its own credentials, never the
            // target's password or passphrase.
            jump = open(target.jump(), creds.forJump(), store, decision, timeout, config, chain, link).session;
        }
        SshConfigLookup.Hop hop = config.resolve(target);
        JSch jsch = new JSch();
        boolean usedKey = addKeyFiles(jsch, hop, target.identity(), creds);
        if (creds.useAgent()) {
            jsch.setIdentityRepository(new CombinedIdentities(jsch.getIdentityRepository(), agent(creds, hop)));
            usedKey = true;
        }
        boolean usedPassword = creds.hasPassword();

        Session session;
        try {
            session = jsch.getSession(hop.user(), hop.host(), hop.port());
        } catch (JSchException e) {
            throw SshErrors.connectFailed(e, hop.shownAs(), hop.user(), usedPassword, usedKey, timeout);
        }
        AtomicBoolean asking = new AtomicBoolean();
        HostKeyDecision timedDecision = (t, k, f) -> {
            asking.set(true);
            try {
                return decision.trust(t, k, f);
            } finally {
                asking.set(false);
            }
        };
        HostKeyVerifier verifier = new HostKeyVerifier(hop.knownHostsName(), hop.shownAs(), target.hostKey(), store,
                timedDecision);
        session.setHostKeyRepository(verifier);
        session.setDaemonThread(true); // a forgotten connection never keeps the CLI from exiting
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("HashKnownHosts", "no");
        session.setConfig("server_host_key", preferPinned(verifier.pinnedTypes()));
        session.setConfig("prefer_known_host_key_types", "no");
        session.setConfig("PubkeyAcceptedAlgorithms", PUBKEY_ALGORITHMS);
        session.setConfig("cipher.c2s", CIPHERS);
        session.setConfig("cipher.s2c", CIPHERS);
        session.setConfig("kex", KEX);
        session.setConfig("PreferredAuthentications", authMethods(usedKey, usedPassword));
        PasswordPrompts prompts = null;
        if (usedPassword) {
            byte[] pw = creds.passwordBytes();
            session.setPassword(pw); // JSch wipes its copy after connect
            prompts = new PasswordPrompts(creds.passwordBytes());
            session.setUserInfo(prompts);
            Arrays.fill(pw, (byte) 0);
        }
        if (jump != null) {
            session.setProxy(new JumpProxy(jump));
        } else {
            session.setSocketFactory(link); // the one TCP connection of the chain, which a wedged call can cut
        }

        // A handshake that stalls (a silent jump host, a server that never finishes key exchange) is cut off;
        // the clock stops while the operator decides about a host key.
        AtomicBoolean timedOut = new AtomicBoolean();
        long[] deadline = {System.nanoTime() + timeout.toNanos()};
        final Session s = session;
        ScheduledFuture<?> dog = Watchdog.every(Duration.ofMillis(100), () -> {
            if (asking.get()) {
                deadline[0] = System.nanoTime() + timeout.toNanos();
            } else if (System.nanoTime() - deadline[0] > 0 && timedOut.compareAndSet(false, true)) {
                link.cut(); // unblocks a handshake stuck in a read or write; the disconnect then cannot wait on it
                Watchdog.offTimer(s::disconnect);
            }
        });
        try {
            session.setServerAliveInterval(KEEPALIVE_MILLIS);
            session.setServerAliveCountMax(KEEPALIVE_COUNT);
            session.connect((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (JSchException e) {
            session.disconnect();
            if (verifier.refusal() != null) {
                throw verifier.refusal();
            }
            if (timedOut.get()) {
                throw SshErrors.timeout(hop.shownAs(), timeout, e);
            }
            throw SshErrors.connectFailed(e, hop.shownAs(), hop.user(), usedPassword, usedKey, timeout);
        } finally {
            dog.cancel(false);
            if (prompts != null) {
                prompts.wipe();
            }
        }
        if (timedOut.get() || !session.isConnected()) {
            session.disconnect();
            throw SshErrors.timeout(hop.shownAs(), timeout, null);
        }
        chain.add(session);
        String fingerprint = verifier.acceptedFingerprint();
        if (fingerprint == null) {
            fingerprint = Fingerprints.sha256(java.util.Base64.getDecoder().decode(session.getHostKey().getKey()));
        }
        return new Hop(session, fingerprint, hop.shownAs());
    }

    /** Loads each key file, decrypting it here so a wrong passphrase gets its own sentence. */
    private static boolean addKeyFiles(JSch jsch, SshConfigLookup.Hop hop, Path explicit, Credentials creds)
            throws SshException {
        boolean added = false;
        for (Path key : hop.identities()) {
            boolean named = key.equals(explicit);
            if (!Files.isRegularFile(key) || !Files.isReadable(key)) {
                if (named) {
                    throw keyProblem("无法读取密钥文件 " + key + "，请检查路径和权限。",
                            "Berth cannot read the key file " + key + "; check the path and its permissions.");
                }
                continue;
            }
            KeyPair pair;
            try {
                pair = KeyPair.load(jsch, key.toString(), null);
            } catch (JSchException e) {
                if (named) {
                    throw keyProblem(key + " 不是 Berth 能读取的私钥（支持 OpenSSH、PEM 和 PuTTY 格式）。",
                            key + " is not a private key Berth can read (OpenSSH, PEM and PuTTY formats work).");
                }
                continue;
            }
            byte[] passphrase = null;
            try {
                if (pair.isEncrypted()) {
                    passphrase = creds.keyPassphraseBytes();
                    if (passphrase == null) {
                        if (named) {
                            throw keyProblem("密钥 " + key + " 受口令保护，请提供它的口令。",
                                    "The key " + key + " is protected by a passphrase; give its passphrase.");
                        }
                        continue;
                    }
                    if (!pair.decrypt(passphrase)) {
                        if (named) {
                            throw keyProblem("密钥 " + key + " 的口令不正确。",
                                    "The passphrase for the key " + key + " is wrong.");
                        }
                        continue;
                    }
                }
                jsch.addIdentity(key.toString(), passphrase);
                added = true;
            } catch (JSchException e) {
                if (named) {
                    throw keyProblem("无法使用密钥 " + key + "。", "Berth cannot use the key " + key + ".");
                }
            } finally {
                pair.dispose();
                if (passphrase != null) {
                    Arrays.fill(passphrase, (byte) 0);
                }
            }
        }
        return added;
    }

    private static com.jcraft.jsch.IdentityRepository agent(Credentials creds, SshConfigLookup.Hop hop)
            throws SshException {
        try {
            UnixDomainSocketFactory sockets = new UnixDomainSocketFactory();
            SSHAgentConnector connector = creds.agentSocket() != null
                    ? new SSHAgentConnector(sockets, creds.agentSocket())
                    : new SSHAgentConnector(sockets);
            if (!connector.isAvailable()) {
                throw new AgentProxyException("agent not available");
            }
            return new AgentIdentityRepository(connector);
        } catch (AgentProxyException e) {
            throw new SshException(SshException.Kind.AUTH, Localized.of(
                    "无法使用 ssh-agent：SSH_AUTH_SOCK 未设置或其套接字没有应答，请先启动 ssh-agent 并用 ssh-add 加入密钥。",
                    "Berth cannot use ssh-agent: SSH_AUTH_SOCK is not set or its socket does not answer; start"
                            + " ssh-agent and add your key with ssh-add first."), e);
        }
    }

    private static SshException keyProblem(String zh, String en) {
        return new SshException(SshException.Kind.KEY_UNREADABLE, Localized.of(zh, en));
    }

    private static String authMethods(boolean key, boolean password) {
        List<String> methods = new ArrayList<>();
        if (key || !password) {
            methods.add("publickey");
        }
        if (password) {
            methods.add("password");
            methods.add("keyboard-interactive");
        }
        return String.join(",", methods);
    }

    /** Asks the server for the key types already pinned first, as OpenSSH does, so a known key is checked. */
    static String preferPinned(List<String> pinnedTypes) {
        Set<String> order = new LinkedHashSet<>();
        for (String type : pinnedTypes) {
            if (type.equals("ssh-rsa")) {
                order.add("rsa-sha2-512");
                order.add("rsa-sha2-256");
            }
            if (HOST_KEY_ALGORITHMS.contains(type)) {
                order.add(type);
            }
        }
        order.addAll(List.of(HOST_KEY_ALGORITHMS.split(",")));
        return String.join(",", order);
    }
}
