package dev.berth.ssh;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Berth's known_hosts file, checked against OpenSSH's own ssh-keygen. */
@IntegrationTest
class HostKeyStoreTest {
    private static final TestTarget ENV = TestTarget.get();

    private static byte[] blob(Path pub) throws Exception {
        return Base64.getDecoder().decode(Files.readString(pub).trim().split("\\s+")[1]);
    }

    @Test
    void fingerprintIsWhatSshKeygenPrints() throws Exception {
        byte[] host = blob(ENV.hostKeyPub());
        assertEquals(ENV.hostKeyFingerprint(), Fingerprints.sha256(host));
        assertEquals("ssh-ed25519", Fingerprints.keyType(host));
        byte[] rsa = blob(Path.of(ENV.rsaKey() + ".pub"));
        String printed = TestTarget.runLocalOk("ssh-keygen -lf " + ENV.rsaKey() + ".pub").split(" ")[1];
        assertEquals(printed, Fingerprints.sha256(rsa));
        assertEquals("ssh-rsa", Fingerprints.keyType(rsa));
    }

    @Test
    void expectedFingerprintsMatchWithOrWithoutPrefixAndPadding() {
        String fp = ENV.hostKeyFingerprint();
        assertTrue(Fingerprints.matches(fp, fp));
        assertTrue(Fingerprints.matches(fp.substring("SHA256:".length()) + "=", fp));
        assertTrue(Fingerprints.matches(" sha256:" + fp.substring(7) + " ", fp));
        assertFalse(Fingerprints.matches("SHA256:" + "B".repeat(43), fp));
        assertFalse(Fingerprints.matches(null, fp));
    }

    @Test
    void pinReplacesTheSameTypeAndKeepsOthersAndOtherHosts() throws Exception {
        Path home = TestTarget.newBerthHome();
        HostKeyStore store = HostKeyStore.inHome(home);
        byte[] ed1 = blob(ENV.hostKeyPub());
        byte[] ed2 = blob(Path.of(ENV.ed25519Key() + ".pub"));
        byte[] rsa = blob(Path.of(ENV.rsaKey() + ".pub"));
        store.pin("[h]:2222", ed1);
        store.pin("[h]:2222", rsa);
        store.pin("other", ed1);
        store.pin("[h]:2222", ed2);
        List<HostKeyStore.PinnedKey> keys = store.keysFor("[h]:2222");
        assertEquals(2, keys.size());
        assertTrue(keys.stream().anyMatch(k -> k.sameKey(ed2)));
        assertTrue(keys.stream().anyMatch(k -> k.sameKey(rsa)));
        assertFalse(keys.stream().anyMatch(k -> k.sameKey(ed1)));
        assertEquals(1, store.keysFor("other").size());
        assertTrue(store.keysFor("h").isEmpty(), "port 22 and 2222 are different hosts");
        // ssh-keygen finds the entry by OpenSSH's rules.
        String found = TestTarget.runLocalOk("ssh-keygen -F '[h]:2222' -f " + store.file());
        assertTrue(found.contains("ssh-rsa") && found.contains("ssh-ed25519"), found);
        store.unpin("[h]:2222");
        assertTrue(store.keysFor("[h]:2222").isEmpty());
        assertEquals(1, store.keysFor("other").size());
    }

    @Test
    void readsHashedAndCommaListedEntriesWrittenByOpenSsh() throws Exception {
        Path file = TestTarget.tempDir("berth-known").resolve("known_hosts");
        String pub = Files.readString(ENV.hostKeyPub()).trim();
        String[] parts = pub.split("\\s+");
        Files.writeString(file, "# comment\n@revoked bad " + parts[0] + " " + parts[1] + "\n"
                + "alpha,[beta]:2200 " + parts[0] + " " + parts[1] + "\n"
                + "gamma " + parts[0] + " " + parts[1] + "\n");
        TestTarget.runLocalOk("ssh-keygen -q -H -f " + file);
        HostKeyStore store = HostKeyStore.at(file);
        assertEquals(1, store.keysFor("gamma").size(), Files.readString(file));
        assertEquals(1, store.keysFor("[beta]:2200").size());
        assertEquals(ENV.hostKeyFingerprint(), store.keysFor("alpha").get(0).fingerprint());
        assertTrue(store.keysFor("bad").isEmpty(), "a revoked marker is not a pin");
    }
}
