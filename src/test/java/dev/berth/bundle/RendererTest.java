package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.target.ComposeVariant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {
    static final String HOSTILE = "it's \"q\" $(touch x) ${HOME} &#/, \\ 中文\nline2";
    static final Builtins BUILTINS = Builtins.of("/srv/app", "r7", "mini", "10.0.0.5");
    static Bundle mini;
    static RenderedRelease release;

    @BeforeAll
    static void render() throws Exception {
        mini = BundleLoader.load(TestPaths.testBundle("mini"));
        release = Renderer.render(mini, AnswersResolver.resolve(mini, answers(HOSTILE)), BUILTINS);
    }

    @Test
    void eachFormatReadsBackTheValue() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode compose = yaml.readTree(release.file("docker-compose.yml").text());
        assertEquals(HOSTILE.replace("$", "$$"), compose.path("services").path("app").path("environment")
                .path("TEXT").asText());
        JsonNode app = yaml.readTree(release.file("conf/app.yml").text());
        assertEquals(HOSTILE, app.path("text").asText());
        assertEquals(HOSTILE, new ObjectMapper().readTree(release.file("conf/app.json").text()).path("text").asText());
        assertEquals(8080, new ObjectMapper().readTree(release.file("conf/app.json").text()).path("port").asInt());
        assertTrue(release.file("run.sh").text().startsWith("TEXT='it'\\''s"), release.file("run.sh").text());
        assertTrue(release.file("conf/override.txt").text().startsWith("TEXT='it'\\''s"), "formats: override");
        assertTrue(release.file(".env").text().startsWith("TEXT=\"it's \\\"q\\\""), release.file(".env").text());
    }

    @Test
    void dotenvIsSpelledForTheComposeThatReadsIt() throws Exception {
        RenderedRelease v2 = Renderer.render(mini, AnswersResolver.resolve(mini, answers(HOSTILE)), BUILTINS,
                ComposeVariant.V2_PLUGIN.dotenvDialect());
        // compose-go: '$' doubled (python-dotenv's "$${}{" would read back as "${}{"), no ${} before a backslash.
        assertEquals("TEXT=\"it's \\\"q\\\" $$(touch x) $${HOME} &#/, \\\\ 中文\\nline2\"\nTOKEN='tok'\n",
                v2.file(".env").text());
        assertEquals(release.file("docker-compose.yml").text(), v2.file("docker-compose.yml").text());
    }

    @Test
    void aValueAFormatCannotCarryIsRefusedNamingTheParameter() throws Exception {
        String lone = "a\ud800b"; // half a surrogate pair: no UTF-8 file can hold it
        ResolvedAnswers answers = AnswersResolver.resolve(mini, answers(lone));
        RenderException e = assertThrows(RenderException.class, () -> Renderer.render(mini, answers, BUILTINS,
                ComposeVariant.V1_STANDALONE.dotenvDialect()));
        assertTrue(e.sentence().en().contains("TEXT"), e.sentence().en());
        assertTrue(e.sentence().en().contains("templates/"), e.sentence().en());
        assertFalse(e.sentence().en().contains(lone), "the value itself is never shown");
        assertTrue(e.sentence().zh().contains("TEXT"), e.sentence().zh());
    }

    private static Map<String, Object> answers(String text) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("TEXT", text);
        raw.put("TOKEN", "tok");
        raw.put("TLS", true);
        raw.put("CERT", "c");
        raw.put("MODELS", List.of(Map.of("NAME", "a: b"), Map.of("NAME", "c", "CTX", 4096)));
        return raw;
    }

    @Test
    void rawFilesTakeSafeValuesAsTheyAre() {
        assertEquals("port=8080\nhost=example.com\ndata=/srv/app/data\nembed=ollama\ntls=on\n",
                release.file("conf/app.conf").text());
    }

    @Test
    void listsHaveAZeroBasedIndex() throws Exception {
        JsonNode models = new ObjectMapper(new YAMLFactory()).readTree(release.file("conf/app.yml").text())
                .path("models");
        assertEquals(0, models.get(0).path("index").asInt());
        assertEquals("a: b", models.get(0).path("name").asText());
        assertEquals(8192, models.get(0).path("ctx").asInt());
        assertEquals(1, models.get(1).path("index").asInt());
        assertEquals(4096, models.get(1).path("ctx").asInt());
    }

    @Test
    void modesFollowSecretsAndExecutableBits() {
        assertEquals(0600, release.file(".env").mode(), ".env holds TOKEN");
        assertEquals(0644, release.file("docker-compose.yml").mode());
        assertEquals(0644, release.file("conf/app.yml").mode());
        assertEquals(0755, release.file("bin/tool.sh").mode());
        assertEquals(0644, release.file("static.txt").mode());
        assertEquals("static {{TEXT}}\n", release.file("static.txt").text(), "files/ are copied as they are");
    }

    @Test
    void stepsAreRenderedForTheirContext() {
        assertEquals(new Readiness.Http("http://127.0.0.1:8080/ready", 204), release.stages().get(0).ready());
        assertEquals(new Readiness.Command(List.of("test", "-e", HOSTILE)), release.stages().get(1).ready());
        // The -c script is parsed by a shell, so the value is shell-quoted there and raw in the plain argument.
        List<String> cmd = release.hooks().get(0).command();
        assertEquals("echo " + dev.berth.text.Quote.shell(HOSTILE), cmd.get(2));
        assertEquals("arg " + HOSTILE, cmd.get(3));
    }

    @Test
    void writeToKeepsModes(@TempDir Path out) throws Exception {
        release.writeTo(out);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(".env"))));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                out.resolve("bin/tool.sh"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                out.resolve("conf/app.yml"))));
        assertEquals(release.file("conf/app.yml").text(), Files.readString(out.resolve("conf/app.yml")));
    }

    @Test
    void aBundleWithWindowsLineEndsRendersLinuxOnesAndKeepsBinaryFiles(@TempDir Path tmp) throws Exception {
        // As git on Windows checks a bundle out (core.autocrlf): every text file with CR LF.
        ScratchBundle b = ScratchBundle.ofMini(tmp);
        try (var walk = Files.walk(b.dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Files.writeString(p, Files.readString(p).replace("\n", "\r\n"));
            }
        }
        byte[] binary = {'#', '!', 0, '\r', '\n', 1};
        Files.write(b.dir.resolve("files/static.bin"), binary);
        Bundle crlf = BundleLoader.load(b.dir);
        RenderedRelease r = Renderer.render(crlf, AnswersResolver.resolve(crlf, answers(HOSTILE)), BUILTINS);
        for (RenderedFile f : r.files()) {
            if (!f.path().equals("static.bin") && !f.path().equals("static.txt")) {
                assertFalse(f.text().contains("\r"), f.path() + " still has CR: " + f.text());
            }
        }
        assertTrue(r.file("bin/tool.sh").text().startsWith("#!/bin/sh\necho tool"), "the script runs on Linux");
        assertEquals(release.file(".env").text(), r.file(".env").text(), "the .env values end where they should");
        assertEquals(release.file("docker-compose.yml").text(), r.file("docker-compose.yml").text());
        assertTrue(java.util.Arrays.equals(binary, r.file("static.bin").content()), "binary data byte for byte");
    }

    @Test
    void aMissingValueIsAnErrorNeverEmpty() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("TEXT", "x");
        RenderException e = assertThrows(RenderException.class, () -> Renderer.render(mini,
                new ResolvedAnswers(values, java.util.Set.of(), java.util.Set.of(), java.util.Set.of(),
                        java.util.Set.of()), BUILTINS));
        assertFalse(e.sentence().en().isBlank());
        assertTrue(e.sentence().en().contains("cannot be rendered"), e.sentence().en());
    }

    @Test
    void builtinsRefuseSyntax() {
        assertThrows(IllegalArgumentException.class, () -> Builtins.of("/opt/my app", "r1", "p", "h"));
        assertThrows(IllegalArgumentException.class, () -> Builtins.of("/opt/x", "r1", "p", "h;rm"));
    }
}
