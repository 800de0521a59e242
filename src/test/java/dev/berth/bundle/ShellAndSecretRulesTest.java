package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the loader and renderer do with shell scripts in argv ({@code sh -ec}, {@code bash -lc} … are scripts too),
 * secrets in argv and URLs (refused: they would sit in a 0755 plan script and in {@code ps}), and the reserved
 * {@code .berth/} folder of a release.
 */
class ShellAndSecretRulesTest {
    private static final String HOOK = "command: [sh, -c, 'echo {{TEXT}}', 'arg {{TEXT}}']";
    private static final String VALUE = "it's \"q\" $(touch /tmp/berth-x) `id` ${HOME} &#/; 中文";

    @TempDir
    Path tmp;

    private static boolean script(List<String> argv, int index) {
        return CommandReader.isShellScript(argv, index);
    }

    @Test
    void everyShellWithAShortFlagGroupHoldingCTakesAScript() {
        assertTrue(script(List.of("sh", "-c", "S"), 2));
        assertTrue(script(List.of("sh", "-ec", "S"), 2));
        assertTrue(script(List.of("sh", "-xc", "S"), 2));
        assertTrue(script(List.of("bash", "-lc", "S"), 2));
        assertTrue(script(List.of("/bin/sh", "-ec", "S"), 2));
        assertTrue(script(List.of("/usr/bin/zsh", "-c", "S"), 2));
        assertTrue(script(List.of("dash", "-e", "-c", "S"), 3));
        assertTrue(script(List.of("ash", "-ce", "S"), 2), "flags after c: the first operand is still the script");
        assertTrue(script(List.of("bash", "-o", "pipefail", "-c", "S"), 4));
        assertTrue(script(List.of("bash", "-c", "-e", "S"), 3), "options go on after -c; the first operand is it");
        assertFalse(script(List.of("bash", "-o", "pipefail", "-c", "S"), 2), "pipefail is -o's argument");
        assertFalse(script(List.of("sh", "-c", "S", "name", "arg"), 3), "$0 of the script");
        assertFalse(script(List.of("sh", "-c", "S", "name", "arg"), 4), "$1 of the script");
        assertFalse(script(List.of("sh", "-e", "run.sh"), 2), "a script file, not a script");
        assertFalse(script(List.of("sh", "run.sh", "-c", "x"), 3), "options end at the first operand");
        assertFalse(script(List.of("echo", "-c", "S"), 2), "echo is no shell");
        assertFalse(script(List.of("sh", "-c", "S"), 1));
    }

    private RenderedRelease render(ScratchBundle b, String text) throws Exception {
        Bundle bundle = b.load();
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("TEXT", text);
        raw.put("MODELS", List.of(Map.of("NAME", "m")));
        return Renderer.render(bundle, AnswersResolver.resolve(bundle, raw), RendererTest.BUILTINS);
    }

    private static String runSh(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void aScriptBehindCombinedFlagsGetsItsValuesShellQuoted() throws Exception {
        ScratchBundle b = ScratchBundle.ofMini(tmp).replace(HOOK, "command: [/bin/sh, -ec, 'printf %s {{TEXT}}']");
        List<String> argv = render(b, VALUE).hooks().get(0).command();
        assertEquals("/bin/sh", argv.get(0));
        assertEquals(VALUE, runSh(argv), "the shell printed the value, nothing of it ran");
    }

    @Test
    void anUnquotedValueInACombinedFlagScriptMustBeASafeType() throws Exception {
        ScratchBundle b = ScratchBundle.ofMini(tmp).replace(HOOK, "command: [bash, -lc, 'echo {{&TEXT}}']");
        List<String> p = b.problems();
        int line = b.lineOf("bash, -lc");
        assertTrue(p.stream().anyMatch(x -> x.startsWith("bundle.yaml:" + line + ": ")
                && x.contains("TEXT is of type text") && x.contains("unquoted")), String.join("\n", p));
    }

    private static void assertSecretRefused(ScratchBundle b, String where, String name) throws Exception {
        List<String> p = b.problems();
        int line = b.lineOf(where);
        assertTrue(p.stream().anyMatch(x -> x.startsWith("bundle.yaml:" + line + ": ") && x.contains(name)
                        && x.contains("secret") && x.contains("file or the environment")),
                "expected bundle.yaml:" + line + " refusing " + name + " in:\n" + String.join("\n", p));
    }

    @Test
    void aSecretInAHookCommandIsRefused() throws Exception {
        assertSecretRefused(ScratchBundle.ofMini(tmp).replace(HOOK, "command: [sh, -ec, 'login {{TOKEN}}']"),
                "login {{TOKEN}}", "TOKEN");
    }

    @Test
    void aSecretInAReadinessCommandIsRefused() throws Exception {
        assertSecretRefused(ScratchBundle.ofMini(tmp).replace("[test, -e, '{{TEXT}}']", "[test, -e, '{{PASS}}']"),
                "{{PASS}}", "PASS");
    }

    @Test
    void aSecretListFieldInAnActionCommandIsRefused() throws Exception {
        assertSecretRefused(ScratchBundle.ofMini(tmp).append("""
                actions:
                  - name: dump
                    label: {zh: 导出, en: Dump}
                    command: [tool, '{{#MODELS}}--key={{KEY}} {{/MODELS}}']
                """), "--key={{KEY}}", "KEY");
    }

    @Test
    void aSecretInAProbeOrReadinessUrlIsRefusedEvenWhenItCarriesNoSyntax() throws Exception {
        ScratchBundle b = ScratchBundle.ofMini(tmp).replace("parameters:\n", """
                parameters:
                  - name: PROBE_KEY
                    type: secret
                    label: {zh: 探测密钥, en: Probe key}
                    pattern: '^[a-f0-9]+$'
                    generate: {bytes: 8, alphabet: hex}
                """).replace("'http://127.0.0.1:{{PORT}}/ready'", "'http://127.0.0.1:{{PORT}}/ready?k={{PROBE_KEY}}'")
                .append("""
                probes:
                  - name: app
                    url: http://127.0.0.1:{{PORT}}/health?key={{PROBE_KEY}}
                """);
        assertSecretRefused(b, "/health?key=", "PROBE_KEY");
        assertSecretRefused(b, "/ready?k=", "PROBE_KEY");
    }

    @Test
    void aSecretInAShellScriptFileIsStillFine() throws Exception {
        // The remedy the refusal names: a rendered 0600 script (or an env file) the command runs.
        Bundle bundle = ScratchBundle.ofMini(tmp).write("templates/conf/login.sh", "TOKEN={{TOKEN}}\n")
                .replace(HOOK, "command: [sh, -ec, '. ./conf/login.sh; echo {{TEXT}}']").load();
        assertEquals("greet", bundle.hooks().get(0).name());
    }

    @Test
    void nothingMayRenderIntoTheReservedBerthFolder() throws Exception {
        ScratchBundle b = ScratchBundle.ofMini(tmp).write("templates/.berth/plan.sh", "echo {{TEXT}}\n")
                .write("files/.berth/job-lib.sh", "echo\n");
        List<String> p = b.problems();
        assertTrue(p.stream().anyMatch(x -> x.startsWith("templates/.berth/plan.sh: ") && x.contains(".berth/")
                && x.contains("reserved")), String.join("\n", p));
        assertTrue(p.stream().anyMatch(x -> x.startsWith("files/.berth/job-lib.sh: ") && x.contains("reserved")),
                String.join("\n", p));
    }
}
