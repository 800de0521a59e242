package dev.berth.ssh;

import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.OpenSSHConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The basics Berth honours from the operator's {@code ~/.ssh/config}: HostName, Port, User and IdentityFile.
 * Nothing else is taken from it (in particular not StrictHostKeyChecking: Berth checks host keys itself).
 */
final class SshConfigLookup {
    private static final String[] DEFAULT_KEYS = {"id_ed25519", "id_ecdsa", "id_rsa"};

    private final ConfigRepository repo;
    private final Path home;

    private SshConfigLookup(ConfigRepository repo, Path home) {
        this.repo = repo;
        this.home = home;
    }

    /** Reads {@code configFile} when it exists; a missing or unreadable file means no overrides. */
    static SshConfigLookup load(Path configFile, Path userHome) {
        ConfigRepository repo = ConfigRepository.nullConfig;
        if (configFile != null && Files.isRegularFile(configFile)) {
            try {
                repo = OpenSSHConfig.parseFile(configFile.toString());
            } catch (IOException | RuntimeException e) {
                repo = ConfigRepository.nullConfig;
            }
        }
        return new SshConfigLookup(repo, userHome);
    }

    /** Where one hop really goes after the config is applied. */
    record Hop(String user, String host, int port, List<Path> identities) {
        String knownHostsName() {
            return port == TargetSpec.DEFAULT_PORT ? host : "[" + host + "]:" + port;
        }

        String shownAs() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * Explicit values in the target win; the config fills what is missing (a port of 22 counts as missing, since
     * the operator may not have typed one). With no identity anywhere, the usual ~/.ssh keys that exist are tried.
     */
    Hop resolve(TargetSpec target) {
        ConfigRepository.Config c = repo.getConfig(target.host());
        String host = target.host();
        int port = target.port();
        String user = target.user();
        List<Path> identities = new ArrayList<>();
        if (c != null) {
            if (c.getHostname() != null && !c.getHostname().isBlank()) {
                host = c.getHostname().trim();
            }
            if (port == TargetSpec.DEFAULT_PORT && c.getPort() > 0) {
                port = c.getPort();
            }
            if (user == null && c.getUser() != null && !c.getUser().isBlank()) {
                user = c.getUser().trim();
            }
            String[] files = c.getValues("IdentityFile");
            if (target.identity() == null && files != null) {
                for (String f : files) {
                    identities.add(expand(f));
                }
            }
        }
        if (target.identity() != null) {
            identities.add(0, target.identity());
        }
        if (identities.isEmpty() && home != null) {
            for (String name : DEFAULT_KEYS) {
                Path p = home.resolve(".ssh").resolve(name);
                if (Files.isReadable(p)) {
                    identities.add(p);
                }
            }
        }
        if (user == null) {
            user = System.getProperty("user.name");
        }
        return new Hop(user, host, port, identities);
    }

    private Path expand(String file) {
        String f = file.trim();
        if (f.length() > 1 && f.startsWith("\"") && f.endsWith("\"")) {
            f = f.substring(1, f.length() - 1);
        }
        if (home != null && (f.equals("~") || f.startsWith("~/"))) {
            return home.resolve(f.substring(Math.min(2, f.length())));
        }
        return Path.of(f);
    }
}
