package dev.berth.cli;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.bundle.AnswersFile;
import dev.berth.profile.Profile;
import dev.berth.profile.ProfileStore;
import dev.berth.testsupport.TestTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Profiles through the CLI: saved after a real deploy, then enough on their own for deploy, status, follow, render. */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliProfileTest {
    private static final String INSTALL_DIR = "/opt/berth-test/profiledemo";
    private static final int PORT = 18491;
    private static final String NAME = "demo-prod";
    private static TestTarget target;
    private static String demo;
    private static Path home;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void setUp() {
        target = TestTarget.get();
        home = TestTarget.newBerthHome();
        System.setProperty("berth.home", home.toString());
        demo = Path.of(System.getProperty("berth.projectDir"), "bundles", "demo").toString();
        clean();
    }

    @AfterAll
    static void clean() {
        dev.berth.testsupport.TestInstalls.removeUnder(INSTALL_DIR);
    }

    private static Path answers(String yaml) throws Exception {
        Path f = Files.createTempFile(tmp, "answers", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private static ProfileStore store() {
        return new ProfileStore(home);
    }

    private static Map<String, Object> liveAnswers() throws Exception {
        Path copy = Files.createTempFile(tmp, "live", ".yaml");
        TestTarget.runLocalOk("cat " + INSTALL_DIR + "/current/.berth/answers.yaml > " + copy);
        return AnswersFile.read(copy);
    }

    @Test
    @Order(1)
    void aBadProfileNameIsRefusedBeforeConnecting() {
        CliRun r = CliRun.run("deploy", "--bundle", demo, "--target", "nobody@192.0.2.1", "--save-profile", "../x");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("The profile name '../x' is not allowed"), r.toString());
        assertFalse(r.err().contains("Connecting"), "refused before any connection: " + r);
        assertTrue(r.clean(), r.toString());
    }

    @Test
    @Order(2)
    void deployWithSaveProfileKeepsTheAnswersUsedAndNoSecretInPlainText() throws Exception {
        CliRun r = CliRun.run("deploy", "--bundle", demo, "--answers", answers("WEB_PORT: " + PORT + "\nGREETING: first\n").toString(),
                "--images", target.imagesDir().toString(),
                "--target", target.user() + "@" + target.host() + ":" + target.port(), "--identity", target.ed25519Key().toString(),
                "--host-key", target.hostKeyFingerprint(), "--install-dir", INSTALL_DIR, "--save-profile", NAME);
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Saved profile " + NAME), r.toString());

        Profile p = store().load(NAME).orElseThrow();
        Map<String, Object> live = liveAnswers();
        String token = (String) live.get("API_TOKEN");
        assertTrue(token.matches("[0-9a-f]{32}"), "a generated token was deployed: " + live);
        assertEquals(token, p.answers().get("API_TOKEN"), "the profile keeps the generated secret actually used");
        assertEquals((long) PORT, p.answers().get("WEB_PORT"));
        assertEquals("first", p.answers().get("GREETING"));
        assertEquals(INSTALL_DIR, p.target().installDir());
        assertEquals(target.hostKeyFingerprint(), p.target().hostKey());
        assertEquals(target.ed25519Key(), p.target().identity());

        Path file = store().fileOf(NAME);
        byte[] bytes = Files.readAllBytes(file);
        assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains(token), "the token is on disk in plain text");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("profile.key"))));
    }

    @Test
    @Order(3)
    void statusAndFollowNeedOnlyTheProfile() {
        CliRun status = CliRun.run("status", "--profile", NAME);
        assertEquals(ExitCode.OK, status.exitCode(), status.toString());
        assertTrue(status.out().contains("All healthy."), status.toString());
        assertTrue(status.out().contains(PORT + "->8080/tcp"), status.toString());

        CliRun follow = CliRun.run("follow", "--profile", NAME);
        assertEquals(ExitCode.OK, follow.exitCode(), follow.toString());
        assertTrue(follow.err().contains("switch-current"), follow.toString());
    }

    @Test
    @Order(4)
    void optionsOnTheCommandLineWinOverTheProfile() {
        CliRun r = CliRun.run("status", "--profile", NAME, "--install-dir", "/opt/berth-test/profiledemo-none");
        assertEquals(ExitCode.INVALID_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("There is no Berth deployment in /opt/berth-test/profiledemo-none."), r.toString());
    }

    @Test
    @Order(4)
    void redeployFromTheProfileWithOneAnswerOverridden() throws Exception {
        String token = (String) liveAnswers().get("API_TOKEN");
        CliRun r = CliRun.run("deploy", "--profile", NAME, "--images", target.imagesDir().toString(),
                "--answers", answers("GREETING: from the profile\n").toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.clean(), r.toString());
        assertEquals("from the profile\n", TestTarget.runLocalOk("curl -s http://127.0.0.1:" + PORT + "/greeting.txt"));
        Map<String, Object> live = liveAnswers();
        assertEquals(token, live.get("API_TOKEN"), "the saved secret was used again");
        assertEquals(PORT, ((Number) live.get("WEB_PORT")).intValue());

        CliRun status = CliRun.run("status", "--profile", NAME, "--json");
        assertEquals(ExitCode.OK, status.exitCode(), status.toString());
        assertTrue(new ObjectMapper().readTree(status.out()).get("healthy").asBoolean(), status.toString());
    }

    @Test
    @Order(5)
    void checkAndRenderTakeTheProfileToo() throws Exception {
        CliRun check = CliRun.run("check", "--profile", NAME, "--json");
        // The demo is live on WEB_PORT; the check knows the port is its own deployment's.
        assertTrue(check.exitCode() == ExitCode.OK, check.toString());
        assertTrue(check.err().contains("Probed in"), check.toString());

        Path out = tmp.resolve("rendered");
        CliRun render = CliRun.run("render", "--profile", NAME, "--out", out.toString());
        assertEquals(ExitCode.OK, render.exitCode(), render.toString());
        Map<String, Object> rendered = AnswersFile.read(out.resolve("answers.resolved.yaml"));
        assertEquals(store().load(NAME).orElseThrow().answers().get("API_TOKEN"), rendered.get("API_TOKEN"));
        assertEquals("first", rendered.get("GREETING"), "the profile keeps what was saved, not later overrides");
        assertTrue(Files.readString(out.resolve("docker-compose.yml")).contains(INSTALL_DIR),
                "the profile's install folder reaches the rendered files");
    }

    @Test
    @Order(6)
    void profilesListsThemInBothFormats() throws Exception {
        CliRun list = CliRun.run("profiles");
        assertEquals(ExitCode.OK, list.exitCode(), list.toString());
        assertTrue(list.out().contains(NAME), list.toString());
        assertTrue(list.out().contains("demo"), list.toString());
        assertTrue(list.out().contains(target.user() + "@" + target.host() + ":" + target.port()), list.toString());

        CliRun json = CliRun.run("profiles", "--json");
        JsonNode p = new ObjectMapper().readTree(json.out()).get("profiles").get(0);
        assertEquals(NAME, p.get("name").asText());
        assertEquals(INSTALL_DIR, p.get("installDir").asText());
        assertFalse(json.out().contains((String) liveAnswers().get("API_TOKEN")), "no secret in the listing");

        CliRun zh = CliRun.run("--lang", "zh", "profiles");
        assertTrue(zh.out().contains("保存时间"), zh.toString());
    }

    @Test
    @Order(7)
    void anUnknownOrTamperedProfileIsOneSentence() throws Exception {
        CliRun none = CliRun.run("status", "--profile", "nope");
        assertEquals(ExitCode.INVALID_INPUT, none.exitCode(), none.toString());
        assertTrue(none.err().contains("There is no profile named nope"), none.toString());
        assertTrue(none.clean(), none.toString());

        Path file = store().fileOf(NAME);
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("API_TOKEN: \"aes-gcm:(.{8})", "API_TOKEN: \"aes-gcm:AAAAAAAA"));
        CliRun tampered = CliRun.run("--lang", "zh", "render", "--profile", NAME, "--out", tmp.resolve("r2").toString());
        assertEquals(ExitCode.INVALID_INPUT, tampered.exitCode(), tampered.toString());
        assertTrue(tampered.err().contains("配置档 " + NAME + " 中保存的密钥 API_TOKEN 无法用"), tampered.toString());
        assertTrue(tampered.clean(), tampered.toString());
        CliRun status = CliRun.run("status", "--profile", NAME);
        assertEquals(ExitCode.OK, status.exitCode(), "status needs no secret: " + status);
        Files.writeString(file, text);

        CliRun deleted = CliRun.run("profiles", "--delete", NAME);
        assertEquals(ExitCode.OK, deleted.exitCode(), deleted.toString());
        assertFalse(Files.exists(file));
    }
}
