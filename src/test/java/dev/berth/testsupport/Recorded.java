package dev.berth.testsupport;

import dev.berth.ssh.ExecResult;
import dev.berth.text.Localized;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers recorded from the real target ({@code src/test/resources/recorded/}, written by {@code StatusRecorder}),
 * for a {@link ScriptedShell}. A file is one header line ({@code # recorded <when> … from <where>; command: …}),
 * then sections: {@code --- exit N}, {@code --- stdout}, {@code --- stderr} for a command's result, or
 * {@code --- en} and {@code --- zh} for a sentence Berth showed.
 */
public final class Recorded {
    private Recorded() {}

    /** The command's result as it was recorded. */
    public static ExecResult result(String name) {
        Map<String, String> s = sections(name);
        String exit = s.keySet().stream().filter(k -> k.startsWith("exit ")).findFirst()
                .orElseThrow(() -> new AssertionError(name + " records no exit code"));
        return new ExecResult(Integer.parseInt(exit.substring(5).trim()), s.getOrDefault("stdout", ""),
                s.getOrDefault("stderr", ""));
    }

    /** What the command printed on stdout. */
    public static String stdout(String name) {
        return result(name).stdout();
    }

    /** A sentence recorded in both languages. */
    public static Localized sentence(String name) {
        Map<String, String> s = sections(name);
        return Localized.of(s.get("zh").strip(), s.get("en").strip());
    }

    /** When it was recorded (the header's first word after "# recorded"): a test's clock starts from here. */
    public static java.time.Instant recordedAt(String name) {
        return java.time.Instant.parse(header(name).split(" ")[2]);
    }

    /** The header line: where and how the file was recorded. */
    public static String header(String name) {
        String text = read(name);
        return text.substring(0, text.indexOf('\n'));
    }

    private static Map<String, String> sections(String name) {
        String text = read(name);
        if (!text.startsWith("# recorded ")) {
            throw new AssertionError(name + " does not start with a '# recorded …' line saying where it came from");
        }
        Map<String, String> out = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.substring(text.indexOf('\n') + 1).split("\n", -1)) {
            if (line.startsWith("--- ")) {
                if (current != null) {
                    out.put(current, body.toString());
                }
                current = line.substring(4);
                body.setLength(0);
            } else if (current != null) {
                body.append(line).append('\n');
            }
        }
        if (current != null) {
            // split() leaves one empty piece after the file's last newline: it is not a line of the output.
            out.put(current, body.length() > 0 ? body.substring(0, body.length() - 1) : "");
        }
        return out;
    }

    private static String read(String name) {
        try (InputStream in = Recorded.class.getResourceAsStream("/recorded/" + name)) {
            if (in == null) {
                throw new AssertionError("no recorded answer " + name + " under src/test/resources/recorded/");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
