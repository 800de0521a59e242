package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.text.Localized;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One answer to one parameter, judged alone (the wizard's field) and within the whole answers (a deploy). */
class AnswerValidatorTest {
    private static final String YAML = """
            id: v
            version: 1.0.0
            name: {zh: 校验, en: Validation}
            parameters:
              - {name: PORT, type: port, label: {zh: 端口, en: Port}, default: 8080, min: 1024,
                 message: {zh: 请用 1024 以上的端口, en: use a port from 1024 up}}
              - {name: WORKERS, type: int, label: {zh: 进程数, en: Workers}, min: 1, max: 64}
              - {name: TOKEN, type: secret, label: {zh: 令牌, en: Token}, length: [32], generate: {bytes: 16}}
              - {name: PASSWORD, type: secret, label: {zh: 密码, en: Password}, pattern: '^[a-z]{8,}$'}
              - {name: MODE, type: choice, label: {zh: 模式, en: Mode}, default: a,
                 choices: [{value: a, label: {zh: 甲, en: A}}, {value: b, label: {zh: 乙, en: B}}]}
              - {name: ON, type: bool, label: {zh: 开, en: On}, default: false}
              - {name: HOST, type: host, label: {zh: 主机, en: Host}, required: false}
              - {name: SITE, type: url, label: {zh: 网址, en: Site}, required: false}
              - {name: NOTE, type: text, label: {zh: 备注, en: Note}, required: false}
            """;
    /** An answer to every parameter that has no default and is required. */
    private static final Map<String, Object> VALID = Map.of("WORKERS", 4, "PASSWORD", "abcdefgh");

    private static Bundle bundle(Path dir) throws Exception {
        return BundleLoader.load(ServerChecksTest.bundle(dir, YAML, ServerChecksTest.COMPOSE));
    }

    private static List<String> alone(Bundle b, String name, Object answer) {
        return AnswerValidator.problems(b.parameter(name), answer).stream().map(Localized::en).toList();
    }

    /** What a deploy says of the same answer, given with valid answers for everything else. */
    private static List<String> resolving(Bundle b, String name, Object answer) {
        Map<String, Object> raw = new LinkedHashMap<>(VALID);
        raw.put(name, answer);
        try {
            AnswersResolver.resolve(b, raw);
            return List.of();
        } catch (AnswersException e) {
            return e.problems().stream().map(Localized::en).toList();
        }
    }

    @Test
    void eachRuleGivesOneSentenceNamingTheParameter(@TempDir Path dir) throws Exception {
        Bundle b = bundle(dir);
        assertEquals(List.of("PORT: use a port from 1024 up"), alone(b, "PORT", "80"));
        assertEquals(List.of("PORT must be a port from 1024 to 65535; got eighty."), alone(b, "PORT", "eighty"));
        assertEquals(List.of("WORKERS must be a whole number from 1 to 64; got 65."), alone(b, "WORKERS", 65));
        assertEquals(List.of("WORKERS is required."), alone(b, "WORKERS", null));
        assertEquals(List.of("WORKERS is required."), alone(b, "WORKERS", ""), "an empty answer is no answer");
        assertEquals(List.of("MODE must be one of a, b; got c."), alone(b, "MODE", "c"));
        assertEquals(List.of("ON must be true or false; got maybe."), alone(b, "ON", "maybe"));
        assertEquals(List.of("HOST must be a host name or IP address; got a b."), alone(b, "HOST", "a b"));
        assertEquals(List.of("SITE must be a URL starting with http:// or https://; got ftp://x."),
                alone(b, "SITE", "ftp://x"));
        assertEquals(List.of("NOTE cannot contain a NUL character."), alone(b, "NOTE", "a\0b"));
        assertEquals(List.of("TOKEN must be 32 bytes long; got 5 bytes."), alone(b, "TOKEN", "short"));
    }

    @Test
    void aSecretIsNeverEchoed(@TempDir Path dir) throws Exception {
        Bundle b = bundle(dir);
        List<String> p = alone(b, "PASSWORD", "Not-Lower-Case");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("^[a-z]{8,}$"), p.get(0));
        assertFalse(p.get(0).contains("Not-Lower-Case"), "a secret never appears in a message");
    }

    @Test
    void noAnswerTakesTheDefaultOrTheGenerator(@TempDir Path dir) throws Exception {
        Bundle b = bundle(dir);
        assertEquals(List.of(), alone(b, "PORT", null), "the default 8080");
        assertEquals(List.of(), alone(b, "TOKEN", null), "a token is generated");
        assertEquals(List.of(), alone(b, "NOTE", null), "optional");
        assertEquals(List.of(), alone(b, "PORT", " 18080 "), "an int is read trimmed");
        assertEquals(List.of(), alone(b, "ON", true));
    }

    @Test
    void theFieldAloneAndTheDeployAgree(@TempDir Path dir) throws Exception {
        Bundle b = bundle(dir);
        Object[][] cases = {{"PORT", "80"}, {"PORT", "eighty"}, {"PORT", 18080}, {"WORKERS", 0}, {"WORKERS", null},
                {"TOKEN", "x"}, {"TOKEN", null}, {"PASSWORD", "UPPER-CASE"}, {"MODE", "c"}, {"MODE", " a"},
                {"ON", "yes"}, {"HOST", "-bad"}, {"HOST", "::1"}, {"SITE", "http://x y"}, {"NOTE", List.of("a")}};
        for (Object[] c : cases) {
            assertEquals(resolving(b, (String) c[0], c[1]), alone(b, (String) c[0], c[1]), c[0] + "=" + c[1]);
        }
        assertThrows(AnswersException.class, () -> AnswersResolver.resolve(b, Map.of("WORKERS", 0,
                "PASSWORD", "abcdefgh")));
    }
}
