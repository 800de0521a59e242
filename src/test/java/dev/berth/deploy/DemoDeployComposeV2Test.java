package dev.berth.deploy;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.ssh.Credentials;
import dev.berth.ssh.HostKeyDecision;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.TargetSpec;
import dev.berth.status.DeploymentStatus;
import dev.berth.status.StatusReader;
import dev.berth.target.ComposeInstall;
import dev.berth.target.ComposeVariant;
import dev.berth.target.Facts;
import dev.berth.ssh.Privilege;
import dev.berth.target.Prober;
import dev.berth.testsupport.TestTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The demo deployed for real through Compose v2 (2.26), as root: the test env's extra sshds give their sessions a
 * Docker config whose cli-plugins hold v2 (and, for Docker 26, a DOCKER_HOST), or a PATH whose docker-compose is
 * v2, so the probe finds v2 and the job runs it. The greeting carries what compose-go reads differently
 * from python-dotenv: {@code $name}, {@code ${...}}, quotes and a trailing backslash.
 */
@IntegrationTest
class DemoDeployComposeV2Test {
    private static final String HOSTILE = "Hi 'there' \"you\" $(touch /tmp/berth-pwned-v2) `id` $HOME ${HOME} $${}{ & #/,"
            + " 你好 \\";

    enum Engine {
        // Two of them get the images zstd-compressed (BERTH_COMPRESS=always; the servers have zstd), so the deploy
        // job's unpacking into docker load runs on both engines.
        PLUGIN_ON_DOCKER_20("ssh.v2.port", "/opt/berth-test/demo-v2", 18481, "20.10", ComposeVariant.V2_PLUGIN, true),
        PLUGIN_ON_DOCKER_26("ssh.docker26.port", "/opt/berth-test/demo-d26", 18482, "26.1", ComposeVariant.V2_PLUGIN,
                true),
        STANDALONE_ON_DOCKER_20("ssh.v2standalone.port", "/opt/berth-test/demo-v2s", 18483, "20.10",
                ComposeVariant.V2_STANDALONE, false);

        final String portKey;
        final String installDir;
        final int webPort;
        final String serverVersion;
        final ComposeVariant variant;
        final boolean zstd;

        Engine(String portKey, String installDir, int webPort, String serverVersion, ComposeVariant variant,
               boolean zstd) {
            this.zstd = zstd;
            this.portKey = portKey;
            this.installDir = installDir;
            this.webPort = webPort;
            this.serverVersion = serverVersion;
            this.variant = variant;
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theDemoDeploysTwiceThroughComposeV2(Engine engine) throws Exception {
        TestTarget target = TestTarget.get();
        String docker = target.dockerCmd();
        if (engine == Engine.PLUGIN_ON_DOCKER_26) {
            TestTarget.runLocalOk(target.property("docker26.start"));
            docker += " -H unix://" + target.property("docker26.socket");
        }
        String project = new ReleaseLayout(engine.installDir).newProjectName();
        clean(docker, project, engine.installDir);
        TargetSpec spec = new TargetSpec("root", target.host(), Integer.parseInt(target.property(engine.portKey)),
                target.ed25519Key(), target.hostKeyFingerprint(), null, null);
        Bundle bundle = BundleLoader.load(Path.of(System.getProperty("berth.projectDir"), "bundles", "demo"));
        try (RemoteShell shell = TestTarget.isolatedConnector().connect(spec, Credentials.none(),
                HostKeyStore.inHome(TestTarget.newBerthHome()), HostKeyDecision.REFUSE, Duration.ofSeconds(20))) {
            List<String> phases = new ArrayList<>();
            DeployOutcome first;
            if (engine.zstd) {
                System.setProperty("berth.compress", "always");
            }
            try {
                first = deploy(shell, bundle, engine, HOSTILE, phases);
            } finally {
                System.clearProperty("berth.compress");
            }
            assertTrue(first.succeeded(), () -> "deploy failed: " + first.events());
            assertTrue(phases.contains("Uploading image web-1.0.tar"), phases.toString());
            // What Berth loaded is noted by ID, so that housekeeping removes only images Berth brought.
            String webId = TestTarget.runLocalOk(docker + " image inspect --format '{{.Id}}' berth-demo/web:1.0").strip();
            assertTrue(TestTarget.runLocalOk("cat " + engine.installDir + "/.berth/loaded-images").contains(webId));
            assertEquals(engine.zstd, phases.contains("Compressing web-1.0.tar with zstd on the way (BERTH_COMPRESS=always)"),
                    phases.toString());
            assertEquals(HOSTILE + "\n", get(engine, "/greeting.txt"), "the value arrived byte for byte");
            assertFalse(TestTarget.runLocal("test -e /tmp/berth-pwned-v2", Duration.ofSeconds(5)).exitCode() == 0,
                    "nothing in the value was executed");
            assertEquals(HOSTILE + "\n", TestTarget.runLocalOk("cat " + engine.installDir
                    + "/data/worker/last-greeting.txt"), "the worker fetched the greeting from web over the compose network");
            DeploymentStatus status = new StatusReader(shell, Privilege.NONE, Clock.systemUTC()).read(engine.installDir,
                    project, true);
            assertEquals(first.releaseId(), status.currentRelease());
            assertTrue(status.healthy(), status.toString());
            // The room it takes and what is left, on this engine's own data root too.
            var disk = status.disk();
            long dataKib = Long.parseLong(TestTarget.runLocalOk("du -sk " + engine.installDir + "/data | cut -f1").strip());
            assertEquals(dataKib * 1024, disk.dataBytes(), "the data folder as du measures it");
            assertTrue(disk.installFree() > 0 && disk.installFree() <= disk.installTotal(), disk.toString());
            assertEquals(TestTarget.runLocalOk(docker + " info --format '{{.DockerRootDir}}'").strip(), disk.dockerRoot());
            assertTrue(disk.dockerFree() > 0, disk.toString());

            // Two releases older than both, and a limit of 2: the second deploy keeps itself and the first (what a
            // rollback would put back) and deletes the rest.
            TestTarget.runLocalOk("mkdir -p " + engine.installDir + "/releases/20200101-000000-0001 " + engine.installDir
                    + "/releases/20200102-000000-0002 && echo 2 > " + engine.installDir + "/.berth/keep-releases");
            DeployOutcome second = deploy(shell, bundle, engine, "Second $greeting\\", new ArrayList<>());
            assertTrue(second.succeeded(), () -> "deploy failed: " + second.events());
            assertNotEquals(first.releaseId(), second.releaseId());
            assertEquals("Second $greeting\\\n", get(engine, "/greeting.txt"));
            assertEquals("releases/" + second.releaseId(),
                    TestTarget.runLocalOk("readlink " + engine.installDir + "/current").trim());
            assertEquals(java.util.stream.Stream.of(first.releaseId(), second.releaseId()).sorted().toList(),
                    List.of(TestTarget.runLocalOk("ls " + engine.installDir + "/releases").strip().split("\n")),
                    "exactly the 2 releases kept");
        } finally {
            clean(docker, project, engine.installDir);
        }
    }

    private static DeployOutcome deploy(RemoteShell shell, Bundle bundle, Engine engine, String greeting,
                                        List<String> phases) throws Exception {
        TestTarget target = TestTarget.get();
        Facts facts = Prober.probe(shell, engine.installDir).facts();
        ComposeInstall compose = facts.docker().compose().orElseThrow();
        assertEquals(engine.variant, compose.variant(), "the Compose the probe found");
        assertEquals(target.property("compose.v2.version"), compose.version());
        assertTrue(String.valueOf(facts.docker().version()).startsWith(engine.serverVersion),
                "the engine: " + facts.docker().version());
        Deployer deployer = new Deployer(shell, facts.access().privilege(), new ReleaseLayout(engine.installDir),
                Clock.systemUTC());
        Map<String, Object> answers = new HashMap<>();
        answers.put("WEB_PORT", engine.webPort);
        answers.put("GREETING", greeting);
        PreparedRelease release = deployer.prepare(facts, bundle, AnswersResolver.resolve(bundle,
                PreviousAnswers.keepGeneratedSecrets(bundle, answers, deployer.previousAnswers())),
                target.imagesDir(), "127.0.0.1");
        assertEquals(engine.variant.program(), release.plan().compose());
        return deployer.deploy(release, new DeployListener() {
            @Override
            public void phase(dev.berth.text.Localized what) {
                phases.add(what.en());
            }
        });
    }

    private static void clean(String docker, String project, String installDir) {
        TestTarget.runLocal("ids=$(" + docker + " ps -aq --filter label=com.docker.compose.project=" + project + "); "
                + "[ -z \"$ids\" ] || " + docker + " rm -f $ids; " + docker + " network rm " + project + "_default; "
                + docker + " rmi berth-demo/web:1.0 berth-demo/worker:1.0; rm -rf " + installDir + " /tmp/berth-pwned-v2",
                Duration.ofMinutes(2));
    }

    private static String get(Engine engine, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + engine.webPort + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path);
        return r.body();
    }
}
