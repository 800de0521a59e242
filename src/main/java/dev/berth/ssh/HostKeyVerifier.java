package dev.berth.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import dev.berth.text.Localized;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Berth's own host key check for one hop, plugged into JSch as its {@link HostKeyRepository}. JSch is run with
 * StrictHostKeyChecking=yes, so the connection goes on only when {@link #check} answers OK; every other answer
 * leaves a {@link #refusal()} that the connector turns into the operator's sentence.
 */
final class HostKeyVerifier implements HostKeyRepository {
    private final String knownHostsName;
    private final String shownAs;
    private final String expectedFingerprint;
    private final HostKeyStore store;
    private final HostKeyDecision decision;
    private volatile SshException refusal;
    private volatile String acceptedFingerprint;

    /**
     * @param knownHostsName the name the key is pinned under ("host" or "[host]:port")
     * @param shownAs        "host:port" as shown to the operator
     * @param expected       a fingerprint the operator accepted in advance, or null
     */
    HostKeyVerifier(String knownHostsName, String shownAs, String expected, HostKeyStore store,
                    HostKeyDecision decision) {
        this.knownHostsName = knownHostsName;
        this.shownAs = shownAs;
        this.expectedFingerprint = expected;
        this.store = store;
        this.decision = decision;
    }

    /** Why the key was refused, or null when it was accepted or never checked. */
    SshException refusal() {
        return refusal;
    }

    /** The fingerprint of the accepted key, or null. */
    String acceptedFingerprint() {
        return acceptedFingerprint;
    }

    /** Key types pinned for this host, so the connector can ask the server for them first. */
    List<String> pinnedTypes() {
        List<String> types = new ArrayList<>();
        try {
            for (HostKeyStore.PinnedKey k : store.keysFor(knownHostsName)) {
                types.add(k.type());
            }
        } catch (IOException e) {
            // An unreadable store is reported by check(); the preference order is only an optimisation.
        }
        return types;
    }

    @Override
    public int check(String ignoredJschHost, byte[] key) {
        String type = Fingerprints.keyType(key);
        String fingerprint = Fingerprints.sha256(key);
        List<HostKeyStore.PinnedKey> pinned;
        try {
            pinned = store.keysFor(knownHostsName);
        } catch (IOException e) {
            refusal = new SshException(SshException.Kind.HOST_KEY_UNKNOWN, Localized.of(
                    "无法读取 Berth 的已知主机文件 " + store.file() + "，因此无法核对 " + shownAs + " 的主机密钥。",
                    "Berth cannot read its known hosts file " + store.file() + ", so it cannot check the host key of "
                            + shownAs + "."), e);
            return NOT_INCLUDED;
        }
        if (expectedFingerprint != null && !Fingerprints.matches(expectedFingerprint, fingerprint)) {
            refusal = new SshException(SshException.Kind.HOST_KEY_UNKNOWN, Localized.of(
                    shownAs + " 出示的主机密钥指纹是 " + fingerprint + "，与指定的 " + expectedFingerprint
                            + " 不符，Berth 拒绝连接。",
                    "The host key of " + shownAs + " has fingerprint " + fingerprint + ", not the expected "
                            + expectedFingerprint + ", so Berth refuses to connect."));
            return CHANGED;
        }
        for (HostKeyStore.PinnedKey k : pinned) {
            if (k.sameKey(key)) {
                acceptedFingerprint = fingerprint;
                return OK;
            }
        }
        if (!pinned.isEmpty()) {
            String old = pinned.get(0).fingerprint();
            refusal = new SshException(SshException.Kind.HOST_KEY_CHANGED, Localized.of(
                    shownAs + " 的主机密钥已改变（原为 " + old + "，现为 " + fingerprint + "），可能有人冒充该服务器，Berth 拒绝连接；"
                            + "若服务器确实重装过，请从 " + store.file() + " 删除旧记录后重试。",
                    "The host key of " + shownAs + " has changed from " + old + " to " + fingerprint
                            + ", which may mean someone is impersonating the server, so Berth refuses to connect;"
                            + " if the server was really reinstalled, remove the old entry from " + store.file()
                            + " and try again."));
            return CHANGED;
        }
        boolean trusted = expectedFingerprint != null || decision.trust(shownAs, type, fingerprint);
        if (!trusted) {
            refusal = new SshException(SshException.Kind.HOST_KEY_UNKNOWN, Localized.of(
                    "未信任 " + shownAs + " 的主机密钥（" + type + " " + fingerprint + "），Berth 没有连接。",
                    "The host key of " + shownAs + " (" + type + " " + fingerprint
                            + ") was not trusted, so Berth did not connect."));
            return NOT_INCLUDED;
        }
        try {
            store.pin(knownHostsName, key);
        } catch (IOException e) {
            refusal = new SshException(SshException.Kind.HOST_KEY_UNKNOWN, Localized.of(
                    "无法把 " + shownAs + " 的主机密钥写入 " + store.file() + "，Berth 没有连接。",
                    "Berth cannot save the host key of " + shownAs + " in " + store.file()
                            + ", so it did not connect."), e);
            return NOT_INCLUDED;
        }
        acceptedFingerprint = fingerprint;
        return OK;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // Pinning happens in check(), under Berth's rules; JSch never adds keys on its own.
    }

    @Override
    public void remove(String host, String type) {
        // Berth never lets JSch remove a pinned key.
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // Berth never lets JSch remove a pinned key.
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return store.file().toString();
    }

    @Override
    public HostKey[] getHostKey() {
        return getHostKey(knownHostsName, null);
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        List<HostKey> keys = new ArrayList<>();
        try {
            for (HostKeyStore.PinnedKey k : store.keysFor(knownHostsName)) {
                if (type == null || type.equals(k.type())) {
                    keys.add(new HostKey(knownHostsName, k.blob()));
                }
            }
        } catch (IOException | JSchException e) {
            // Unreadable or unusual entries only lose JSch's preference ordering; check() reports the problem.
        }
        return keys.toArray(new HostKey[0]);
    }
}
