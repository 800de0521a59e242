package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * berth backup and berth restore of the demo on the real target: backup → wipe (uninstall with the data) → restore
 * from the archive kept on the laptop, with the data (owned by the web service's non-root user), the generated
 * secret and the answers intact; the same archive restored into a second install dir standing in for a new server;
 * and a restore over a live deployment, which backs that up first.
 */
@IntegrationTest
class CliBackupRestoreTest {
    private static final String INSTALL_DIR = "/opt/berth-test/backup-demo";
    private static final String SECOND = "/opt/berth-test/backup-demo-new-server";
    private static final String BROKEN = "/opt/berth-test/backup-demo-broken";
    private static final String DEMO = TestTargetCli.bundle("demo");
    private static final String ANSWERS = "WEB_PORT: 18511\nGREETING: kept in the backup\n";
    private static final Pattern DONE = Pattern.compile("Backup (\\d{8}-\\d{6}-[0-9a-f]{4}) done");

    @RegisterExtension
    static final TestTargetCli cli = TestTargetCli.fromAFreshLaptop();

    @BeforeAll
    @AfterAll
    static void clean() {
        dev.berth.testsupport.TestInstalls.removeUnder(INSTALL_DIR);
        dev.berth.testsupport.TestInstalls.removeUnder(SECOND);
        dev.berth.testsupport.TestInstalls.removeUnder(BROKEN);
    }

    private static String sh(String command) {
        return TestTarget.runLocalOk(command).strip();
    }

    private static String project(String installDir) throws Exception {
        CliRun status = CliRun.run(cli.withTarget(installDir, "status", "--json"));
        assertEquals(ExitCode.OK, status.exitCode(), status.toString());
        return new ObjectMapper().readTree(status.out()).path("project").asText();
    }

    private static String backup(String installDir) {
        CliRun b = CliRun.run(cli.withTarget(installDir, "backup"));
        assertEquals(ExitCode.OK, b.exitCode(), b.toString());
        Matcher m = DONE.matcher(b.out());
        assertTrue(m.find(), b.toString());
        return m.group(1);
    }

    /** The greeting and the generated token's digest, as the web service publishes them. */
    private static String page(int port) {
        return sh("curl -sf http://127.0.0.1:" + port + "/greeting.txt http://127.0.0.1:" + port + "/token.sha256");
    }

    @Test
    void aBackupBringsTheDeploymentBackAfterAWipeHereAndOnAnotherServer() throws Exception {
        CliRun deploy = cli.deploy(INSTALL_DIR, DEMO, ANSWERS);
        assertEquals(ExitCode.OK, deploy.exitCode(), deploy.toString());
        String project = project(INSTALL_DIR);
        // Data the non-root web service owns, and the page that shows the generated token's digest.
        sh("printf 'written before the backup\\n' > " + INSTALL_DIR + "/data/web/marker.txt && chown 1000:1000 "
                + INSTALL_DIR + "/data/web/marker.txt");
        String before = page(18511);
        assertTrue(before.contains("kept in the backup"), before);

        String id = backup(INSTALL_DIR);
        String archive = INSTALL_DIR + "/backups/" + id + "/backup.tar.gz";
        assertEquals("600", sh("stat -c %a " + archive), "the archive holds the secrets");
        assertEquals("600", sh("stat -c %a " + INSTALL_DIR + "/backups/" + id + "/backup.json"));
        assertTrue(sh("tar -tzf " + archive).contains("data/web/marker.txt"));
        assertTrue(page(18511).contains("kept in the backup"), "the stack runs again after the backup");
        CliRun list = CliRun.run(cli.withTarget(INSTALL_DIR, "backup", "--list"));
        assertEquals(ExitCode.OK, list.exitCode(), list.toString());
        assertTrue(list.out().contains(id + "  ") && list.out().contains("demo 1.0.0"), list.toString());
        assertTrue(list.out().contains("web, worker down for") || list.out().contains("worker, web down for"),
                "without backup: every service was stopped for the copy: " + list);

        // The operator keeps the archive on the laptop, and the server loses everything.
        Path laptop = Files.createTempDirectory("berth-backup");
        CliRun down = CliRun.run(cli.withTarget(INSTALL_DIR, "backup", "--id", id, "--download", laptop.toString()));
        assertEquals(ExitCode.OK, down.exitCode(), down.toString());
        Path local = laptop.resolve("demo-" + id + ".tar.gz");
        assertTrue(down.out().contains("Downloaded to " + local + " (sha256 checked"), down.toString());
        assertEquals(sh("sha256sum < " + archive), sh("sha256sum < " + local), "the archive, byte for byte");
        if (local.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(local)), "private on the laptop too");
        }
        CliRun wipe = CliRun.run(cli.withTarget(INSTALL_DIR, "uninstall", "--remove-data", project));
        assertEquals(ExitCode.OK, wipe.exitCode(), wipe.toString());
        assertEquals("gone", sh("[ -e " + INSTALL_DIR + " ] && echo there || echo gone"));

        CliRun restore = CliRun.run(cli.withTarget(INSTALL_DIR, "restore", "--bundle", DEMO, "--file", local.toString(),
                "--images", cli.target().imagesDir().toString()));
        assertEquals(ExitCode.OK, restore.exitCode(), restore.toString());
        assertTrue(restore.err().contains("data put back from backup " + id), restore.toString());
        assertEquals("written before the backup", sh("cat " + INSTALL_DIR + "/data/web/marker.txt"));
        assertEquals("1000:1000", sh("stat -c %u:%g " + INSTALL_DIR + "/data/web/marker.txt"), "owners kept");
        assertEquals(before, page(18511), "the same greeting and the same generated token");
        assertEquals(project, project(INSTALL_DIR));

        // Another server: the same archive into a new install dir, on a port of its own.
        Path answers = cli.answers("WEB_PORT: 18512\n");
        CliRun moved = CliRun.run(cli.withTarget(SECOND, "restore", "--bundle", DEMO, "--file", local.toString(),
                "--answers", answers.toString(), "--images", cli.target().imagesDir().toString()));
        assertEquals(ExitCode.OK, moved.exitCode(), moved.toString());
        assertEquals("written before the backup", sh("cat " + SECOND + "/data/web/marker.txt"));
        assertEquals(before, page(18512), "the same greeting and token, on the new port");

        // A restore over a live deployment: what it replaces is backed up first, then the backup's data is back.
        sh("printf 'written after the backup\\n' > " + INSTALL_DIR + "/data/web/marker.txt");
        CliRun over = CliRun.run(cli.withTarget(INSTALL_DIR, "restore", "--bundle", DEMO, "--backup", id,
                "--images", cli.target().imagesDir().toString()));
        assertEquals(ExitCode.OK, over.exitCode(), over.toString());
        Matcher first = Pattern.compile("backed up first as (\\d{8}-\\d{6}-[0-9a-f]{4})").matcher(over.err());
        assertTrue(first.find(), over.toString());
        assertEquals("written before the backup", sh("cat " + INSTALL_DIR + "/data/web/marker.txt"));
        assertTrue(sh("tar -xzOf " + INSTALL_DIR + "/backups/" + first.group(1) + "/backup.tar.gz data/web/marker.txt")
                .contains("written after the backup"), "what the restore replaced is in its own backup");

        // A file of the same backup id with other bytes is not that backup.
        Path tampered = laptop.resolve("tampered.tar.gz");
        Files.write(tampered, Files.readAllBytes(local));
        Files.write(tampered, new byte[] {'x'}, java.nio.file.StandardOpenOption.APPEND);
        CliRun other = CliRun.run(cli.withTarget(INSTALL_DIR, "restore", "--bundle", DEMO, "--file", tampered.toString(),
                "--images", cli.target().imagesDir().toString()));
        assertEquals(ExitCode.INVALID_INPUT, other.exitCode(), other.toString());
        assertTrue(other.err().contains("The server already has a backup " + id + " whose content differs from "
                + tampered + "; nothing was changed."), other.toString());
    }

    @Test
    void aStackWithAStoppedServiceIsBackedUpAndLeftAsItWas() throws Exception {
        CliRun deploy = cli.deploy(BROKEN, DEMO, "WEB_PORT: 18513\n");
        assertEquals(ExitCode.OK, deploy.exitCode(), deploy.toString());
        String docker = TestTarget.get().dockerCmd();
        String filter = " --filter label=com.docker.compose.project=" + project(BROKEN)
                + " --filter label=com.docker.compose.service=";
        sh(docker + " stop $(" + docker + " ps -q" + filter + "worker)");
        // Enough data (random: gzip cannot shrink it) that writing the archive takes a while and reports how far it is.
        sh("head -c 268435456 /dev/urandom > " + BROKEN + "/data/worker/big.bin");
        // The operator backs up the broken stack before fixing it: the backup must not need it healthy.
        CliRun b = CliRun.run(cli.withTarget(BROKEN, "backup"));
        assertEquals(ExitCode.OK, b.exitCode(), b.toString());
        assertTrue(b.err().contains(" written (copying up to 256."), "progress while the archive is written: " + b);
        Matcher done = DONE.matcher(b.out());
        assertTrue(done.find(), b.toString());
        String id = done.group(1);
        assertTrue(sh("tar -tzf " + BROKEN + "/backups/" + id + "/backup.tar.gz").contains("data/worker/"));
        assertFalse(sh(docker + " ps -q" + filter + "web").isEmpty(), "web runs again, as before the backup");
        assertTrue(sh(docker + " ps -q" + filter + "worker").isEmpty(), "worker stays stopped, as before the backup");
    }

    @Test
    void aFileThatIsNotABackupIsRefusedInOneSentence() throws Exception {
        Path notABackup = Files.createTempFile("berth", ".tar.gz");
        Files.writeString(notABackup, "not gzip");
        CliRun r = CliRun.run(cli.withTarget(INSTALL_DIR, "restore", "--bundle", DEMO, "--file", notABackup.toString()));
        assertEquals(ExitCode.INVALID_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("is not a Berth backup that can be read"), r.toString());
        assertTrue(r.clean(), r.toString());
        assertFalse(r.err().contains("Exception"), r.toString());
    }
}
