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

    private static final String COMPOSE = """
            version: "2.4"
            services:
              app:
                image: "mini/app:1.0"
            %s
                volumes:
                  - ./conf:/etc/app:ro
                  - type: bind
                    source: ./run.sh
                    target: /run.sh
            """;

    @Test
    void aNonRootServiceMountingASecretItWasNotGivenIsRefused() throws Exception {
        ScratchBundle s = ScratchBundle.ofMini(tmp).write("templates/docker-compose.yml", COMPOSE.formatted(""))
                .write("templates/conf/secret.yml", "token: {{TOKEN}}\n")
                .write("templates/run.sh", "TOKEN={{TOKEN}}\n")
                .append("""
                serviceUsers:
                  app: "1000:1000"
                fileOwners:
                  - {path: run.sh, owner: "2000:1000", mode: "0640"}
                """);
        List<String> p = s.problems();
        assertHas(p, s.lineOf("app: \"1000:1000\""), "service app runs as 1000:1000 and mounts conf/secret.yml");
        assertHas(p, s.lineOf("app: \"1000:1000\""), "add {path: conf/secret.yml, for: app} to fileOwners");
        assertEquals(1, p.size(), "run.sh is group-readable by gid 1000: fine\n" + String.join("\n", p));
    }

    @Test
    void aComposeUserCountsTooAndMustAgreeWithServiceUsers() throws Exception {
        ScratchBundle s = ScratchBundle.ofMini(tmp)
                .write("templates/docker-compose.yml", COMPOSE.formatted("    user: \"1000\""))
                .write("templates/conf/secret.yml", "token: {{TOKEN}}\n");
        List<String> p = s.problems();
        assertTrue(p.stream().anyMatch(x -> x.startsWith("templates/docker-compose.yml: ")
                && x.contains("service app runs as 1000 and mounts conf/secret.yml")
                && x.contains("{path: conf/secret.yml, owner: \"1000\"}")), String.join("\n", p));

        s.append("""
                serviceUsers:
                  app: "1001:1001"
                fileOwners:
                  - {path: conf/secret.yml, for: app}
                """);
        p = s.problems();
        assertHas(p, s.lineOf("app: \"1001:1001\""), "its user: in the compose file is 1000");
    }

    /** The problems of a project bundle once its fileOwners entries are taken out. */
    private List<String> withoutFileOwners(String bundle) throws Exception {
        Path copy = tmp.resolve(bundle);
        copy(TestPaths.project().resolve("bundles").resolve(bundle), copy);
        Path manifest = copy.resolve("bundle.yaml");
        String text = java.nio.file.Files.readString(manifest);
        java.nio.file.Files.writeString(manifest, text.replaceAll("(?m)^  - \\{path: [^}]*, for: [a-z]+\\}.*\\n", "")
                .replace("fileOwners:\n", ""));
        BundleException e = org.junit.jupiter.api.Assertions.assertThrows(BundleException.class,
                () -> BundleLoader.load(copy));
        return e.problems().stream().map(BundleProblem::toString).toList();
    }

    @Test
    void theDemoWithoutItsFileOwnersIsRefused() throws Exception {
        // The field defect: web runs as 1000:1000 and reads the 0600 token.sh; without fileOwners it could not.
        List<String> p = withoutFileOwners("demo");
        assertTrue(p.stream().anyMatch(x -> x.contains("service web runs as 1000:1000 and mounts conf/web/token.sh")),
                String.join("\n", p));
    }

    @Test
    void theGatewaysAndLoginOfTheRealBundlesNeedTheirFileOwners() throws Exception {
        // What kept the CoStrict and Zhuge Shenma gateways (APISIX, uid 636) and login (Keycloak, 1000) from starting.
        List<String> costrict = withoutFileOwners("costrict");
        assertTrue(costrict.stream().anyMatch(x -> x.contains("service apisix runs as 636:636 and mounts"
                + " apisix/config.yaml")), String.join("\n", costrict));
        List<String> zhuge = withoutFileOwners("zhugeshenma");
        assertTrue(zhuge.stream().anyMatch(x -> x.contains("service apisix runs as 636:636 and mounts"
                + " apisix/config.yaml")), String.join("\n", zhuge));
        assertTrue(zhuge.stream().anyMatch(x -> x.contains("service keycloak runs as 1000:0 and mounts"
                + " keycloak/import/realm.json")), String.join("\n", zhuge));
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (var walk = java.nio.file.Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(t);
                } else {
                    java.nio.file.Files.copy(p, t);
                }
            }
        }
    }
}
