package dev.berth.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that talks to a server shares, so they read the same everywhere. */
public final class TargetOptions {
    @Option(names = "--target", descriptionKey = "target", paramLabel = "USER@HOST[:PORT]")
    String target;

    @Option(names = {"-i", "--identity"}, descriptionKey = "identity", paramLabel = "FILE")
    Path identity;

    @Option(names = "--password-stdin", descriptionKey = "password-stdin")
    boolean passwordStdin;

    @Option(names = "--passphrase-stdin", descriptionKey = "passphrase-stdin")
    boolean passphraseStdin;

    @Option(names = "--agent", descriptionKey = "agent")
    boolean agent;

    @Option(names = "--host-key", descriptionKey = "host-key", paramLabel = "SHA256:...")
    String hostKey;

    @Option(names = {"-J", "--jump"}, descriptionKey = "jump", paramLabel = "USER@HOST[:PORT]")
    String jump;

    @Option(names = "--jump-identity", descriptionKey = "jump-identity", paramLabel = "FILE")
    Path jumpIdentity;

    @Option(names = "--jump-password-stdin", descriptionKey = "jump-password-stdin")
    boolean jumpPasswordStdin;

    @Option(names = "--jump-host-key", descriptionKey = "jump-host-key", paramLabel = "SHA256:...")
    String jumpHostKey;

    @Option(names = "--install-dir", descriptionKey = "install-dir", paramLabel = "DIR")
    String installDir;

    @Option(names = "--connect-timeout", descriptionKey = "connect-timeout", paramLabel = "SECONDS", defaultValue = "20")
    int connectTimeoutSeconds;
}
