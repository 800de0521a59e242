package dev.berth.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.Migration;
import dev.berth.target.PreviousRelease;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What Berth calls an upgrade, a downgrade or neither, from the live release's release.json. */
class UpgradeCheckTest {
    private static final String LIVE_JSON = "{\"release\":\"r1\",\"bundle\":\"costrict\",\"version\":\"4.0.2\","
            + "\"project\":\"costrict\",\"images\":[\"zgsm/casdoor:v2.1\",\"postgres:15\"]}";
    private static final UpgradeCheck.Live LIVE = UpgradeCheck.Live.of(new PreviousRelease("releases/r1", LIVE_JSON));
    private static final Migration CASDOOR = new Migration("casdoor-v41", ">=4.0.0 <4.1.0", "data", "postgres",
            List.of("true"), 60);
    private static final Migration OLDER = new Migration("from-v3", "<4.0.0", "data", null, List.of("true"), 60);

    @Test
    void aNewVersionWithNewImagesIsAnUpgradeThatNamesWhatChanges() {
        Upgrade u = UpgradeCheck.judge(LIVE, "4.1.0", List.of("zgsm/casdoor:v2.2", "postgres:15"), Set.of("zgsm/casdoor:v2.2"),
                Map.of("casdoor", "zgsm/casdoor:v2.2", "postgres", "postgres:15"), List.of(CASDOOR, OLDER),
                "20261203-120000-abcd");
        assertEquals("4.0.2", u.fromVersion());
        assertEquals(List.of(new Upgrade.ImageChange("zgsm/casdoor:v2.1", "zgsm/casdoor:v2.2")), u.imageChanges());
        assertEquals(List.of("casdoor"), u.recreated(), "postgres keeps its image and is not recreated for it");
        assertEquals(List.of("casdoor-v41"), u.migrations(), "only the migration whose range holds 4.0.2");
        assertTrue(u.summary().get(0).en().equals("Upgrade: 4.0.2 → 4.1.0."), u.summary().toString());
        assertTrue(u.summary().stream().anyMatch(l -> l.en().contains("a backup 20261203-120000-abcd is taken first")));
        assertTrue(u.summary().stream().anyMatch(l -> l.zh().contains("镜像 zgsm/casdoor:v2.1 → zgsm/casdoor:v2.2")));
    }

    @Test
    void theSameVersionAndImagesAgainIsNoUpgradeButANewImageUnderAnOldNameIs() {
        assertNull(UpgradeCheck.judge(LIVE, "4.0.2", List.of("zgsm/casdoor:v2.1", "postgres:15"), Set.of(), Map.of(),
                List.of(CASDOOR), "b"));
        Upgrade retagged = UpgradeCheck.judge(LIVE, "4.0.2", List.of("zgsm/casdoor:v2.1", "postgres:15"),
                Set.of("postgres:15"), Map.of("db", "postgres:15"), List.of(CASDOOR), null);
        assertEquals(List.of(new Upgrade.ImageChange("postgres:15", "postgres:15")), retagged.imageChanges());
        assertEquals(List.of(), retagged.migrations(), "migrations run on a version change only");
        assertTrue(retagged.summary().get(retagged.summary().size() - 1).en().startsWith("  Warning: no backup"),
                "turned off, the backup is a warning");
        assertNull(UpgradeCheck.judge(null, "4.1.0", List.of(), Set.of(), Map.of(), List.of(CASDOOR), "b"),
                "a first install is no upgrade");
    }

    @Test
    void aLowerVersionIsADowngradeByNumbersNotByText() {
        assertTrue(UpgradeCheck.isDowngrade(LIVE, "4.0.1"));
        assertFalse(UpgradeCheck.isDowngrade(LIVE, "4.0.10"), "10 > 2 as numbers");
        assertFalse(UpgradeCheck.isDowngrade(LIVE, "4.0.2"));
        assertFalse(UpgradeCheck.isDowngrade(null, "1.0"));
    }

    @Test
    void aRangeIsEveryComparisonTogether() {
        assertTrue(UpgradeCheck.matches("4.0.0", ">=4.0.0 <4.1.0"));
        assertTrue(UpgradeCheck.matches("4.0.99", ">=4.0.0 <4.1.0"));
        assertFalse(UpgradeCheck.matches("4.1.0", ">=4.0.0 <4.1.0"));
        assertFalse(UpgradeCheck.matches("3.9", ">=4.0.0 <4.1.0"));
        assertTrue(UpgradeCheck.matches("1.0.0", "=1.0"));
        assertFalse(UpgradeCheck.matches("", "<9"), "an unknown live version runs no migration");
    }
}
