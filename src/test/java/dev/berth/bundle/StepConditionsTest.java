package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.ProxyToggleBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stages, probes and endpoints with {@code when}, and operator actions: loading, checks and rendering. */
class StepConditionsTest {
    private static String manifest(String stepsExtra) {
        return String.join("\n",
                "id: cond",
                "version: 1.0.0",
                "name: {zh: 条件, en: Conditions}",
                "parameters:",
                "  - {name: PROXY, type: bool, label: {zh: 代理, en: Proxy}, default: false}",
                "  - {name: PORT, type: port, label: {zh: 端口, en: Port}, default: 8080}",
                "  - {name: NAME, type: text, label: {zh: 名称, en: Name}, default: 'it''s'}",
                "images:",
                "  - {ref: 'x/app:1.0', file: app-1.0.tar}",
                "  - {ref: 'x/proxy:1.0', file: proxy-1.0.tar, when: {PROXY: [true]}}",
                "stages:",
                "  - {name: app, label: {zh: 应用, en: App}, services: [app]}",
                "  - {name: proxy, label: {zh: 代理, en: Proxy}, services: [proxy], when: {PROXY: [true]}}",
                "hooks:",
                "  - {name: warm, after: proxy, service: proxy, command: [true]}",
                "probes:",
                "  - {name: direct, url: 'http://127.0.0.1:{{PORT}}/', when: {PROXY: [false]}}",
                "  - {name: proxied, url: 'http://127.0.0.1:80/', when: {PROXY: [true]}}",
                "endpoints:",
                "  - {label: {zh: 网页, en: Web}, url: 'http://{{berth.host}}:{{PORT}}/', when: {PROXY: [false]}}",
                "  - {label: {zh: 网页, en: Web}, url: 'http://{{berth.host}}/', when: {PROXY: [true]}}",
                "actions:",
                "  - name: dump",
                "    label: {zh: 导出, en: Dump}",
                "    service: app",
                "    command: [sh, -c, 'echo {{NAME}}']",
                "    output: backups/app.txt",
                stepsExtra,
                "");
    }

    private static RenderedRelease render(Bundle b, boolean proxy) throws Exception {
        return Renderer.render(b, AnswersResolver.resolve(b, Map.of("PROXY", proxy)),
                Builtins.of("/opt/c", "r1", "cond", "192.0.2.1"));
    }

    @Test
    void stepsFollowTheirConditions(@TempDir Path dir) throws Exception {
        Bundle b = ProxyToggleBundle.write(dir, manifest(""));
        RenderedRelease off = render(b, false);
        assertEquals(List.of("app"), off.stages().stream().map(Stage::name).toList());
        assertEquals(List.of(), off.hooks(), "a hook after a stage left out is left out");
        assertEquals(List.of("direct"), off.probes().stream().map(Probe::name).toList());
        assertEquals(List.of("http://192.0.2.1:8080/"), off.endpoints().stream().map(Endpoint::url).toList());

        RenderedRelease on = render(b, true);
        assertEquals(List.of("app", "proxy"), on.stages().stream().map(Stage::name).toList());
        assertEquals(List.of("warm"), on.hooks().stream().map(Hook::name).toList());
        assertEquals(List.of("proxied"), on.probes().stream().map(Probe::name).toList());
        assertEquals(List.of("http://192.0.2.1/"), on.endpoints().stream().map(Endpoint::url).toList());
        assertTrue(on.file("docker-compose.yml").text().contains("proxy:"));
        assertEquals(List.of("x/app:1.0"), b.imagesFor(AnswersResolver.resolve(b, Map.of("PROXY", false))).stream()
                .map(ImageRef::ref).toList());
        assertEquals(List.of("x/app:1.0", "x/proxy:1.0"), b.imagesFor(AnswersResolver.resolve(b,
                Map.of("PROXY", true))).stream().map(ImageRef::ref).toList());
    }

    @Test
    void actionsAreLoadedAndRenderedAsArgv(@TempDir Path dir) throws Exception {
        Bundle b = ProxyToggleBundle.write(dir, manifest(""));
        Action a = render(b, false).action("dump");
        assertEquals("app", a.service());
        assertEquals(List.of("sh", "-c", "echo 'it'\\''s'"), a.command());
        assertEquals("backups/app.txt", a.output());
        assertEquals(600, a.timeoutSeconds());
        assertEquals("Dump", b.action("dump").label().en());
    }

    @Test
    void badConditionsAndActionsAreReported(@TempDir Path dir) throws Exception {
        String bad = manifest(String.join("\n",
                "  - {name: dump, label: {zh: 导出, en: Dump}, command: [x]}",
                "  - {name: nowhere, label: {zh: 无, en: None}, service: db, command: [x], output: ../etc/passwd}",
                "  - {name: bare, label: {zh: 空, en: Bare}}"))
                .replace("when: {PROXY: [true]}}\nhooks", "when: {PROXY: [maybe], NAME: [x]}}\nhooks")
                .replace("services: [app]}", "services: [app, proxy]}");
        BundleException e = assertThrows(BundleException.class, () -> ProxyToggleBundle.write(dir, bad));
        String all = String.join("\n", e.problems().stream().map(p -> p.toString()).toList());
        assertTrue(all.contains("stage proxy: when tests PROXY for 'maybe'"), all);
        assertTrue(all.contains("stage proxy: when can only test choice or bool parameters; NAME is text"), all);
        assertTrue(all.contains("stage app names service proxy, which the compose file does not define"), all);
        assertTrue(all.contains("action dump is defined twice"), all);
        assertTrue(all.contains("action nowhere names service db"), all);
        assertTrue(all.contains("action nowhere: output must be a file path relative to the data folder"), all);
        assertTrue(all.contains("action bare is missing 'command'"), all);
    }
}
