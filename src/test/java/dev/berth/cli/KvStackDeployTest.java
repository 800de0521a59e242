package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.BackupRecipe;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.bundle.Migration;
import dev.berth.target.InstallProject;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestInstalls;
import dev.berth.testsupport.TestTarget;
import dev.berth.text.Quote;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kv test stack (Debian's Redis 7.0 with its data in a named volume, and an app with a data dir) deployed for real
 * by the CLI through Compose v2, logged in as root (sudo would drop the DOCKER_CONFIG through which this sshd's
 * sessions find the v2 plugin): Redis runs as its image's uid 999, enforces the generated password, and what it holds
 * outlives a redeploy that recreates it. The bundle's backup commands and kv-1.1's migration are run in that Redis as
 * they are declared, so the backup and upgrade tests start from commands known to work.
 */
@IntegrationTest
class KvStackDeployTest {
    private static final String INSTALL_DIR = "/opt/berth-test/kv-v2";
    private static final String KV = testBundle("kv");
    /** A fresh install's compose project; its named volume is PROJECT_redis-data. */
    private static final String PROJECT = InstallProject.newName(INSTALL_DIR);
    private static final String VOLUME = PROJECT + "_redis-data";

    @RegisterExtension
    static final TestTargetCli cli = TestTargetCli.fromAFreshLaptop();

    @BeforeAll
    @AfterAll
    static void clean() {
        TestInstalls.removeUnder(INSTALL_DIR);
        // TestInstalls removes containers, networks and the folder; a named volume outlives all three.
        TestTarget.runLocal(TestTarget.get().dockerCmd() + " volume rm -f " + VOLUME, Duration.ofSeconds(30));
    }

    private static String testBundle(String id) {
        return Path.of(System.getProperty("berth.projectDir"), "src/test/resources/bundles", id).toString();
    }

    /** {@code berth deploy} of kv through the test env's sshd whose sessions find Compose v2 (the docker plugin). */
    private static CliRun deploy(String password) throws Exception {
        TestTarget t = cli.target();
        return CliRun.run("deploy", "--bundle", KV, "--answers", cli.answers("REDIS_PASSWORD: " + password + "\n").toString(),
                "--images", t.imagesDir().toString(),
                "--target", "root@" + t.host() + ":" + t.property("ssh.v2.port"),
                "--identity", t.ed25519Key().toString(), "--host-key", t.hostKeyFingerprint(),
                "--install-dir", INSTALL_DIR);
    }

    private static String container(String service) {
        String id = TestTarget.runLocalOk(TestTarget.get().dockerCmd() + " ps -q --filter label=com.docker.compose.project="
                + PROJECT + " --filter label=com.docker.compose.service=" + service).strip();
        assertTrue(id.matches("[0-9a-f]+"), "one running " + service + " container: " + id);
        return id;
    }

    /** Runs ARGV in the container as {@code docker exec} would from a backup or migration step; merged output. */
    private static TestTarget.Local exec(String container, List<String> argv) {
        return TestTarget.runLocal(TestTarget.get().dockerCmd() + " exec " + container + " "
                + argv.stream().map(Quote::shell).collect(Collectors.joining(" ")), Duration.ofMinutes(2));
    }

    private static String redis(String container, String... args) {
        TestTarget.Local r = exec(container, java.util.stream.Stream.concat(java.util.stream.Stream.of("redis-cli"),
                java.util.stream.Stream.of(args)).toList());
        assertEquals(0, r.exitCode(), r.output());
        return r.output().strip();
    }

    @Test
    void redisKeepsItsDataInTheVolumeAcrossARedeployThatRecreatesIt() throws Exception {
        String docker = TestTarget.get().dockerCmd();
        CliRun first = deploy("firstpassword0001");
        assertEquals(ExitCode.OK, first.exitCode(), first.toString());
        assertTrue(first.err().contains("✓ Start: Data store") && first.err().contains("✓ Start: App"),
                "both stages ran: " + first);
        String redis = container("redis");
        assertTrue(TestTarget.runLocalOk(docker + " inspect -f '{{index .Config.Labels \"com.docker.compose.version\"}}' "
                + redis).strip().startsWith("2."), "deployed by Compose v2");
        assertEquals("OK", redis(redis, "SET", "greeting", "hello from kv 1.0"));
        assertEquals("OK", redis(redis, "SET", "counter", "41"));
        assertEquals("42", redis(redis, "INCR", "counter"));
        // Without the password (REDISCLI_AUTH, from .env through Compose) Redis answers nothing.
        TestTarget.Local anonymous = TestTarget.runLocal(docker + " exec -e REDISCLI_AUTH= " + redis
                + " redis-cli GET greeting", Duration.ofSeconds(30));
        assertTrue(anonymous.output().contains("NOAUTH"), anonymous.output());
        assertEquals("redis-data", TestTarget.runLocalOk(docker + " volume inspect -f "
                + "'{{index .Labels \"com.docker.compose.volume\"}}' " + VOLUME).strip(), "the named volume of the project");
        assertEquals("1000", TestTarget.runLocalOk("stat -c %u " + INSTALL_DIR + "/data/app").strip(), "app's data dir");
        assertEquals("1", TestTarget.runLocalOk("cat " + INSTALL_DIR + "/data/app/starts").strip(), "app counted its start");

        // A new password changes redis.conf and .env: the redeploy recreates redis, on the same volume. Redis saves
        // when it is stopped, so the keys written above (no SAVE) are there.
        CliRun second = deploy("secondpassword002");
        assertEquals(ExitCode.OK, second.exitCode(), second.toString());
        String recreated = container("redis");
        assertNotEquals(redis, recreated, "redis was recreated");
        assertEquals("hello from kv 1.0", redis(recreated, "GET", "greeting"));
        assertEquals("42", redis(recreated, "GET", "counter"));
        assertEquals("secondpassword002", TestTarget.runLocalOk(docker + " exec " + recreated
                + " sh -c 'echo \"$REDISCLI_AUTH\"'").strip(), "the new password is the one in use");
        String pid = TestTarget.runLocalOk(docker + " inspect -f '{{.State.Pid}}' " + recreated).strip();
        assertEquals("999 999", TestTarget.runLocalOk("stat -c '%u %g' /proc/" + pid).strip(),
                "redis-server runs as the image's redis user");
        assertEquals("999", TestTarget.runLocalOk("stat -c %u " + INSTALL_DIR + "/current/conf/redis/redis.conf").strip(),
                "its 0600 redis.conf is given to it");

        // The backup commands as bundle.yaml declares them: the SAVE succeeds, the dump is an RDB (stdout alone).
        Bundle kv = BundleLoader.load(Path.of(KV));
        List<BackupRecipe.Command> commands = kv.backup().commands();
        assertEquals(0, exec(recreated, commands.get(0).command()).exitCode(), "SAVE answered OK");
        TestTarget.Local dump = TestTarget.runLocal(docker + " exec " + recreated + " "
                + commands.get(1).command().stream().map(Quote::shell).collect(Collectors.joining(" "))
                + " 2>/dev/null | head -c 5", Duration.ofMinutes(2));
        assertEquals("REDIS", dump.output(), "redis-cli --rdb - writes the RDB to stdout, its messages to stderr");

        // kv-1.1's migration, run twice as a job stopped half-way would: one rename, and a count of its runs.
        Migration rename = BundleLoader.load(Path.of(testBundle("kv-1.1"))).migrations().get(0);
        assertEquals(0, exec(recreated, rename.command()).exitCode());
        assertEquals("hello from kv 1.0", redis(recreated, "GET", "message"));
        assertEquals("0", redis(recreated, "EXISTS", "greeting"));
        assertEquals(0, exec(recreated, rename.command()).exitCode(), "a second run changes nothing and succeeds");
        assertEquals("hello from kv 1.0", redis(recreated, "GET", "message"));
        assertEquals("2", redis(recreated, "GET", "kv:migration-runs"));
    }
}
