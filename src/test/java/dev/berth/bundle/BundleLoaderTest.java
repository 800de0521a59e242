package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BundleLoaderTest {

    private static List<String> problems(String bundle) {
        BundleException e = assertThrows(BundleException.class, () -> BundleLoader.load(TestPaths.testBundle(bundle)));
        return e.problems().stream().map(BundleProblem::toString).toList();
    }

    private static void assertHas(List<String> problems, String prefix, String contains) {
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(prefix) && p.contains(contains)),
                "expected a problem starting " + prefix + " containing '" + contains + "' in:\n"
                        + String.join("\n", problems));
    }

    /**
     * BUNDLE fails to load with as many problems as EXPECTED has lines, and each line is one of them: the place (up
     * to the line's first ": ") it starts with, then what it says.
     */
    private static void assertProblems(String bundle, String expected) {
        List<String> problems = problems(bundle);
        String[] lines = expected.strip().split("\n");
        for (String line : lines) {
            int text = line.indexOf(": ") + 2;
            assertHas(problems, line.substring(0, text), line.substring(text));
        }
        assertEquals(lines.length, problems.size(), String.join("\n", problems));
    }

    @Test
    void manifestProblemsAreAllReportedWithTheirLines() {
        assertProblems("bad-manifest", """
                bundle.yaml:4: unknown key 'colour'
                bundle.yaml:9: must be true/false, not text
                bundle.yaml:10: parameter WEB_PORT is defined twice
                bundle.yaml:21: tests MODE for 'b'
                bundle.yaml:21: when names NOPE, which is not a parameter
                bundle.yaml:22: unknown key 'colour'
                bundle.yaml:26: must be a whole number, not text
                bundle.yaml:28: uses the tag latest
                bundle.yaml:29: has no tag
                bundle.yaml:31: requirements.ports names MODE, which is not a port parameter
                bundle.yaml:35: names service db, which the compose file does not define
                bundle.yaml:38: after names stage two
                bundle.yaml:39: names service cache
                """);
    }

    @Test
    void templateProblemsNameTheTemplateLine() {
        assertProblems("bad-templates", """
                templates/docker-compose.yml:7: GREETING is of type text
                templates/docker-compose.yml:9: references UNDEFINED
                templates/docker-compose.yml:10: MODELS is a list
                templates/conf/app.conf:1: every reference here is unquoted
                templates/conf/app.conf:3: never closed
                templates/conf/both.txt: both templates/ and files/
                bundle.yaml:18: GREETING is of type text
                """);
    }

    @Test
    void yamlSyntaxErrorHasALine() {
        List<String> p = problems("bad-yaml");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).matches("bundle\\.yaml:[34]: not valid YAML: .*"), p.get(0));
    }

    @Test
    void missingManifestIsOneClearProblem() {
        List<String> p = problems("no-manifest");
        assertEquals(1, p.size());
        assertTrue(p.get(0).contains("there is no bundle.yaml"), p.get(0));
    }

    @Test
    void problemsHaveBothLanguages() {
        BundleException e = assertThrows(BundleException.class,
                () -> BundleLoader.load(TestPaths.testBundle("bad-manifest")));
        BundleProblem first = e.problems().get(0);
        assertTrue(first.message().zh().startsWith("bundle.yaml:4: "));
        assertTrue(first.message().zh().contains("未知"), first.message().zh());
    }

    @Test
    void miniBundleLoads() throws Exception {
        Bundle b = BundleLoader.load(TestPaths.testBundle("mini"));
        assertEquals(Format.SHELL, b.formatOf("conf/override.txt"));
        assertEquals(Format.ENV, b.formatOf(".env"));
        assertEquals(Format.COMPOSE, b.formatOf("docker-compose.yml"));
        assertEquals(Format.RAW, b.formatOf("conf/app.conf"));
        assertEquals(List.of("bin/tool.sh", "static.txt"), b.files());
        assertEquals(new Readiness.Http("http://127.0.0.1:{{PORT}}/ready", 204), b.stages().get(0).ready());
        assertTrue(b.parameter("MODELS").field("KEY").isSecret());
    }

    @Test
    void catalogListsGoodAndBrokenBundles() throws Exception {
        List<BundleCatalog.Entry> entries = BundleCatalog.list(TestPaths.project().resolve("src/test/resources/bundles"));
        assertEquals(List.of("bad-manifest", "bad-templates", "bad-yaml", "cluster-demo", "kv", "kv-1.1", "mini",
                "no-manifest"), entries.stream().map(BundleCatalog.Entry::name).toList());
        assertEquals(List.of(false, false, false, true, true, true, true, false),
                entries.stream().map(BundleCatalog.Entry::ok).toList());
        assertTrue(entries.get(0).error().problems().size() > 1);
    }

    @Test
    void imageTags() {
        assertEquals("1.0", ImageReader.imageTag("reg.example.com:5000/a/b:1.0"));
        assertEquals(null, ImageReader.imageTag("reg.example.com:5000/a/b"));
        assertEquals("@sha256:abc", ImageReader.imageTag("a/b@sha256:abc"));
    }
}
