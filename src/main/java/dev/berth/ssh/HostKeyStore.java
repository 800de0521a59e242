package dev.berth.ssh;

import dev.berth.files.PrivateFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Berth's own known_hosts file (OpenSSH format), usually {@code ~/.berth/known_hosts}. Berth pins host keys here
 * and never writes the operator's {@code ~/.ssh/known_hosts}. Reads plain and hashed ({@code |1|}) host names;
 * writes plain ones.
 */
public final class HostKeyStore {
    public static final String FILE_NAME = "known_hosts";

    private final Path file;

    private HostKeyStore(Path file) {
        this.file = file;
    }

    /** The store {@code known_hosts} inside Berth's home directory. */
    public static HostKeyStore inHome(Path berthHome) {
        return new HostKeyStore(berthHome.resolve(FILE_NAME));
    }

    public static HostKeyStore at(Path knownHostsFile) {
        return new HostKeyStore(knownHostsFile);
    }

    public Path file() {
        return file;
    }

    /** One pinned key. */
    public record PinnedKey(String host, String type, byte[] blob) {
        public String fingerprint() {
            return Fingerprints.sha256(blob);
        }

        public boolean sameKey(byte[] other) {
            return MessageDigest.isEqual(blob, other);
        }
    }

    /** The keys pinned for {@code hostName} (the "[host]:port" form when the port is not 22). */
    public synchronized List<PinnedKey> keysFor(String hostName) throws IOException {
        List<PinnedKey> found = new ArrayList<>();
        for (String line : readLines()) {
            Entry e = Entry.parse(line);
            if (e != null && e.matches(hostName)) {
                found.add(new PinnedKey(hostName, e.type, e.blob));
            }
        }
        return found;
    }

    /** Pins {@code blob} for {@code hostName}, replacing any key of the same type pinned for that name. */
    public synchronized void pin(String hostName, byte[] blob) throws IOException {
        String type = Fingerprints.keyType(blob);
        List<String> kept = new ArrayList<>();
        for (String line : readLines()) {
            Entry e = Entry.parse(line);
            if (e != null && e.type.equals(type) && e.matches(hostName) && e.hosts.length == 1) {
                continue;
            }
            kept.add(line);
        }
        kept.add(hostName + " " + type + " " + Base64.getEncoder().encodeToString(blob));
        write(kept);
    }

    /** Forgets every key pinned for {@code hostName} under that exact name (used when a server is rebuilt). */
    public synchronized void unpin(String hostName) throws IOException {
        List<String> kept = new ArrayList<>();
        for (String line : readLines()) {
            Entry e = Entry.parse(line);
            if (e != null && e.hosts.length == 1 && e.matches(hostName)) {
                continue;
            }
            kept.add(line);
        }
        write(kept);
    }

    private List<String> readLines() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    /** Replaced in one rename; only the user may change it (a pinned key anyone could rewrite pins nothing). */
    private void write(List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        PrivateFile.replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** One known_hosts line: hosts, key type, key. Marker lines (@revoked, @cert-authority) are not pins. */
    private record Entry(String[] hosts, String type, byte[] blob) {
        static Entry parse(String line) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith("@")) {
                return null;
            }
            String[] parts = t.split("\\s+");
            if (parts.length < 3) {
                return null;
            }
            try {
                return new Entry(parts[0].split(","), parts[1], Base64.getDecoder().decode(parts[2]));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        boolean matches(String hostName) {
            for (String h : hosts) {
                if (h.startsWith("|1|") ? hashedMatch(h, hostName) : h.equalsIgnoreCase(hostName)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean hashedMatch(String hashed, String hostName) {
            String[] p = hashed.split("\\|");
            if (p.length != 4) {
                return false;
            }
            try {
                byte[] salt = Base64.getDecoder().decode(p[2]);
                byte[] want = Base64.getDecoder().decode(p[3]);
                Mac mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(salt, "HmacSHA1"));
                return Arrays.equals(want, mac.doFinal(hostName.getBytes(StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                return false;
            }
        }
    }
}
