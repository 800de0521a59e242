package dev.berth.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.deploy.JournalEventType;
import dev.berth.deploy.JournalField;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md "The journal" is generated from {@link JournalEventType}, the job library's parts (which
 * function writes each event) and the Java sources (which classes read it), and this test keeps it so. Run with
 * {@code -Dberth.updateDocs=true} to rewrite the section after a change you mean.
 */
class JournalDocTest {
    static final String DOC = "docs/architecture.md";
    static final String HEADING = "## The journal";

    /** Java classes (simple names) under src/main/java that refer to each event type. */
    static Map<JournalEventType, Set<String>> readers() throws Exception {
        Map<JournalEventType, Set<String>> readers = new TreeMap<>();
        Path root = ProjectFiles.path("src/main/java");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = f.getFileName().toString().replace(".java", "");
                if (name.equals("JournalEventType")) {
                    continue;
                }
                // JournalEvent's string constants only name the events again: not a reading.
                String src = Files.readString(f, StandardCharsets.UTF_8).replaceAll("(?m)^.*public static final String .*$", "");
                boolean switches = src.contains("JournalEventType");
                for (JournalEventType t : JournalEventType.values()) {
                    boolean uses = Pattern.compile("\\bJournal(EventType|Event)\\." + t.name() + "\\b").matcher(src).find()
                            || switches && Pattern.compile("\\bcase\\s+" + t.name() + "\\s*->").matcher(src).find();
                    if (uses) {
                        readers.computeIfAbsent(t, k -> new TreeSet<>()).add(name);
                    }
                }
            }
        }
        return readers;
    }

    static String section() throws Exception {
        Map<JournalEventType, Set<String>> writers = new TreeMap<>();
        for (String part : ProjectFiles.jobLibrary().values()) {
            for (ShellSource.EventCall c : new ShellSource(part).eventCalls()) {
                JournalEventType.of(c.name()).ifPresent(t -> writers.computeIfAbsent(t, k -> new TreeSet<>()).add(c.function()));
            }
        }
        Map<JournalEventType, Set<String>> readers = readers();
        StringBuilder sb = new StringBuilder(HEADING).append("\n\n");
        sb.append("The deploy job on the server (`job-lib.sh`, put together by `PlanScript` from the parts under\n"
                + "`src/main/resources/dev/berth/deploy/job-lib/`, sourced by the release's `plan.sh`) writes one JSON object a\n"
                + "line to `releases/<id>/.berth/journal.jsonl`; the laptop follows it (`JournalFollower`) and reattaches by\n"
                + "`seq`. Every line has `seq` (1, 2, … under a lock on the journal), `ts` (UTC, seconds) and `event`. The\n"
                + "events and their fields are defined once, in `dev.berth.deploy.JournalEventType` and `JournalField`;\n"
                + "`JobLibraryContractTest` holds every part to them, and `JournalDocTest` generates this section (run it with\n"
                + "`-Dberth.updateDocs=true` after a change). A reader ignores an event it does not know; `JournalFollower` takes any\n"
                + "line, heartbeats included, as a sign that the job and the link are alive.\n\n");
        sb.append("| event | meaning | fields | written by (job-lib.sh) | read by (Java) |\n");
        sb.append("| --- | --- | --- | --- | --- |\n");
        for (JournalEventType t : JournalEventType.values()) {
            StringBuilder fields = new StringBuilder();
            for (JournalField f : t.fields()) {
                fields.append(fields.length() == 0 ? "" : ", ").append('`').append(f.key()).append('`')
                        .append(f.number() ? " (number)" : "");
            }
            sb.append("| `").append(t.wireName()).append("` | ").append(t.meaning()).append(" | ").append(fields)
                    .append(" | ").append(String.join(", ", writers.getOrDefault(t, Set.of())))
                    .append(" | ").append(String.join(", ", readers.getOrDefault(t, Set.of()))).append(" |\n");
        }
        sb.append("\nFields (one meaning wherever they appear; numbers are JSON numbers, everything else a string):\n\n");
        sb.append("| field | type | meaning |\n| --- | --- | --- |\n");
        for (JournalField f : JournalField.values()) {
            sb.append("| `").append(f.key()).append("` | ").append(f.number() ? "number" : "string").append(" | ")
                    .append(f.meaning()).append(" |\n");
        }
        return sb.toString();
    }

    /** The section as it stands in the file: from its heading to the next "## " heading or the end. */
    static String current(String doc) {
        Matcher m = Pattern.compile("(?ms)^" + Pattern.quote(HEADING) + "\\n.*?(?=^## |\\z)").matcher(doc);
        return m.find() ? m.group() : "";
    }

    @Test
    void theJournalSectionMatchesTheEnumTheLibraryAndItsReaders() throws Exception {
        Path file = ProjectFiles.path(DOC);
        String doc = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        String expected = section();
        String now = current(doc);
        if (Boolean.getBoolean("berth.updateDocs")) {
            String updated = now.isEmpty() ? (doc.isEmpty() ? "" : doc.stripTrailing() + "\n\n") + expected
                    : doc.replace(now, now.endsWith("\n\n") ? expected + "\n" : expected);
            Files.writeString(file, updated, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(expected, now.endsWith("\n\n") ? now.substring(0, now.length() - 1) : now,
                DOC + " \"The journal\" is out of date: run JournalDocTest with -Dberth.updateDocs=true");
    }
}
