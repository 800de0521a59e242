package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code when:} in bundle.yaml is read and checked by one reader: one wording wherever it stands. */
class WhenReaderTest {
    private static final String YAML = """
            id: w
            version: 1.0.0
            name: {zh: 条件, en: When}
            parameters:
              - {name: ON, type: bool, label: {zh: 开, en: On}, default: false}
              - {name: NOTE, type: text, label: {zh: 备注, en: Note}, default: x}
              - {name: P, type: text, label: {zh: 参, en: P}, default: x, %s}
            images:
              - {ref: 'x/app:1.0', file: app.tar, %s}
            stages:
              - {name: s, label: {zh: 阶段, en: Stage}, services: [web], %s}
            probes:
              - {name: p, url: 'http://127.0.0.1/', %s}
            endpoints:
              - {label: {zh: 网页, en: Web}, url: 'http://127.0.0.1/', %s}
            checks:
              - {id: c, label: {zh: 检查, en: Check}, http: {url: 'http://127.0.0.1/'}, %s}
            """;
    private static final List<String> WHO = List.of("P", "image x/app:1.0", "stage s", "probe p", "endpoint Web",
            "check c");

    private static List<String> problems(Path dir, String when) throws Exception {
        String yaml = String.format(YAML, (Object[]) java.util.Collections.nCopies(6, when).toArray(new String[0]));
        return ServerChecksTest.problems(ServerChecksTest.bundle(dir, yaml, ServerChecksTest.COMPOSE)).stream()
                .map(p -> p.substring(p.indexOf(' ') + 1)).toList();
    }

    private static List<String> each(String sentence) {
        return WHO.stream().map(w -> w + ": " + sentence).toList();
    }

    @Test
    void aConditionOnTextIsRefusedAlikeEverywhere(@TempDir Path dir) throws Exception {
        assertEquals(each("when can only test choice or bool parameters; NOTE is text."),
                problems(dir, "when: {NOTE: [x]}"));
    }

    @Test
    void anUnknownParameterIsRefusedAlikeEverywhere(@TempDir Path dir) throws Exception {
        assertEquals(each("when names NOPE, which is not a parameter."), problems(dir, "when: {NOPE: [x]}"));
    }

    @Test
    void aValueABoolCannotTakeIsRefusedAlikeEverywhere(@TempDir Path dir) throws Exception {
        assertEquals(each("when tests ON for 'maybe', which is not one of its values (true, false)."),
                problems(dir, "when: {ON: [maybe]}"));
    }
}
