package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.target.InstallProject;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestInstalls;
import dev.berth.testsupport.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real software: Debian's Redis 7 (non-root, uid 999) with its data in a named volume, through Compose v2. berth backup
 * takes the copy while Redis runs (its bundle's SAVE and an RDB dump), a wipe removes the volume, berth restore from
 * the downloaded archive brings the keys back; then the upgrade to kv 1.1.0 backs up first and its migration renames
 * a key exactly once.
 */
@IntegrationTest
class CliKvBackupTest {
    private static final String INSTALL_DIR = "/opt/berth-test/kv-backup";
    private static final String PROJECT = InstallProject.newName(INSTALL_DIR);
    /** A second install standing in for a new server: another project, so its volume has another name. */
    private static final String MOVED = "/opt/berth-test/kv-backup-moved";
    private static final String MOVED_PROJECT = InstallProject.newName(MOVED);
    private static final Pattern DONE = Pattern.compile("Backup (\\d{8}-\\d{6}-[0-9a-f]{4}) done");

    @RegisterExtension
    static final TestTargetCli cli = TestTargetCli.fromAFreshLaptop();

    @BeforeAll
    @AfterAll
    static void clean() {
        TestInstalls.removeUnder(INSTALL_DIR);
        TestInstalls.removeUnder(MOVED);
        TestTarget.runLocal(TestTarget.get().dockerCmd() + " volume rm -f " + PROJECT + "_redis-data " + MOVED_PROJECT
                + "_redis-data", Duration.ofSeconds(30));
    }

    private static String bundle(String id) {
        return Path.of(System.getProperty("berth.projectDir"), "src/test/resources/bundles", id).toString();
    }

    /** As root through the sshd whose sessions find Compose v2 (sudo would drop its DOCKER_CONFIG). */
    private static CliRun run(String... args) {
        return runIn(INSTALL_DIR, args);
    }

    private static CliRun runIn(String installDir, String... args) {
        TestTarget t = cli.target();
        String[] all = java.util.Arrays.copyOf(args, args.length + 8);
        System.arraycopy(new String[] {"--target", "root@" + t.host() + ":" + t.property("ssh.v2.port"), "--identity",
                t.ed25519Key().toString(), "--host-key", t.hostKeyFingerprint(), "--install-dir", installDir}, 0, all,
                args.length, 8);
        return CliRun.run(all);
    }

    private static String redis(String... args) {
        return redisOf(PROJECT, args);
    }

    private static String redisOf(String project, String... args) {
        String docker = TestTarget.get().dockerCmd();
        String id = TestTarget.runLocalOk(docker + " ps -q --filter label=com.docker.compose.project=" + project
                + " --filter label=com.docker.compose.service=redis").strip();
        return TestTarget.runLocalOk(docker + " exec " + id + " redis-cli " + String.join(" ", args)).strip();
    }

    @Test
    void redisDataComesBackFromABackupAfterAWipeAndAnUpgradeMigratesItOnce() throws Exception {
        String images = cli.target().imagesDir().toString();
        CliRun deploy = run("deploy", "--bundle", bundle("kv"), "--answers", cli.answers("{}\n").toString(),
                "--images", images);
        assertEquals(ExitCode.OK, deploy.exitCode(), deploy.toString());
        assertEquals("OK", redis("SET", "greeting", "hello-from-1.0"));
        assertEquals("7", redis("INCRBY", "counter", "7"));

        CliRun backup = run("backup");
        assertEquals(ExitCode.OK, backup.exitCode(), backup.toString());
        Matcher m = DONE.matcher(backup.out());
        assertTrue(m.find(), backup.toString());
        String id = m.group(1);
        assertTrue(backup.out().contains("no service stopped"), "Redis kept running: " + backup);
        String archive = INSTALL_DIR + "/backups/" + id + "/backup.tar.gz";
        String members = TestTarget.runLocalOk("tar -tzf " + archive);
        assertTrue(members.contains(PROJECT + "_redis-data/_data/dump.rdb"), members);
        assertTrue(members.contains("dumps/redis.rdb"), members);
        assertTrue(TestTarget.runLocalOk("tar -xzOf " + archive + " dumps/redis.rdb | head -c 5").startsWith("REDIS"),
                "the dump is an RDB, no message mixed in");

        Path laptop = Files.createTempDirectory("berth-kv");
        CliRun down = run("backup", "--id", id, "--download", laptop.toString());
        assertEquals(ExitCode.OK, down.exitCode(), down.toString());
        CliRun wipe = run("uninstall", "--remove-data", PROJECT);
        assertEquals(ExitCode.OK, wipe.exitCode(), wipe.toString());
        assertTrue(TestTarget.runLocal(TestTarget.get().dockerCmd() + " volume inspect " + PROJECT + "_redis-data",
                Duration.ofSeconds(20)).exitCode() != 0, "the volume is gone");

        CliRun restore = run("restore", "--bundle", bundle("kv"), "--file", laptop.resolve("kv-" + id + ".tar.gz")
                .toString(), "--images", images);
        assertEquals(ExitCode.OK, restore.exitCode(), restore.toString());
        assertEquals("hello-from-1.0", redis("GET", "greeting"));
        assertEquals("7", redis("GET", "counter"));
        assertEquals("999:999", TestTarget.runLocalOk("stat -c %u:%g $(" + TestTarget.get().dockerCmd()
                + " volume inspect -f '{{.Mountpoint}}' " + PROJECT + "_redis-data)/dump.rdb").strip(),
                "the volume's files keep Redis's owner");

        // The same archive on "another server": its volume takes that install's project name.
        CliRun moved = runIn(MOVED, "restore", "--bundle", bundle("kv"), "--file", laptop.resolve("kv-" + id + ".tar.gz")
                .toString(), "--images", images);
        assertEquals(ExitCode.OK, moved.exitCode(), moved.toString());
        assertEquals("hello-from-1.0", redisOf(MOVED_PROJECT, "GET", "greeting"));
        assertEquals("com.docker.compose.project=" + MOVED_PROJECT, "com.docker.compose.project=" + TestTarget.runLocalOk(
                TestTarget.get().dockerCmd() + " volume inspect -f '{{index .Labels \"com.docker.compose.project\"}}' "
                        + MOVED_PROJECT + "_redis-data").strip(), "a volume Compose takes for its own");

        CliRun upgrade = run("deploy", "--bundle", bundle("kv-1.1"), "--answers", cli.answers("{}\n").toString(),
                "--images", images);
        assertEquals(ExitCode.OK, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains("Upgrade: 1.0.0 → 1.1.0.") && upgrade.err().contains("is taken first"),
                upgrade.toString());
        assertEquals("hello-from-1.0", redis("GET", "message"), "renamed by the migration");
        assertEquals("1", redis("GET", "kv:migration-runs"));
        CliRun again = run("deploy", "--bundle", bundle("kv-1.1"), "--answers", cli.answers("{}\n").toString(),
                "--images", images);
        assertEquals(ExitCode.OK, again.exitCode(), again.toString());
        assertEquals("1", redis("GET", "kv:migration-runs"), "a migration runs once");
    }
}
