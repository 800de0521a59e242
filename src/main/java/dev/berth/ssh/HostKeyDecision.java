package dev.berth.ssh;

/**
 * Asks the operator about a host key Berth has never seen for this target. The CLI asks on the terminal or
 * compares with {@code --host-key}; the wizard shows a dialog. A changed key is never asked about: it is refused.
 */
@FunctionalInterface
public interface HostKeyDecision {
    /**
     * @param target      "host:port" as shown to the operator
     * @param keyType     e.g. "ssh-ed25519"
     * @param fingerprint "SHA256:..." as OpenSSH prints it
     * @return true to trust and pin the key
     */
    boolean trust(String target, String keyType, String fingerprint);

    HostKeyDecision REFUSE = (t, k, f) -> false;
}
