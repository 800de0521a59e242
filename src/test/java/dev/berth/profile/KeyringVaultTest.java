package dev.berth.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which vault new secrets go to. No secret service can run on the build machine (no D-Bus session), so the
 * keyring side uses stand-ins for the secret-tool program: one that fails the way secret-tool does without a
 * session bus ("Cannot autolaunch D-Bus without X11 $DISPLAY", libsecret's message), and one that keeps items
 * in a folder, to prove the profile store drives secret-tool's store / lookup / clear as libsecret documents
 * (https://manpages.debian.org/secret-tool.1).
 */
class KeyringVaultTest {
    @TempDir
    Path dir;

    @Test
    void noSecretToolMeansTheKeyFileVault() {
        ProfileStore store = new ProfileStore(dir, new KeyringVault(dir.resolve("no-such/secret-tool").toString()), null);
        assertInstanceOf(KeyFileVault.class, store.vault());
    }

    @Test
    void aSecretToolWithoutASecretServiceMeansTheKeyFileVault() throws Exception {
        Path tool = script("noservice", """
                #!/bin/sh
                cat >/dev/null
                echo 'secret-tool: Cannot autolaunch D-Bus without X11 $DISPLAY' >&2
                exit 1
                """);
        KeyringVault keyring = new KeyringVault(tool.toString());
        assertFalse(keyring.available());
        assertInstanceOf(KeyFileVault.class, new ProfileStore(dir, keyring, null).vault());
    }

    @Test
    void aSecretToolThatHangsCountsAsNoKeyring() throws Exception {
        // A locked keyring with nobody to type its password: secret-tool waits for ever.
        Path tool = script("hangs", "#!/bin/sh\nexec sleep 600\n");
        KeyringVault keyring = new KeyringVault(tool.toString(), java.time.Duration.ofMillis(500));
        assertInstanceOf(KeyFileVault.class, new ProfileStore(dir, keyring, null).vault());
    }

    @Test
    void anAnsweringKeyringKeepsTheSecretsAndTheFileOnlyNamesIt() throws Exception {
        KeyringVault keyring = new KeyringVault(folderKeyring().toString());
        assertTrue(keyring.available());
        ProfileStore store = new ProfileStore(dir.resolve("home"), keyring, null);
        assertSame(keyring, store.vault());

        store.save(ProfileStoreTest.demoProfile("kr"), ProfileStoreTest.demo());
        String text = Files.readString(store.fileOf("kr"));
        assertTrue(text.contains("API_TOKEN: \"keyring:\""), text);
        assertFalse(text.contains(ProfileStoreTest.TOKEN), text);
        assertFalse(Files.exists(dir.resolve("home/profile.key")), "no key file when the keyring keeps the secrets");
        assertEquals(ProfileStoreTest.demoProfile("kr"), store.load("kr").orElseThrow());

        store.delete("kr");
        try (Stream<Path> left = Files.walk(dir.resolve("items"))) {
            assertEquals(0, left.filter(Files::isRegularFile).count(), "the keyring items outlived their profile");
        }
    }

    @Test
    void aKeyringItemThatIsGoneGivesOneSentence() throws Exception {
        KeyringVault keyring = new KeyringVault(folderKeyring().toString());
        ProfileStore store = new ProfileStore(dir.resolve("home"), keyring, null);
        store.save(ProfileStoreTest.demoProfile("kr"), ProfileStoreTest.demo());
        keyring.forget("kr");
        ProfileException e = assertThrows(ProfileException.class, () -> store.load("kr"));
        assertEquals("The OS keyring no longer holds the secret API_TOKEN of profile kr; enter it again and save the"
                + " profile again.", e.sentence().en());
    }

    @Test
    void aProfileSavedInTheKeyFileStillOpensWhenTheKeyringAppearsLater() throws Exception {
        Path home = dir.resolve("home");
        new ProfileStore(home, null, null).save(ProfileStoreTest.demoProfile("old"), ProfileStoreTest.demo());
        ProfileStore withKeyring = new ProfileStore(home, new KeyringVault(folderKeyring().toString()), null);
        assertEquals(ProfileStoreTest.demoProfile("old"), withKeyring.load("old").orElseThrow());
    }

    /** A secret-tool stand-in: attributes become a folder path under items/, the secret its file. */
    private Path folderKeyring() throws Exception {
        Path items = Files.createDirectories(dir.resolve("items"));
        return script("folder", """
                #!/bin/bash
                items='%s'
                cmd=$1; shift
                args=()
                for a in "$@"; do case "$a" in --label=*) ;; *) args+=("$a") ;; esac; done
                path="$items/$(IFS=/; echo "${args[*]}")"
                case "$cmd" in
                  store) mkdir -p "$path" && cat > "$path/secret" ;;
                  lookup) [ -f "$path/secret" ] || exit 1; cat "$path/secret" ;;
                  clear) rm -rf "$path" ;;
                  *) echo "usage" >&2; exit 2 ;;
                esac
                """.formatted(items));
    }

    private Path script(String name, String text) throws Exception {
        Path f = dir.resolve(name + ".sh");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
        return f;
    }
}
