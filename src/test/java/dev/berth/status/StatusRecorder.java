package dev.berth.status;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.deploy.DeployListener;
import dev.berth.deploy.DeployOutcome;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.PreviousAnswers;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.Credentials;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.HostKeyDecision;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TargetSpec;
import dev.berth.target.Facts;
import dev.berth.target.Prober;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TcpRelay;
import dev.berth.testsupport.TestInstalls;
import dev.berth.testsupport.TestTarget;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Records what the real target answers to the status service's commands into {@code src/test/resources/recorded/},
 * for the unit tests that script a shell with them. Not a test of its own (its name keeps it out of both tiers'
 * runs); re-record after a change to {@code status.sh} or the service commands:
 * {@code flock /var/lock/berth-it.lock ./mvnw -B -ntp -o test-compile failsafe:integration-test -Dit.test=StatusRecorder}.
 * It deploys the demo bundle, records it healthy, breaks it (web's health file removed, worker's run.sh made to
 * fail) and records that, restarts web, and records the same demo healthy under Compose v2 (on Docker 20.10 and on
 * the test env's Docker 26).
 */
@IntegrationTest
class StatusRecorder {
    private static final String DIR = "/opt/berth-test/status-rec";
    private static final String DIR_V2 = "/opt/berth-test/status-rec-v2";
    private static final int PORT = 18570;
    private static final int PORT_V2 = 18571;
    private static final String DIR_D26 = "/opt/berth-test/status-rec-d26";
    private static final int PORT_D26 = 18572;

    private final TestTarget target = TestTarget.get();
    private final Path out = Path.of(System.getProperty("berth.record.dir",
            System.getProperty("berth.projectDir") + "/src/test/resources/recorded"));
    private final String script = script();
    private final String docker = target.dockerCmd();

    @Test
    void record() throws Exception {
        Files.createDirectories(out);
        Bundle demo = BundleLoader.load(Path.of(System.getProperty("berth.projectDir"), "bundles", "demo"));
        TestInstalls.removeUnder(DIR);
        String where = "Docker " + local(docker + " version --format '{{.Server.Version}}'") + ", docker-compose "
                + local(target.composeCmd() + " version --short") + ", OpenSSH sshd on loopback as berthtest (sudo -n), demo bundle in " + DIR;
        try (RemoteShell shell = target.connect()) {
            DeployOutcome deployed = deploy(shell, demo, DIR, PORT);
            assertTrue(deployed.succeeded(), () -> "deploy failed: " + deployed.events());
            save("id-u-berthtest.txt", where, Privilege.ID_U, shell.exec(Privilege.ID_U, Duration.ofSeconds(20)));

            RemoteCommand status = StatusReader.command(DIR, "", true, Privilege.SUDO);
            save("status-healthy.txt", where, status, status(shell, status));
            Thread.sleep(3000); // a second reading, seconds later, as the dashboard's next refresh takes it
            save("status-healthy-later.txt", where, status, status(shell, status));
            String web = container("web");
            String worker = container("worker");
            ServiceCommands commands = new ServiceCommands(Privilege.SUDO);
            RemoteCommand webLogs = commands.logs(web, 200);
            save("logs-web-healthy.txt", where, webLogs, shell.exec(webLogs, Duration.ofSeconds(30)));

            // Break both services the way they break in the field: web's health answer is gone, worker crashes.
            TestTarget.runLocalOk("rm -f " + DIR + "/data/web/health");
            TestTarget.runLocalOk("printf '%s\\n' '#!/bin/sh' 'echo \"worker: fetching the greeting from web\"'"
                    + " 'echo \"worker: wget: can not connect to web:8080\" >&2' 'exit 1' > " + DIR + "/current/conf/worker/run.sh");
            TestTarget.runLocalOk(docker + " restart --time 2 " + worker);
            // Until docker backs off between the worker's crashes (it doubles a 100 ms wait), so that the reading
            // finds it "restarting" as an operator would.
            waitFor(() -> local(docker + " inspect -f '{{.State.Status}} {{.State.Health.Status}} {{.RestartCount}}' "
                    + web + " " + worker), s -> s.startsWith("running unhealthy") && s.contains("\nrestarting") && restarts(s) >= 4);
            String broken = where + "; web's health file removed, worker's run.sh replaced by one that prints a line to"
                    + " stdout and one to stderr and exits 1";
            save("status-unhealthy.txt", broken, status, status(shell, status));
            RemoteCommand workerLogs = commands.logs(worker, 200);
            save("logs-worker-crashing.txt", broken, workerLogs, shell.exec(workerLogs, Duration.ofSeconds(30)));
            RemoteCommand follow = commands.follow(worker, 100);
            List<String> followed = new ArrayList<>();
            int code;
            try {
                code = shell.streamLines(follow, line -> {
                    followed.add(line);
                    if (followed.size() >= 6) {
                        throw new RemoteShell.StopStreaming();
                    }
                }, Duration.ofSeconds(20));
            } catch (SshException e) {
                code = -2;
            }
            save("follow-worker-crashing.txt", broken + "; streamed lines (stopped after 6, exit " + code + ")", follow,
                    new ExecResult(code, String.join("\n", followed) + "\n", ""));

            RemoteCommand restart = commands.restart(web);
            save("restart-web.txt", broken, restart, shell.exec(restart, Duration.ofMinutes(2)));
            waitFor(() -> local(docker + " inspect -f '{{.State.Health.Status}}' " + web), "healthy"::equals);
            save("status-after-restart.txt", broken + "; then web restarted", status, status(shell, status));
            RemoteCommand gone = commands.restart("0123456789ab");
            save("restart-missing-container.txt", where + "; a container that no longer exists", gone,
                    shell.exec(gone, Duration.ofMinutes(2)));
        } finally {
            TestInstalls.removeUnder(DIR);
        }
        try (RemoteShell shell = target.connect()) {
            RemoteCommand status = StatusReader.command(DIR, "", true, Privilege.SUDO);
            save("status-nothing-deployed.txt", where + "; after the install folder and its containers were removed",
                    status, status(shell, status));
        }
        recordLostConnection(where);
        recordComposeV2(demo, "ssh.v2.port", DIR_V2, PORT_V2, docker, "status-healthy-compose-v2.txt");
        TestTarget.runLocalOk(target.property("docker26.start"));
        recordComposeV2(demo, "ssh.docker26.port", DIR_D26, PORT_D26,
                docker + " -H unix://" + target.property("docker26.socket"), "status-healthy-docker26.txt");
    }

    /** What a status read throws when the link drops under it: the sentence the dashboard shows. */
    private void recordLostConnection(String where) throws Exception {
        try (TcpRelay relay = new TcpRelay(target.host(), target.port(), false);
             RemoteShell shell = TestTarget.isolatedConnector().connect(new TargetSpec(target.user(), target.host(),
                     relay.port(), target.ed25519Key(), target.hostKeyFingerprint(), null, null), Credentials.none(),
                     HostKeyStore.inHome(TestTarget.newBerthHome()), HostKeyDecision.REFUSE, Duration.ofSeconds(20))) {
            relay.dropConnections();
            RemoteCommand status = StatusReader.command(DIR, "", true, Privilege.SUDO);
            try {
                shell.exec(status, script.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(40));
                throw new AssertionError("the status read went through a dropped link");
            } catch (SshException e) {
                Files.writeString(out.resolve("connection-lost.txt"), header(where + "; the TCP link dropped (TcpRelay)"
                        + " before the status read, which threw SshException " + e.kind(), status)
                        + "--- en\n" + e.sentence().en() + "\n--- zh\n" + e.sentence().zh() + "\n", StandardCharsets.UTF_8);
            }
        }
    }

    /** The demo as root through Compose v2 (the plugin), on the engine that {@code engineCmd} talks to. */
    private void recordComposeV2(Bundle demo, String portKey, String dir, int port, String engineCmd, String file)
            throws Exception {
        String project = new ReleaseLayout(dir).newProjectName();
        clean(engineCmd, project, dir);
        TargetSpec root = new TargetSpec("root", target.host(), Integer.parseInt(target.property(portKey)),
                target.ed25519Key(), target.hostKeyFingerprint(), null, null);
        String where = "Docker " + local(engineCmd + " version --format '{{.Server.Version}}'") + ", Compose v2 "
                + target.property("compose.v2.version") + " (docker compose plugin), OpenSSH sshd on loopback as root,"
                + " demo bundle in " + dir;
        try (RemoteShell shell = TestTarget.isolatedConnector().connect(root, Credentials.none(),
                HostKeyStore.inHome(TestTarget.newBerthHome()), HostKeyDecision.REFUSE, Duration.ofSeconds(20))) {
            DeployOutcome deployed = deploy(shell, demo, dir, port);
            assertTrue(deployed.succeeded(), () -> "deploy failed: " + deployed.events());
            save("id-u-root.txt", where, Privilege.ID_U, shell.exec(Privilege.ID_U, Duration.ofSeconds(20)));
            RemoteCommand status = StatusReader.command(dir, "", true, Privilege.NONE);
            save(file, where, status, status(shell, status));
        } finally {
            clean(engineCmd, project, dir);
        }
    }

    private static void clean(String engineCmd, String project, String dir) {
        TestTarget.runLocal("ids=$(" + engineCmd + " ps -aq --filter label=com.docker.compose.project=" + project + "); "
                + "[ -z \"$ids\" ] || " + engineCmd + " rm -f $ids; " + engineCmd + " network rm " + project + "_default; "
                + "rm -rf " + dir, Duration.ofMinutes(2));
    }

    private static DeployOutcome deploy(RemoteShell shell, Bundle bundle, String dir, int port) throws Exception {
        Facts facts = Prober.probe(shell, dir).facts();
        Deployer deployer = new Deployer(shell, facts.access().privilege(), new ReleaseLayout(dir), Clock.systemUTC());
        Map<String, Object> answers = new HashMap<>();
        answers.put("WEB_PORT", port);
        answers.put("GREETING", "Hello from the status recorder");
        PreparedRelease release = deployer.prepare(facts, bundle, AnswersResolver.resolve(bundle,
                PreviousAnswers.keepGeneratedSecrets(bundle, answers, deployer.previousAnswers())),
                TestTarget.get().imagesDir(), "127.0.0.1");
        return deployer.deploy(release, DeployListener.NONE);
    }

    private ExecResult status(RemoteShell shell, RemoteCommand command) throws SshException {
        return shell.exec(command, script.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(40));
    }

    private String container(String service) {
        String project = local("sed -n 's/.*\"project\" *: *\"\\([^\"]*\\)\".*/\\1/p' " + DIR + "/.berth/install.json");
        return local(docker + " ps -aq --filter label=com.docker.compose.project=" + project
                + " --filter label=com.docker.compose.service=" + service);
    }

    private static int restarts(String inspected) {
        String[] lines = inspected.split("\n");
        String[] worker = lines[lines.length - 1].split(" ");
        return Integer.parseInt(worker[worker.length - 1]);
    }

    private void save(String name, String where, RemoteCommand command, ExecResult r) throws Exception {
        Files.writeString(out.resolve(name), header(where, command) + "--- exit " + r.exitCode() + "\n--- stdout\n"
                + r.stdout() + (r.stdout().isEmpty() || r.stdout().endsWith("\n") ? "" : "\n") + "--- stderr\n"
                + r.stderr(), StandardCharsets.UTF_8);
    }

    private static String header(String where, RemoteCommand command) {
        return "# recorded " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " by StatusRecorder from " + where
                + "; command: " + command.toShell() + "\n";
    }

    private static String local(String command) {
        return TestTarget.runLocalOk(command).strip();
    }

    private static void waitFor(java.util.function.Supplier<String> probe, java.util.function.Predicate<String> done)
            throws InterruptedException {
        String last = null;
        for (int i = 0; i < 120; i++) {
            last = probe.get();
            if (done.test(last)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the target never reached the state to record; last seen: " + last);
    }

    private static String script() {
        try (InputStream in = StatusRecorder.class.getResourceAsStream("/dev/berth/status/status.sh")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
