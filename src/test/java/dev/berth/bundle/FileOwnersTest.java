package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serviceUsers} and {@code fileOwners}: a rendered file a non-root container reads is given to that user,
 * still private (never world-readable when it holds a secret).
 */
class FileOwnersTest {
    @TempDir
    Path tmp;

    private static RenderedRelease render(Bundle bundle) throws Exception {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("TEXT", "t");
        raw.put("MODELS", List.of(Map.of("NAME", "m", "KEY", "k")));
        return Renderer.render(bundle, AnswersResolver.resolve(bundle, raw), RendererTest.BUILTINS);
    }

    @Test
    void aFileGivenToAServiceUserIsRenderedWithThatOwnerAndStaysPrivate() throws Exception {
        Bundle b = ScratchBundle.ofMini(tmp).append("""
                serviceUsers:
                  app: "1000:1000"      # the image's USER
                fileOwners:
                  - {path: .env, for: app}
                  - {path: run.sh, owner: "636:636", mode: "0640"}
                dataDirs:
                  - {path: app, for: app, mode: "0750"}
                """).load();
        RenderedRelease r = render(b);
        assertEquals("1000:1000", r.file(".env").owner());
        assertEquals(0600, r.file(".env").mode(), "it holds a secret: still 0600");
        assertEquals("636:636", r.file("run.sh").owner());
        assertEquals(0640, r.file("run.sh").mode());
        assertNull(r.file("conf/app.yml").owner(), "not named: root's, as before");
        assertEquals(0644, r.file("conf/app.yml").mode());
        assertEquals(List.of(new DataDir("app", "1000:1000", "0750")), b.dataDirs());
        assertEquals(Map.of("app", "1000:1000"), b.serviceUsers());
    }

    @Test
    void aFolderGivesEveryFileUnderIt() throws Exception {
        Bundle b = ScratchBundle.ofMini(tmp).append("""
                fileOwners:
                  - {path: conf, owner: "1001:1001"}
                """).load();
        RenderedRelease r = render(b);
        for (String f : List.of("conf/app.json", "conf/app.yml", "conf/app.conf", "conf/override.txt")) {
            assertEquals("1001:1001", r.file(f).owner(), f);
        }
        assertNull(r.file("run.sh").owner());
        assertNull(r.file("static.txt").owner());
    }

    @Test
    void mistakesAreReportedWithTheirLines() throws Exception {
        ScratchBundle s = ScratchBundle.ofMini(tmp).append("""
                serviceUsers:
                  db: "999:999"
                  app: "apisix"
                fileOwners:
                  - {path: conf/missing.yml, owner: "1:1"}
                  - {path: conf/app.yml, for: web}
                  - {path: run.sh, owner: "1:1", for: app}
                  - {path: static.txt}
                  - {path: .env, owner: "1000:1000", mode: "0644"}
                  - {path: conf/app.json, owner: "1000:1000", mode: "0660"}
                """);
        List<String> p = s.problems();
        assertHas(p, s.lineOf("db: \"999:999\""), "names service db, which the compose file does not define");
        assertHas(p, s.lineOf("app: \"apisix\""), "numeric uid:gid");
        assertHas(p, s.lineOf("conf/missing.yml"), "neither a file nor a folder");
        assertHas(p, s.lineOf("for: web"), "web is not in serviceUsers");
        assertHas(p, s.lineOf("path: run.sh"), "either owner");
        assertHas(p, s.lineOf("path: static.txt"), "either owner");
        assertHas(p, s.lineOf("mode: \"0644\""), "holds secrets");
        assertHas(p, s.lineOf("mode: \"0660\""), "writable");
    }

    private static void assertHas(List<String> problems, int line, String contains) {
        assertTrue(problems.stream().anyMatch(x -> x.startsWith("bundle.yaml:" + line + ": ") && x.contains(contains)),
                "expected bundle.yaml:" + line + " … " + contains + " in:\n" + String.join("\n", problems));
    }
}
