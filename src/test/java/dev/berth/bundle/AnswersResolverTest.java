package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.text.Localized;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswersResolverTest {
    static Bundle mini;

    @BeforeAll
    static void load() throws Exception {
        mini = BundleLoader.load(TestPaths.testBundle("mini"));
    }

    static Map<String, Object> base() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("TEXT", "hello");
        m.put("MODELS", List.of(Map.of("NAME", "gpt")));
        return m;
    }

    static Map<String, Object> with(Object... kv) {
        Map<String, Object> m = base();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<String> problems(Map<String, Object> raw) {
        AnswersException e = assertThrows(AnswersException.class, () -> AnswersResolver.resolve(mini, raw));
        e.problems().forEach(p -> assertFalse(p.zh().isBlank()));
        return e.problems().stream().map(Localized::en).toList();
    }

    @Test
    void defaultsGenerationAndNormalisation() throws Exception {
        ResolvedAnswers a = AnswersResolver.resolve(mini, with("PORT", "9000", "COUNT", 3));
        assertEquals(9000L, a.get("PORT"));
        assertEquals(3L, a.get("COUNT"));
        assertEquals("example.com", a.get("HOST"));
        assertEquals("", a.get("URL"));
        assertEquals(Boolean.FALSE, a.get("TLS"));
        assertEquals(16, ((String) a.get("TOKEN")).length(), "12 bytes base64url");
        assertTrue(((String) a.get("TOKEN")).matches("[A-Za-z0-9_-]+"));
        assertTrue(((String) a.get("PASS")).matches("[A-Za-z0-9]{22}"), "16 bytes alnum: " + a.get("PASS"));
        assertEquals(List.of(Map.of("NAME", "gpt", "KEY", "", "CTX", 8192L)), a.get("MODELS"));
        assertEquals(Map.of("TOKEN", "TOKEN", "PASS", "PASS"), Map.of("TOKEN", a.generated().contains("TOKEN")
                ? "TOKEN" : "-", "PASS", a.generated().contains("PASS") ? "PASS" : "-"));
    }

    @Test
    void secretsAreMasked() throws Exception {
        ResolvedAnswers a = AnswersResolver.resolve(mini, with("MODELS",
                List.of(Map.of("NAME", "gpt", "KEY", "sk-123"))));
        Map<String, Object> masked = a.masked();
        assertEquals(ResolvedAnswers.MASK, masked.get("TOKEN"));
        assertEquals("hello", masked.get("TEXT"));
        assertEquals(ResolvedAnswers.MASK, ((List<Map<String, Object>>) masked.get("MODELS")).get(0).get("KEY"));
        assertFalse(a.toString().contains("sk-123"));
        assertTrue(a.isSecret("MODELS.KEY"));
    }

    @Test
    void portRangeMessage() {
        assertEquals(List.of("PORT must be a port from 1024 to 65535; got 99."), problems(with("PORT", 99)));
        assertEquals(List.of("PORT must be a port from 1024 to 65535; got abc."), problems(with("PORT", "abc")));
    }

    @Test
    void intRangeAndType() {
        assertEquals(List.of("COUNT must be a whole number from 1 to 10; got 11."), problems(with("COUNT", 11)));
        assertEquals(List.of("COUNT must be a whole number from 1 to 10; got 1.5."), problems(with("COUNT", 1.5)));
    }

    @Test
    void requiredAndUnknown() {
        Map<String, Object> raw = with("NOPE", 1);
        raw.remove("TEXT");
        List<String> p = problems(raw);
        assertTrue(p.contains("NOPE is not a parameter of bundle mini."), p.toString());
        assertTrue(p.contains("TEXT is required."), p.toString());
        assertEquals(2, p.size());
        assertEquals(List.of("TEXT is required."), problems(with("TEXT", "")));
    }

    @Test
    void patternWithBundleMessage() {
        assertEquals(List.of("CODE: use lower-case letters only."), problems(with("CODE", "ABC")));
    }

    @Test
    void lengthsCountUtf8Bytes() throws Exception {
        AnswersResolver.resolve(mini, with("AES_KEY", "0123456789abcdef"));
        // 6 Chinese characters are 18 bytes in UTF-8 but 6 chars.
        assertEquals(List.of("AES_KEY must be 16, 24, 32 bytes long; got 18 bytes."),
                problems(with("AES_KEY", "中文中文中文")));
        // 8 three-byte characters = 24 bytes: accepted.
        AnswersResolver.resolve(mini, with("AES_KEY", "中文中文中文中文"));
    }

    @Test
    void choicesHostsUrlsBools() {
        assertEquals(List.of("EMBED must be one of openai, ollama; got ark."), problems(with("EMBED", "ark")));
        assertEquals(List.of("HOST must be a host name or IP address; got a b."), problems(with("HOST", "a b")));
        assertEquals(List.of("URL must be a URL starting with http:// or https://; got ftp://x."),
                problems(with("URL", "ftp://x")));
        assertEquals(List.of("TLS must be true or false; got maybe."), problems(with("TLS", "maybe")));
    }

    @Test
    void hostAcceptsNamesAndAddresses() throws Exception {
        for (String h : List.of("example.com", "10.0.0.1", "::1", "fe80::1", "db-1")) {
            assertEquals(h, AnswersResolver.resolve(mini, with("HOST", h)).get("HOST"));
        }
    }

    @Test
    void whenHidesAndReveals() throws Exception {
        ResolvedAnswers hidden = AnswersResolver.resolve(mini, base());
        assertTrue(hidden.hidden().containsAll(List.of("OPENAI_KEY", "CERT")));
        assertEquals("", hidden.get("OPENAI_KEY"));
        assertEquals(List.of("OPENAI_KEY is required."), problems(with("EMBED", "openai")));
        assertEquals(List.of("CERT is required."), problems(with("TLS", true)));
        assertEquals(List.of("CERT is required."), problems(with("TLS", "true")));
        ResolvedAnswers shown = AnswersResolver.resolve(mini, with("EMBED", "openai", "OPENAI_KEY", "k"));
        assertFalse(shown.hidden().contains("OPENAI_KEY"));
    }

    @Test
    void listEntriesAreChecked() {
        assertEquals(List.of("MODELS needs at least 1 entries; got 0."), problems(with("MODELS", List.of())));
        Map<String, Object> raw = base();
        raw.remove("MODELS");
        assertEquals(List.of("MODELS needs at least 1 entries; got none."), problems(raw));
        assertEquals(List.of("MODELS[0].NAME is required.", "MODELS[1].BAD is not a field of MODELS.",
                        "MODELS[1].CTX must be a whole number; got x."),
                problems(with("MODELS", List.of(Map.of("CTX", 1), Map.of("NAME", "n", "BAD", 1, "CTX", "x")))));
    }

    @Test
    void writtenAnswersResolveToTheSameValuesAndArePrivate(@TempDir Path dir) throws Exception {
        ResolvedAnswers a = AnswersResolver.resolve(mini, with("TEXT", "it's: \"x\" # y\n$z"));
        Path file = dir.resolve("answers.resolved.yaml");
        a.writeTo(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        ResolvedAnswers again = AnswersResolver.resolve(mini, AnswersFile.read(file));
        assertEquals(a.values(), again.values());
        assertTrue(again.generated().isEmpty(), "secrets are kept, not generated again");
    }

    @Test
    void answersFileErrors(@TempDir Path dir) throws Exception {
        AnswersException missing = assertThrows(AnswersException.class,
                () -> AnswersFile.read(dir.resolve("nope.yaml")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Files.writeString(dir.resolve("bad.yaml"), "A: [1,\nB: 2\n");
        AnswersException bad = assertThrows(AnswersException.class, () -> AnswersFile.read(dir.resolve("bad.yaml")));
        assertTrue(bad.getMessage().contains("is not valid YAML at line"), bad.getMessage());
        Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");
        AnswersException list = assertThrows(AnswersException.class, () -> AnswersFile.read(dir.resolve("list.yaml")));
        assertTrue(list.getMessage().contains("must be a mapping"), list.getMessage());
        Files.writeString(dir.resolve("empty.yaml"), "");
        assertTrue(AnswersFile.read(dir.resolve("empty.yaml")).isEmpty());
    }
}
