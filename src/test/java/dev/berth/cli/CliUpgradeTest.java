package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Upgrades of the demo on the real target through Compose v2: 1.0.0 → 1.1.0 takes a backup first and runs its
 * migration once (never again on a redeploy); a failing 1.2.0 whose migration changed the data is rolled back and
 * Berth offers the backup it took, whose restore brings that data back; 1.0.0 over 1.1.0 is refused.
 */
@IntegrationTest
class CliUpgradeTest {
    private static final String INSTALL_DIR = "/opt/berth-test/upgrade-demo";
    private static final String ANSWERS = "WEB_PORT: 18521\nGREETING: before the upgrade\n";
    private static final Pattern BACKUP = Pattern.compile("a backup (\\d{8}-\\d{6}-[0-9a-f]{4}) is taken first");

    @RegisterExtension
    static final TestTargetCli cli = TestTargetCli.fromAFreshLaptop();

    private static Path v100;
    private static Path v110;
    private static Path v120;

    @BeforeAll
    static void bundles() throws Exception {
        dev.berth.testsupport.TestInstalls.removeUnder(INSTALL_DIR);
        v100 = Path.of(TestTargetCli.bundle("demo"));
        // 1.1.0: a migration that logs into the web service's data, and a backup that dumps the greeting and stops
        // only the worker.
        v110 = version("1.1.0", """
                migrations:
                  - name: web-log
                    from: "<1.1.0"
                    after: web
                    service: web
                    command: [sh, -c, 'echo migrated >> /srv/www/migrations.log']
                    timeout: 30
                backup:
                  commands:
                    - {service: web, command: [cat, /srv/www/greeting.txt], output: greeting.txt, timeout: 30}
                  stop: [worker]
                """, "");
        // 1.2.0: its migration rewrites the data, then a hook after the last stage fails.
        v120 = version("1.2.0", """
                migrations:
                  - name: rewrite
                    from: "<1.2.0"
                    after: web
                    service: web
                    command: [sh, -c, 'echo changed by 1.2.0 > /srv/www/marker.txt']
                    timeout: 30
                """, """
                  - name: fails
                    after: worker
                    command: [sh, -c, 'echo the new version cannot start; exit 3']
                    timeout: 30
                """);
    }

    @AfterAll
    static void clean() {
        dev.berth.testsupport.TestInstalls.removeUnder(INSTALL_DIR);
    }

    /** The demo bundle with another version, extra top-level keys and extra hooks. */
    private static Path version(String version, String extra, String hooks) throws Exception {
        Path dir = Files.createTempDirectory("berth-demo-" + version);
        Path src = Path.of(TestTargetCli.bundle("demo"));
        try (var files = Files.walk(src)) {
            for (Path f : files.toList()) {
                Path to = dir.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        Path yaml = dir.resolve("bundle.yaml");
        String text = Files.readString(yaml).replace("version: 1.0.0", "version: " + version);
        text = text.replace("\nprobes:", hooks + "\nprobes:") + "\n" + extra;
        Files.writeString(yaml, text);
        return dir;
    }

    /**
     * Through the sshd whose sessions find Compose v2 (the plugin, on Docker 20.10), as root: sudo would drop the
     * DOCKER_CONFIG through which they find it.
     */
    private static String[] v2(String... args) {
        String[] all = cli.withTarget(INSTALL_DIR, args);
        TestTarget t = cli.target();
        for (int i = 0; i < all.length; i++) {
            if (all[i].equals(t.user() + "@" + t.host() + ":" + t.port())) {
                all[i] = "root@" + t.host() + ":" + t.property("ssh.v2.port");
            }
        }
        return all;
    }

    private static CliRun deploy(Path bundle, String answers, String... more) throws Exception {
        String[] base = {"deploy", "--bundle", bundle.toString(), "--answers", cli.answers(answers).toString(),
                "--images", cli.target().imagesDir().toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.run(v2(args));
    }

    private static String sh(String command) {
        return TestTarget.runLocalOk(command).strip();
    }

    private static int backups() {
        return Integer.parseInt(sh("ls " + INSTALL_DIR + "/backups 2>/dev/null | grep -vc partial || true"));
    }

    @Test
    void anUpgradeBacksUpFirstMigratesOnceAndAFailedOneOffersItsBackup() throws Exception {
        CliRun first = deploy(v100, ANSWERS);
        assertEquals(ExitCode.OK, first.exitCode(), first.toString());
        assertFalse(first.err().contains("Upgrade:"), "a first install is no upgrade: " + first);
        String marker = INSTALL_DIR + "/data/web/marker.txt";
        sh("echo written by 1.0.0 > " + marker + " && chown 1000:1000 " + marker);

        CliRun up = deploy(v110, ANSWERS);
        assertEquals(ExitCode.OK, up.exitCode(), up.toString());
        assertTrue(up.err().contains("Upgrade: 1.0.0 → 1.1.0."), up.toString());
        assertTrue(up.err().contains("migration run once: web-log"), up.toString());
        Matcher m = BACKUP.matcher(up.err());
        assertTrue(m.find(), up.toString());
        assertTrue(up.err().contains("backed up as " + m.group(1)), "the journal names the backup: " + up);
        assertEquals("migrated", sh("cat " + INSTALL_DIR + "/data/web/migrations.log"));
        assertEquals(1, backups());

        CliRun again = deploy(v110, "WEB_PORT: 18521\nGREETING: after the upgrade\n");
        assertEquals(ExitCode.OK, again.exitCode(), again.toString());
        assertFalse(again.err().contains("Upgrade:"), "the same version and images again is no upgrade: " + again);
        assertEquals("migrated", sh("cat " + INSTALL_DIR + "/data/web/migrations.log"), "run once, not again");
        assertEquals(1, backups(), "no backup for a redeploy that is no upgrade");

        CliRun failed = deploy(v120, "WEB_PORT: 18521\nGREETING: after the upgrade\n");
        assertEquals(ExitCode.DEPLOY_FAILED, failed.exitCode(), failed.toString());
        Matcher b = BACKUP.matcher(failed.err());
        assertTrue(b.find(), failed.toString());
        String backup = b.group(1);
        assertTrue(failed.err().contains("the data is as the new version left it"), failed.toString());
        assertTrue(failed.err().contains("run berth restore --backup " + backup + " with the previous bundle"),
                failed.toString());
        assertEquals("changed by 1.2.0", sh("cat " + marker), "the failed version's migration changed the data");
        CliRun list = CliRun.run(v2("backup", "--list"));
        assertTrue(list.out().contains(backup) && list.out().contains("demo 1.1.0  ")
                && list.out().contains("worker down for"), "1.1.0's backup stops only the worker: " + list);
        assertTrue(sh("tar -tzf " + INSTALL_DIR + "/backups/" + backup + "/backup.tar.gz").contains("dumps/greeting.txt"));

        CliRun restore = CliRun.run(v2("restore", "--bundle", v110.toString(), "--backup", backup,
                "--images", cli.target().imagesDir().toString()));
        assertEquals(ExitCode.OK, restore.exitCode(), restore.toString());
        assertEquals("written by 1.0.0", sh("cat " + marker), "the data as it was before the failed upgrade");
        assertEquals("web-log", sh("cat " + INSTALL_DIR + "/.berth/migrations"),
                "the failed version's migration is not on record for the data it did not touch: it runs again");
        assertEquals("migrated", sh("cat " + INSTALL_DIR + "/data/web/migrations.log"));

        int releases = TestTargetCli.releases(INSTALL_DIR);
        CliRun down = deploy(v100, ANSWERS);
        assertEquals(ExitCode.INVALID_INPUT, down.exitCode(), down.toString());
        assertTrue(down.err().contains("The server runs demo 1.1.0 and this bundle is the older 1.0.0: Berth does not"
                + " downgrade"), down.toString());
        assertTrue(down.clean(), down.toString());
        assertEquals(releases, TestTargetCli.releases(INSTALL_DIR), "nothing was changed");

        // The way back to 1.0.0 is its backup: a restore of the backup taken before the first upgrade, with 1.0.0.
        CliRun back = CliRun.run(v2("restore", "--bundle", v100.toString(), "--backup", m.group(1),
                "--images", cli.target().imagesDir().toString()));
        assertEquals(ExitCode.OK, back.exitCode(), back.toString());
        assertEquals("written by 1.0.0", sh("cat " + marker));
        assertEquals("gone", sh("[ -e " + INSTALL_DIR + "/.berth/migrations ] && echo there || echo gone"),
                "no migration had run on that data: an upgrade to 1.1.0 runs web-log again");

        // Before each upgrade, before each restore; then keep 2: exactly the newest 2 stay.
        assertEquals(4, backups());
        CliRun keep = CliRun.run(v2("backup", "--keep", "2"));
        assertEquals(ExitCode.OK, keep.exitCode(), keep.toString());
        assertEquals(2, backups());
        assertTrue(keep.err().contains("removed the older backup"), keep.toString());
    }
}
