package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading and planning of {@code checks:}, and the token-pattern rule for unquoted text/secret values. */
class ServerChecksTest {
    static final String HEAD = """
            id: t
            version: 1.0.0
            name: {zh: 测试, en: Test}
            parameters:
              - {name: URL, type: url, label: {zh: 地址, en: URL}}
              - {name: MODEL, type: text, label: {zh: 模型, en: Model}, default: m1}
              - {name: KEY, type: secret, label: {zh: 密钥, en: Key}, required: false}
              - {name: CTX, type: int, label: {zh: 上下文, en: Context}, default: 128000}
              - {name: ON, type: bool, label: {zh: 开, en: On}, default: false}
            """;

    static Path bundle(Path dir, String yaml, String compose) throws Exception {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("bundle.yaml"), yaml);
        Files.writeString(dir.resolve("templates/docker-compose.yml"), compose);
        return dir;
    }

    static final String COMPOSE = "services:\n  web:\n    image: busybox:1.36\n";

    static List<String> problems(Path dir) {
        BundleException e = assertThrows(BundleException.class, () -> BundleLoader.load(dir));
        return e.problems().stream().map(BundleProblem::toString).toList();
    }

    static void assertHas(List<String> problems, String contains) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(contains)), contains + " not in:\n"
                + String.join("\n", problems));
    }

    @Test
    void badChecksAreReportedWithTheirLines(@TempDir Path dir) throws Exception {
        List<String> p = problems(bundle(dir, HEAD + """
                checks:
                  - id: both
                    label: {zh: 两个, en: Both}
                    http: {url: "{{URL}}"}
                    minimum: {param: CTX, value: 1, message: {zh: 小, en: Small}}
                  - id: text-min
                    label: {zh: 文本, en: Text}
                    minimum: {param: MODEL, value: 1, message: {zh: 小, en: Small}}
                  - id: bad-http
                    label: {zh: 坏, en: Bad}
                    when: {MODEL: [m1]}
                    severity: loud
                    http:
                      method: DELETE
                      url: "{{NOPE}}"
                      colour: red
                      headers: {"Bad Header": x}
                      body: '@/etc/passwd'
                  - id: unquoted
                    label: {zh: 未加引号, en: Unquoted}
                    http: {url: "{{URL}}", body: '{"k": "{{&KEY}}"}'}
                """, COMPOSE));
        assertHas(p, "check both needs exactly one of http and minimum");
        assertHas(p, "names MODEL, which is not an int parameter");
        assertHas(p, "check bad-http: when can only test choice or bool parameters; MODEL is text.");
        assertHas(p, "severity must be fail or warn");
        assertHas(p, "method must be one of GET, POST, PUT, HEAD.");
        assertHas(p, "NOPE");
        assertHas(p, "unknown key 'colour'");
        assertHas(p, "'Bad Header' is not a valid HTTP header name");
        assertHas(p, "body cannot start with @");
        assertHas(p, "KEY");
        assertTrue(p.stream().allMatch(x -> x.startsWith("bundle.yaml:")), String.join("\n", p));
    }

    @Test
    void planRendersOnlyWhatAppliesQuotesTheBodyAndHidesSecrets(@TempDir Path dir) throws Exception {
        Bundle b = BundleLoader.load(bundle(dir, HEAD + """
                checks:
                  - id: chat
                    label: {zh: 对话, en: Chat}
                    http:
                      method: POST
                      url: "{{URL}}/v1/chat/completions"
                      headers: {Authorization: "{{#KEY}}Bearer {{KEY}}{{/KEY}}", X-Model: "{{MODEL}}"}
                      body: '{"model": {{MODEL}}}'
                      model: "{{MODEL}}"
                  - id: only-when-on
                    label: {zh: 开, en: On}
                    when: {ON: [true]}
                    http: {url: "{{URL}}"}
                  - id: ctx
                    label: {zh: 上下文, en: Context}
                    minimum: {param: CTX, value: 64000, message: {zh: 太小, en: Too small}}
                """, COMPOSE));
        ResolvedAnswers a = AnswersResolver.resolve(b, Map.of("URL", "http://10.0.0.1:8000",
                "MODEL", "a\"b\\c"));
        ServerChecks.Planned p = ServerChecks.plan(b, a, Builtins.of("/opt/x", "r", "t", "h"));
        assertEquals(1, p.http().size());
        ServerChecks.HttpCheck c = p.http().get(0);
        assertEquals("http://10.0.0.1:8000/v1/chat/completions", c.url());
        assertEquals("{\"model\": \"a\\\"b\\\\c\"}", c.body());
        assertEquals(Map.of("X-Model", "a\"b\\c"), c.headers(), "an empty key sends no Authorization header");
        assertEquals("a\"b\\c", c.model());
        ServerChecks.MinimumCheck m = p.minimums().get(0);
        assertEquals(List.of("ctx", "CTX", 128000L, 64000L, "Too small"),
                List.of(m.id(), m.param(), m.actual(), m.minimum(), m.message().en()));

        ResolvedAnswers withKey = AnswersResolver.resolve(b, Map.of("URL", "http://h:1", "KEY", "sk-secret",
                "ON", true));
        ServerChecks.Planned p2 = ServerChecks.plan(b, withKey, Builtins.of("/opt/x", "r", "t", "h"));
        assertEquals(List.of("chat", "only-when-on"), p2.http().stream().map(ServerChecks.HttpCheck::id).toList());
        assertEquals("Bearer sk-secret", p2.http().get(0).headers().get("Authorization"));
        assertFalse(p2.http().get(0).toString().contains("sk-secret"));
    }

    @Test
    void textWithATokenPatternMayBeInsertedUnquoted(@TempDir Path dir) throws Exception {
        String yaml = """
                id: t
                version: 1.0.0
                name: {zh: 测试, en: Test}
                parameters:
                  - {name: PW, type: secret, label: {zh: 密码, en: Password}, pattern: '^[A-Za-z0-9._~-]{12,64}$'}
                  - {name: ID, type: text, label: {zh: 标识, en: Id}, pattern: '^[a-z0-9]+$', default: abc}
                  - {name: LOOSE, type: text, label: {zh: 宽松, en: Loose}, pattern: '^[A-Za-z0-9 ]+$', default: a}
                """;
        Bundle b = BundleLoader.load(bundle(dir.resolve("ok"), yaml,
                COMPOSE + "    environment:\n      DSN: \"postgres://u:{{&PW}}@db/{{&ID}}\"\n"));
        assertTrue(b.parameter("PW").carriesNoSyntax());
        assertTrue(b.parameter("ID").carriesNoSyntax());
        assertFalse(b.parameter("LOOSE").carriesNoSyntax(), "a space is not a token character");
        List<String> p = problems(bundle(dir.resolve("bad"), yaml,
                COMPOSE + "    environment:\n      X: \"{{&LOOSE}}\"\n"));
        assertHas(p, "LOOSE");
        RenderedRelease r = Renderer.render(b, AnswersResolver.resolve(b, Map.of("PW", "abc.DEF~123-_x")),
                Builtins.of("/opt/x", "r", "t", "h"));
        assertTrue(r.file("docker-compose.yml").text().contains("postgres://u:abc.DEF~123-_x@db/abc"));
        assertThrows(AnswersException.class, () -> AnswersResolver.resolve(b, Map.of("PW", "has space 123456")));
    }
}
