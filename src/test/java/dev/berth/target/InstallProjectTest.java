package dev.berth.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which compose project an install dir gets, judged from probe output (the sections probe.sh prints). */
class InstallProjectTest {
    private static final String DIR = "/opt/berth/demo";

    private static Facts probe(String install, String releaseJson, String record, String... projects) {
        StringBuilder sb = new StringBuilder("=== probe ===\nformat=1\n=== install ===\nexists=yes\n").append(install)
                .append("\n=== release-json ===\n").append(releaseJson == null ? "" : releaseJson)
                .append("\n=== install-record ===\n").append(record == null ? "" : record)
                .append("\n=== compose-projects ===\n");
        for (String p : projects) {
            sb.append(p).append('\n');
        }
        return FactsParser.parse(sb.append("=== end ===\n").toString());
    }

    @Test
    void aNewInstallIsNamedAfterItsFolderAndItsWholePath() {
        String a = InstallProject.newName("/opt/berth/demo");
        String b = InstallProject.newName("/srv/staging/demo");
        assertTrue(a.matches("demo-[0-9a-f]{8}"), a);
        assertNotEquals(a, b, "same last element, different installs");
        assertEquals(a, InstallProject.newName("/opt/berth/demo/"), "a trailing slash is the same folder");
        assertTrue(InstallProject.isValidName(InstallProject.newName("/opt/Ünïcode App!")));
        assertTrue(InstallProject.isValidName(InstallProject.newName("/")));
        InstallProject p = InstallProject.of(DIR, probe("", null, null));
        assertEquals(InstallProject.Source.NEW, p.source());
        assertEquals(a, p.name());
    }

    @Test
    void theRecordedNameWinsThenTheLiveReleasesThenTheOldOne() {
        assertEquals(new InstallProject("mine", InstallProject.Source.RECORDED, List.of(), false),
                InstallProject.of(DIR, probe("current=releases/r1\nreleases=yes", "{\"project\" : \"demo\"}",
                        "{\n  \"project\" : \"mine\"\n}")));
        assertEquals(new InstallProject("demo", InstallProject.Source.LIVE_RELEASE, List.of(), false),
                InstallProject.of(DIR, probe("current=releases/r1\nreleases=yes", "{\"project\":\"demo\"}", null)));
        // Releases but neither a record nor a live release: a first deploy that failed under an older Berth.
        assertEquals(new InstallProject("demo", InstallProject.Source.OLD_NAME, List.of(), false),
                InstallProject.of("/opt/berth/Demo", probe("releases=yes", null, null)));
    }

    @Test
    void containersOfTheNameStartedFromAnotherFolderAreAnotherInstall() {
        Facts f = probe("real_path=/data/berth/demo\nreleases=yes", null, "{\"project\":\"demo\"}",
                "demo\t/opt/berth/demo/active", "demo\t/data/berth/demo/releases/r1", "other\t/srv/x",
                "demo\t/srv/staging/demo/active", "demo\t/opt/berth/demo-old/active");
        InstallProject p = InstallProject.of(DIR, f);
        assertEquals(List.of("/srv/staging/demo/active", "/opt/berth/demo-old/active"), p.otherInstalls(),
                "its own paths (as given and resolved) are not others; a folder that only starts alike is");
        String en = p.refusal(DIR).orElseThrow().en();
        assertTrue(en.contains("demo") && en.contains("/srv/staging/demo/active") && en.contains("changed nothing"), en);
        assertFalse(InstallProject.of(DIR, probe("", null, "{\"project\":\"demo\"}", "demo\t/opt/berth/demo/active"))
                .refusal(DIR).isPresent());
    }

    @Test
    void aDamagedRecordIsRefused() {
        InstallProject p = InstallProject.of(DIR, probe("releases=yes", null, "{\"project\": \"Not Valid!\"}"));
        assertTrue(p.recordDamaged());
        assertTrue(p.refusal(DIR).orElseThrow().en().contains(DIR + "/.berth/install.json"));
        assertTrue(p.refusal(DIR).orElseThrow().zh().contains("无法读取"));
    }
}
