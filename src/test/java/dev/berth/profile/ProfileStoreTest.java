package dev.berth.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.ssh.TargetSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    static Bundle demo;
    static Bundle coze;

    @TempDir
    Path home;

    @BeforeAll
    static void bundles() throws Exception {
        demo = BundleLoader.load(project().resolve("bundles/demo"));
        coze = BundleLoader.load(project().resolve("bundles/coze-studio"));
    }

    static Bundle demo() throws Exception {
        if (demo == null) {
            bundles();
        }
        return demo;
    }

    static Path project() {
        String dir = System.getProperty("berth.projectDir");
        return dir != null ? Path.of(dir) : Path.of("").toAbsolutePath();
    }

    /** A store that never asks the OS keyring, so these tests exercise the key-file vault on every machine. */
    ProfileStore store() {
        return new ProfileStore(home, null, null);
    }

    static TargetSpec target() {
        TargetSpec jump = new TargetSpec("hop", "bastion.example", 2200, null, "SHA256:jumpjumpjump", null, null);
        return new TargetSpec("deploy", "10.1.2.3", 2222, Path.of("/home/op/.ssh/id_ed25519"),
                "SHA256:AbCdEf0123456789+/xyz", jump, "/opt/berth/demo-prod");
    }

    static Profile demoProfile(String name) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("WEB_PORT", 18491L);
        answers.put("GREETING", "你好 & 'quoted' # not a comment: yes");
        answers.put("API_TOKEN", TOKEN);
        answers.put("WORKER_MODE", "poll");
        answers.put("POLL_INTERVAL", 2L);
        answers.put("WEB_BREAK_HEALTH", false);
        return new Profile(name, "demo", project().resolve("bundles/demo"), target(), answers,
                Instant.parse("2026-11-22T07:03:04.123456789Z"));
    }

    @Test
    void roundTripKeepsEveryAnswerAndTheTarget() throws Exception {
        ProfileStore store = store();
        Profile saved = demoProfile("demo-prod");
        store.save(saved, demo);
        Optional<Profile> loaded = store.load("demo-prod");
        assertEquals(Optional.of(saved), loaded);
        assertEquals(saved.answers(), loaded.get().answers());
        assertEquals("SHA256:AbCdEf0123456789+/xyz", loaded.get().target().hostKey());
        assertEquals("/opt/berth/demo-prod", loaded.get().target().installDir());
    }

    @Test
    void secretFieldsOfListEntriesRoundTripAndStayOffDisk() throws Exception {
        List<Map<String, Object>> models = List.of(
                new LinkedHashMap<>(Map.of("PROTOCOL", "openai", "OPENCOZE_ID", 100001L, "NAME", "GPT",
                        "ID", "gpt-4o", "API_KEY", "sk-first-model-key-9f8e7d", "BASE_URL", "https://api.example/v1")),
                new LinkedHashMap<>(Map.of("PROTOCOL", "ollama", "OPENCOZE_ID", 100002L, "NAME", "Local",
                        "ID", "qwen", "API_KEY", "", "BASE_URL", "http://ollama:11434")));
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("MODELS", models);
        answers.put("BUILTIN_CM_ARK_API_KEY", "ark-secret-key-1a2b3c");
        Profile saved = new Profile("coze", "coze-studio", null, target(), answers, Instant.parse("2026-01-01T00:00:00Z"));
        ProfileStore store = store();
        store.save(saved, coze);

        assertEquals(saved, store.load("coze").orElseThrow());
        String text = Files.readString(store.fileOf("coze"));
        assertFalse(text.contains("sk-first-model-key-9f8e7d"), text);
        assertFalse(text.contains("ark-secret-key-1a2b3c"), text);
        assertTrue(text.contains("MODELS[0].API_KEY: \"aes-gcm:"), text);
        assertTrue(text.contains("gpt-4o"), "non-secret answers stay readable: " + text);
    }

    @Test
    void theFileHoldsNoSecretValueButEveryPlainOne() throws Exception {
        ProfileStore store = store();
        store.save(demoProfile("p1"), demo);
        byte[] bytes = Files.readAllBytes(store.fileOf("p1"));
        assertFalse(indexOf(bytes, TOKEN.getBytes(StandardCharsets.UTF_8)), "the token is on disk in plain text");
        assertFalse(indexOf(bytes, TOKEN.substring(8, 24).getBytes(StandardCharsets.UTF_8)), "part of the token is on disk");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("WEB_PORT: 18491"), text);
        assertTrue(text.contains("host: \"10.1.2.3\""), text);
        assertTrue(text.contains("API_TOKEN: \"aes-gcm:"), text);
        // Nothing else in Berth's home holds it either (the key file is random bytes, no temp files left over).
        try (var files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(indexOf(Files.readAllBytes(f), TOKEN.getBytes(StandardCharsets.UTF_8)), f.toString());
                assertFalse(f.getFileName().toString().endsWith(".tmp"), "left over: " + f);
            }
        }
    }

    @Test
    void profileAndKeyFilesAreForTheUserOnly() throws Exception {
        ProfileStore store = store();
        store.save(demoProfile("p1"), demo);
        store.save(demoProfile("p1"), demo); // replacing keeps the mode too
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.fileOf("p1"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("profile.key"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.directory())));
    }

    @Test
    void eachSaveUsesAFreshNonce() throws Exception {
        ProfileStore store = store();
        store.save(demoProfile("a"), demo);
        store.save(demoProfile("b"), demo);
        assertFalse(sealed(store, "a").equals(sealed(store, "b")), "same secret, same key, yet the same ciphertext");
    }

    @Test
    void tamperedCiphertextGivesOneSentence() throws Exception {
        ProfileStore store = store();
        store.save(demoProfile("p1"), demo);
        Path f = store.fileOf("p1");
        String sealed = sealed(store, "p1");
        char[] c = sealed.toCharArray();
        c[20] = c[20] == 'A' ? 'B' : 'A';
        Files.writeString(f, Files.readString(f).replace(sealed, new String(c)));

        ProfileException e = assertThrows(ProfileException.class, () -> store().load("p1"));
        assertEquals("The saved secret API_TOKEN of profile p1 does not open with " + home.resolve("profile.key")
                + " (the profile or the key file was changed); enter it again and save the profile again.", e.sentence().en());
        assertTrue(e.sentence().zh().contains("API_TOKEN"), e.sentence().zh());
    }

    @Test
    void aSealedValueMovedToAnotherAnswerDoesNotOpen() throws Exception {
        Map<String, Object> answers = new LinkedHashMap<>(demoProfile("x").answers());
        ProfileStore store = store();
        store.save(new Profile("p1", "demo", null, target(), answers, null), demo);
        Path f = store.fileOf("p1");
        Files.writeString(f, Files.readString(f).replace("API_TOKEN: \"aes-gcm:", "OTHER_SECRET: \"aes-gcm:"));
        ProfileException e = assertThrows(ProfileException.class, () -> store().load("p1"));
        assertTrue(e.sentence().en().startsWith("The saved secret OTHER_SECRET of profile p1 does not open"), e.sentence().en());
    }

    @Test
    void aDifferentKeyGivesTheSameSentence() throws Exception {
        store().save(demoProfile("p1"), demo);
        Path key = home.resolve("profile.key");
        Files.delete(key);
        store().save(demoProfile("other"), demo); // makes a new key
        ProfileException e = assertThrows(ProfileException.class, () -> store().load("p1"));
        assertTrue(e.sentence().en().contains("does not open with"), e.sentence().en());
        assertTrue(store().load("other").isPresent());
    }

    @Test
    void missingKeyFileIsSaidPlainlyAndNotRecreatedByReading() throws Exception {
        store().save(demoProfile("p1"), demo);
        Files.delete(home.resolve("profile.key"));
        ProfileException e = assertThrows(ProfileException.class, () -> store().load("p1"));
        assertEquals("The key file " + home.resolve("profile.key") + " is missing, so the saved secrets of profile p1"
                + " cannot be read; enter them again and save the profile again.", e.sentence().en());
        assertFalse(Files.exists(home.resolve("profile.key")), "reading must not make a new key");
    }

    @Test
    void withoutTheKeyTheProfileStillListsAndLoadsMinusItsSecrets() throws Exception {
        store().save(demoProfile("p1"), demo);
        Files.delete(home.resolve("profile.key"));
        ProfileListing all = store().scan();
        assertEquals(List.of(), all.profiles());
        Profile partial = all.problems().get(0).withoutSecrets().orElseThrow();
        Map<String, Object> expected = new LinkedHashMap<>(demoProfile("p1").answers());
        expected.remove("API_TOKEN");
        assertEquals(expected, partial.answers());
        assertEquals(target(), partial.target());
        assertEquals(partial, store().loadWithoutSecrets("p1").orElseThrow());
    }

    @Test
    void aSaveThatFailsHalfwayLeavesTheOldProfileWhole() throws Exception {
        store().save(demoProfile("p1"), demo);
        byte[] before = Files.readAllBytes(store().fileOf("p1"));
        SecretVault broken = new SecretVault() {
            public String scheme() {
                return "broken";
            }

            public String seal(String profile, String path, String value) throws ProfileException {
                throw new ProfileException(dev.berth.text.Localized.same("the vault broke"));
            }

            public String open(String profile, String path, String sealed) {
                throw new AssertionError();
            }

            public void forget(String profile) {}
        };
        ProfileStore failing = new ProfileStore(home, null, broken);
        assertThrows(ProfileException.class, () -> failing.save(demoProfile("p1"), demo));
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(store().fileOf("p1")));
        try (var files = Files.list(store().directory())) {
            assertEquals(List.of("p1.yaml"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void aProfileOfAResolutionKeepsTheGeneratedSecret() throws Exception {
        dev.berth.bundle.ResolvedAnswers used = dev.berth.bundle.AnswersResolver.resolve(demo, Map.of("WEB_PORT", 18491));
        String generated = (String) used.get("API_TOKEN");
        assertTrue(generated.matches("[0-9a-f]{32}"), generated);
        Profile p = Profile.of("gen", demo, target(), used, Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(generated, p.answers().get("API_TOKEN"));
        store().save(p, demo);
        Profile back = store().load("gen").orElseThrow();
        assertEquals(used.values(), dev.berth.bundle.AnswersResolver.resolve(demo, back.answers()).values(),
                "the saved answers resolve to the very values deployed");
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws Exception {
        store().save(demoProfile("p1"), demo);
        Files.setPosixFilePermissions(home.resolve("profile.key"), PosixFilePermissions.fromString("rw-r--r--"));
        ProfileException e = assertThrows(ProfileException.class, () -> store().load("p1"));
        assertTrue(e.sentence().en().startsWith("Other users can read the key file"), e.sentence().en());
    }

    @Test
    void namesAreCheckedWithOneSentence() throws Exception {
        ProfileStore store = store();
        for (String bad : new String[] {"../etc", "", " ", "a b", ".hidden", "-dash", "a/b", "x".repeat(65), "a:b"}) {
            ProfileException e = assertThrows(ProfileException.class, () -> store.save(demoProfile(bad), demo), bad);
            assertTrue(e.sentence().en().startsWith("The profile name '" + bad + "' is not allowed"), e.sentence().en());
        }
        store.save(demoProfile("生产环境-1.b_2"), demo);
        assertTrue(store.load("生产环境-1.b_2").isPresent());
        try (var files = Files.list(store.directory())) {
            assertEquals(List.of("生产环境-1.b_2.yaml"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void listIsSortedAndReportsUnreadableProfilesInsteadOfThrowing() throws Exception {
        ProfileStore store = store();
        store.save(demoProfile("zeta"), demo);
        store.save(demoProfile("alpha"), demo);
        Files.writeString(store.directory().resolve("broken.yaml"), "berthProfile: 1\nbundle: [unclosed\n");
        Files.writeString(store.directory().resolve("nohost.yaml"), "berthProfile: 1\nbundle: demo\ntarget: {user: x}\n");
        Files.copy(store.fileOf("alpha"), store.directory().resolve("has space.yaml"));
        assertEquals(List.of("alpha", "zeta"), store.list().stream().map(Profile::name).toList());
        ProfileListing all = store.scan();
        assertEquals(List.of("broken", "has space", "nohost"), all.problems().stream().map(ProfileProblem::name).toList());
        assertTrue(all.problems().get(1).message().en().startsWith("The profile name 'has space' is not allowed"));
        assertTrue(all.problems().get(1).withoutSecrets().isEmpty());
        assertTrue(all.problems().get(0).message().en().startsWith("Profile broken is not valid YAML at line"),
                all.problems().get(0).message().en());
        assertEquals("Profile nohost has a target without a host.", all.problems().get(2).message().en());
    }

    @Test
    void anEmptyStoreListsNothingAndLoadsNothing() throws Exception {
        assertEquals(List.of(), store().list());
        assertEquals(Optional.empty(), store().load("nothing"));
        ProfileException e = assertThrows(ProfileException.class, () -> store().require("nothing"));
        assertTrue(e.sentence().en().startsWith("There is no profile named nothing"), e.sentence().en());
    }

    @Test
    void saveRefusesAProfileOfAnotherBundle() {
        Profile p = demoProfile("p1");
        ProfileException e = assertThrows(ProfileException.class, () -> store().save(p, coze));
        assertEquals("Profile p1 is for bundle demo, not for bundle coze-studio.", e.sentence().en());
    }

    @Test
    void deleteRemovesTheFile() throws Exception {
        // The default store: deleting a key-file profile must not need the OS keyring (there is none here).
        ProfileStore store = new ProfileStore(home);
        store.save(demoProfile("p1"), demo);
        store.delete("p1");
        assertFalse(Files.exists(store.fileOf("p1")));
        ProfileException e = assertThrows(ProfileException.class, () -> store.delete("p1"));
        assertEquals("There is no profile named p1.", e.sentence().en());
    }

    @Test
    void noSshPasswordOrPassphraseCanBeStored() {
        // TargetSpec has no field for either: what is saved is user, host, port, key path, host key, jump, folder.
        assertEquals(List.of("user", "host", "port", "identity", "hostKey", "jump", "installDir"),
                java.util.Arrays.stream(TargetSpec.class.getRecordComponents()).map(c -> c.getName()).toList());
    }

    @Test
    void defaultStoreFollowsBerthHomeRule() {
        String before = System.getProperty("berth.home");
        System.setProperty("berth.home", home.toString());
        try {
            // BERTH_HOME in the environment wins over the property; the build does not set it.
            Path expected = System.getenv("BERTH_HOME") != null ? Path.of(System.getenv("BERTH_HOME")) : home;
            assertEquals(expected.resolve("profiles"), ProfileStore.atDefaultHome().directory());
        } finally {
            if (before == null) {
                System.clearProperty("berth.home");
            } else {
                System.setProperty("berth.home", before);
            }
        }
    }

    static String sealed(ProfileStore store, String name) throws Exception {
        for (String line : Files.readAllLines(store.fileOf(name))) {
            int i = line.indexOf("API_TOKEN: \"aes-gcm:");
            if (i >= 0) {
                return line.substring(i + "API_TOKEN: \"aes-gcm:".length(), line.length() - 1);
            }
        }
        throw new AssertionError("no sealed API_TOKEN in " + name);
    }

    static boolean indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
