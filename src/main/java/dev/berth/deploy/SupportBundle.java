package dev.berth.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.text.Localized;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * One {@code .tar.gz} on the laptop with what troubleshooting a deployment needs — the probe's facts, every
 * release's journal, the project's containers as Docker describes them, the last log lines of each, the live
 * release's rendered files, disk, memory and the kernel's OOM lines — with every secret removed
 * ({@link SecretRedactor}) and a short analysis on top ({@code SUMMARY.txt}).
 */
public final class SupportBundle {
    /** Log lines kept per container. */
    public static final int LOG_LINES = 300;
    static final String SCRIPT = read("/dev/berth/deploy/support.sh");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Answer names that hold secrets when the bundle that declares them is not at hand. */
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|PASSWD|PWD|SECRET|TOKEN|KEY|CREDENTIAL|AUTH).*");

    /** The files, redacted, in the order they go into the archive. */
    private final Map<String, String> files;

    private SupportBundle(Map<String, String> files) {
        this.files = files;
    }

    private static final java.time.format.DateTimeFormatter STAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC);

    /** "berth-support-demo-1a2b3c4d-20261203-110000": the archive's name and its one folder. */
    public static String name(String project, java.time.Instant at) {
        return "berth-support-" + project + "-" + STAMP.format(at);
    }

    public static RemoteCommand command(String installDir, String project, String mark, Privilege privilege) {
        return RemoteCommand.of("bash", "-s", "--", installDir, project, Integer.toString(LOG_LINES), mark)
                .withPrivilege(privilege);
    }

    /**
     * Gathers it from the server in one round trip.
     *
     * @param facts       the probe's output, which goes in too
     * @param secretNames the answers the bundle declares secret, if it is at hand (others are told by their names)
     */
    public static SupportBundle collect(RemoteShell shell, Privilege privilege, ReleaseLayout layout, String project,
                                        String facts, Set<String> secretNames) throws SshException {
        return collect(shell, privilege, layout, project, facts, secretNames, newMark());
    }

    /** A section marker no log line can hold by chance. */
    public static String newMark() {
        byte[] nonce = new byte[8];
        new SecureRandom().nextBytes(nonce);
        return "=== berth-" + HexFormat.of().formatHex(nonce);
    }

    /** As {@link #collect(RemoteShell, Privilege, ReleaseLayout, String, String, Set)}, with the marker given. */
    public static SupportBundle collect(RemoteShell shell, Privilege privilege, ReleaseLayout layout, String project,
                                        String facts, Set<String> secretNames, String mark) throws SshException {
        ExecResult r = shell.exec(command(layout.installDir(), project, mark, privilege),
                SCRIPT.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(3));
        Map<String, String> raw = sections(r.stdout(), mark);
        if (!raw.containsKey("end")) {
            String why = r.stderr().isBlank() ? "exit " + r.exitCode() : r.stderr().strip();
            throw new SshException(SshException.Kind.REMOTE_FAILED, Localized.of(
                    "无法在服务器上收集诊断信息：" + why, "The support information could not be gathered on the server: " + why));
        }
        raw.remove("end");
        List<String> secrets = new ArrayList<>();
        secrets.addAll(values(raw.remove(".secrets/kept.yaml"), null));
        secrets.addAll(values(raw.remove(".secrets/answers.yaml"), secretNames));
        SecretRedactor redactor = new SecretRedactor(secrets);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("SUMMARY.txt", "");
        out.put("facts.txt", facts);
        out.putAll(raw);
        out.replaceAll((name, text) -> redactor.redact(text));
        out.put("SUMMARY.txt", redactor.redact(SupportSummary.of(project, out)));
        return new SupportBundle(out);
    }

    /** Every value of a YAML map; with {@code names}, only those the names or their look call secret. */
    private static List<String> values(String yaml, Set<String> names) {
        List<String> out = new ArrayList<>();
        if (yaml == null || yaml.isBlank()) {
            return out;
        }
        try {
            JsonNode n = YAML.readTree(yaml);
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                boolean secret = names == null || names.contains(e.getKey()) || SECRET_NAME.matcher(e.getKey()).matches();
                if (secret) {
                    collect(e.getValue(), out);
                }
            }
        } catch (IOException e) {
            // Unreadable: the name patterns still apply to every file.
        }
        return out;
    }

    private static void collect(JsonNode v, List<String> out) {
        if (v.isValueNode()) {
            out.add(v.asText());
        } else {
            v.forEach(c -> collect(c, out));
        }
    }

    static Map<String, String> sections(String stdout, String mark) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : stdout.split("\n", -1)) {
            if (line.startsWith(mark + " ")) {
                if (name != null) {
                    out.merge(name, body.toString().strip() + "\n", String::concat);
                }
                name = safeName(line.substring(mark.length() + 1));
                body.setLength(0);
            } else if (name != null) {
                body.append(line).append('\n');
            }
        }
        if (name != null) {
            out.merge(name, body.toString().strip() + "\n", String::concat);
        }
        return out;
    }

    /** A member name that cannot climb out of the archive's folder. */
    private static String safeName(String name) {
        String n = name.replace('\\', '/').replaceAll("/+", "/").replaceAll("(^|/)\\.\\.(?=/|$)", "$1_");
        return n.startsWith("/") ? n.substring(1) : n;
    }

    public Map<String, String> files() {
        return files;
    }

    /** Writes the archive (0600: it still describes the server in detail), replacing {@code file} only when whole. */
    public void write(Path file, String folder) throws IOException {
        TarWriter tar = new TarWriter();
        for (Map.Entry<String, String> f : files.entrySet()) {
            tar.addFile(folder + "/" + f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8), 0600);
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".berth-support", ".partial");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Windows: the file is the user's own by default
            }
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
                out.write(tar.finish());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String read(String resource) {
        try (InputStream in = SupportBundle.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
