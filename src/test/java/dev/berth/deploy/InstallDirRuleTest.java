package dev.berth.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.text.Localized;
import org.junit.jupiter.api.Test;

/** Which install directories Berth accepts, and the one sentence for each it refuses. */
class InstallDirRuleTest {

    static Localized refused(String dir) {
        Localized why = InstallDirRule.problem(dir);
        assertNotNull(why, dir + " should be refused");
        assertTrue(!why.zh().isBlank() && !why.en().isBlank(), dir + ": " + why);
        assertTrue(why.en().endsWith(".") && why.zh().endsWith("。"), "one sentence: " + why);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReleaseLayout(dir));
        assertEquals(why, ((InstallDirRule.Refused) e).sentence());
        return why;
    }

    @Test
    void ordinaryDirectoriesAreAccepted() {
        for (String ok : new String[] {"/opt/berth/demo", "/opt/berth-test/clidemo", "/srv/coze", "/data/berth/demo",
                "/home/ops/berth", "/var/lib/berth/demo", "/opt/.berth/x", "/usr/local/berth", "/opt/berth/demo..v2"}) {
            assertNull(InstallDirRule.problem(ok), ok);
            assertEquals(ok, new ReleaseLayout(ok).installDir());
        }
    }

    @Test
    void repeatedAndTrailingSlashesAreFolded() {
        // They name the same folder on every Linux, and the server-side check compares against the folded form.
        assertEquals("/opt/berth/demo", new ReleaseLayout("/opt/berth/demo/").installDir());
        assertEquals("/opt/berth/demo", new ReleaseLayout("/opt//berth///demo//").installDir());
        assertEquals("/opt/berth/demo", new ReleaseLayout("//opt/berth/demo").installDir());
        assertEquals("/opt/berth/demo", InstallDirRule.normalise("/opt//berth/demo/"));
    }

    @Test
    void emptyAndRelativeAreRefused() {
        assertTrue(refused("").en().contains("Enter"));
        assertTrue(refused("   ").en().contains("Enter"));
        assertTrue(refused("opt/berth/demo").en().contains("absolute"));
        assertTrue(refused("./demo").en().contains("absolute"));
        assertTrue(refused("~/berth").en().contains("absolute"));
        assertNotNull(InstallDirRule.problem(null));
    }

    @Test
    void dotSegmentsAreRefused() {
        for (String bad : new String[] {"/opt/berth/../etc", "/opt/./berth", "/opt/berth/..", "/opt/berth/.",
                "/..", "/opt/berth/../../root/x"}) {
            assertTrue(refused(bad).en().contains("'.' or '..'"), bad);
        }
    }

    @Test
    void controlCharactersAreRefused() {
        for (String bad : new String[] {"/opt/berth/de\nmo", "/opt/berth/demo\n", "/opt/be\0rth", "/opt/\tberth",
                "/opt/berth\r", "/opt/\u001bberth", "/opt/berth\u007f", "/opt/ber\u2028th"}) {
            assertTrue(refused(bad).en().contains("line break or control character"), bad.replace("\0", "\\0"));
        }
    }

    @Test
    void charactersOutsideThePortableSetAreRefused() {
        for (String bad : new String[] {"/opt/berth demo", "/opt/berth/$(id)", "/opt/部署", "/opt/berth;rm", "/opt/a'b"}) {
            assertTrue(refused(bad).en().contains("letters, digits"), bad);
        }
    }

    @Test
    void theRootAndSystemFoldersAreRefused() {
        assertTrue(refused("/").en().contains("root"));
        assertTrue(refused("//").en().contains("root"));
        for (String sys : new String[] {"/usr", "/etc", "/bin", "/sbin", "/lib", "/lib64", "/boot", "/dev", "/proc",
                "/sys", "/run", "/var", "/home", "/root", "/opt", "/srv", "/tmp", "/mnt", "/media", "/usr/local",
                "/usr/bin", "/var/lib", "/var/log", "/var/lib/docker", "/opt/", "/etc/"}) {
            Localized why = refused(sys);
            assertTrue(why.en().contains("system folder") && why.en().contains("/opt/berth/"), sys + ": " + why.en());
        }
    }

    @Test
    void foldersTheSystemOwnsOrWipesAreRefusedBelowToo() {
        for (String bad : new String[] {"/proc/berth", "/sys/x", "/dev/shm/berth", "/run/berth", "/tmp/berth",
                "/boot/berth", "/etc/berth", "/var/lib/docker/berth", "/usr/bin/berth"}) {
            assertTrue(refused(bad).en().contains("inside"), bad);
        }
    }
}
