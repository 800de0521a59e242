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

    @Option(names = "--install-dir", descriptionKey = "install-dir", paramLabel = "DIR")
    String installDir;

    @Option(names = "--connect-timeout", descriptionKey = "connect-timeout", paramLabel = "SECONDS", defaultValue = "20")
    int connectTimeoutSeconds;
}
