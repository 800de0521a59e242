package dev.berth.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.SshException;
import dev.berth.testsupport.Recorded;
import dev.berth.testsupport.ScriptedShell;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The status service sends exactly the commands the CLI and the dashboard rely on, and turns what the real target
 * answered (recorded under src/test/resources/recorded/) into services, log text and operator sentences.
 */
class StatusServiceTest {
    private static final String DIR = "/opt/berth-test/status-rec";
    private final ScriptedShell shell = new ScriptedShell();
    private final StatusService service = new StatusService(shell, Privilege.SUDO,
            Clock.fixed(Recorded.recordedAt("status-unhealthy.txt"), ZoneOffset.UTC));

    private DeploymentStatus read(String recording) throws SshException {
        shell.answer(StatusReader.command(DIR, "", true, Privilege.SUDO), Recorded.result(recording));
        return service.status(DIR, "", true);
    }

    private static ServiceStatus named(DeploymentStatus s, String service) {
        return s.services().stream().filter(v -> v.service().equals(service)).findFirst().orElseThrow();
    }

    @Test
    void oneStatusReadGivesEveryServiceWithItsHealthAndStats() throws Exception {
        DeploymentStatus s = read("status-healthy.txt");
        assertEquals(List.of(StatusReader.command(DIR, "", true, Privilege.SUDO)), shell.commands());
        assertTrue(s.deployed());
        assertTrue(s.healthy(), s.toString());
        assertEquals(List.of("web", "worker"), s.services().stream().map(ServiceStatus::service).toList());
        assertEquals(List.of("18570->8080/tcp"), named(s, "web").ports());
        assertTrue(named(s, "web").memoryBytes() > 0, "docker stats' memory: " + named(s, "web"));
    }

    @Test
    void anUnhealthyAndARestartingServiceAreNotHealthy() throws Exception {
        DeploymentStatus s = read("status-unhealthy.txt");
        assertEquals("unhealthy", named(s, "web").health());
        ServiceStatus worker = named(s, "worker");
        assertEquals("restarting", worker.state());
        assertTrue(worker.restarts() >= 4, worker.toString());
        assertEquals("-", worker.uptimeText(), "a restarting container has no uptime");
        assertEquals(404, s.probes().get(0).status(), "the web probe: " + s.probes());
        assertTrue(!s.healthy());
    }

    @ParameterizedTest
    @CsvSource({"/opt/berth-test/status-rec-v2, status-healthy-compose-v2.txt, 18571",
            "/opt/berth-test/status-rec-d26, status-healthy-docker26.txt, 18572"})
    void composeV2AndDocker26ReadTheSame(String dir, String recording, int port) throws Exception {
        StatusService asRoot = new StatusService(shell, Privilege.NONE, Clock.systemUTC());
        shell.answer(StatusReader.command(dir, "", true, Privilege.NONE), Recorded.result(recording));
        DeploymentStatus s = asRoot.status(dir, "", true);
        assertEquals(List.of("web", "worker"), s.services().stream().map(ServiceStatus::service).toList());
        assertTrue(s.healthy(), s.toString());
        assertEquals(List.of(port + "->8080/tcp"), named(s, "web").ports());
        assertTrue(named(s, "worker").memoryBytes() > 0, "docker stats' memory: " + named(s, "worker"));
    }

    @Test
    void aStatusScriptThatNeverRanIsAFailureNotAnEmptyInstall() {
        // What `sudo -n` prints when the login needs a password for sudo: the script never starts.
        shell.answer(StatusReader.command(DIR, "", true, Privilege.SUDO),
                new ExecResult(1, "", "sudo: a password is required\n"));
        SshException e = assertThrows(SshException.class, () -> service.status(DIR, "", true));
        assertEquals(SshException.Kind.REMOTE_FAILED, e.kind());
        assertEquals("The status could not be read on the server: sudo: a password is required", e.sentence().en());
    }

    @Test
    void recentLogsPutStdoutAndStderrBackInTheOrderTheyWereWritten() throws Exception {
        ServiceStatus worker = named(read("status-unhealthy.txt"), "worker");
        shell.answer(new ServiceCommands(Privilege.SUDO).logs(worker.container(), 200),
                Recorded.result("logs-worker-crashing.txt"));
        List<String> lines = service.recentLogs(worker, 200).lines().toList();
        assertEquals(new ServiceCommands(Privilege.SUDO).logs(worker.container(), 200), shell.commands().get(1));
        assertEquals(12, lines.size(), lines.toString());
        // Docker stamps each stream as it reads it, so the two lines of one crash may come either way round (the
        // recording has both); what holds is the timestamps' order, and each crash's two lines side by side.
        List<String> stamps = lines.stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertEquals(stamps.stream().sorted().toList(), stamps, "in the order docker stamped them");
        for (int i = 0; i < lines.size(); i += 2) {
            assertEquals(1, List.of(lines.get(i), lines.get(i + 1)).stream()
                    .filter(l -> l.endsWith("worker: wget: can not connect to web:8080")).count(), lines.toString());
        }
    }

    @Test
    void aFollowedLogHandsOnLinesUntilAskedToStop() throws Exception {
        ServiceStatus worker = named(read("status-unhealthy.txt"), "worker");
        shell.answer(new ServiceCommands(Privilege.SUDO).follow(worker.container(), 100),
                Recorded.result("follow-worker-crashing.txt"));
        List<String> seen = new ArrayList<>();
        int code = service.followLogs(worker, 100, seen::add, () -> seen.size() >= 3);
        assertEquals(-1, code, "stopped by the caller");
        assertEquals(Recorded.stdout("follow-worker-crashing.txt").lines().limit(3).toList(), seen);
    }

    @Test
    void restartSendsDockerRestartOfThatContainerOnly() throws Exception {
        ServiceStatus web = named(read("status-unhealthy.txt"), "web");
        shell.answer(new ServiceCommands(Privilege.SUDO).restart(web.container()), Recorded.result("restart-web.txt"));
        service.restart(web);
        assertEquals(List.of(StatusReader.command(DIR, "", true, Privilege.SUDO),
                new ServiceCommands(Privilege.SUDO).restart(web.container())), shell.commands());
    }

    @Test
    void aFailedRestartSaysWhichServiceAndWhatDockerSaid() throws Exception {
        ServiceStatus web = named(read("status-unhealthy.txt"), "web");
        shell.answer(new ServiceCommands(Privilege.SUDO).restart(web.container()),
                Recorded.result("restart-missing-container.txt"));
        SshException e = assertThrows(SshException.class, () -> service.restart(web));
        assertEquals(SshException.Kind.REMOTE_FAILED, e.kind());
        assertEquals("Restarting web failed: Error response from daemon: No such container: 0123456789ab",
                e.sentence().en());
        assertTrue(e.sentence().zh().startsWith("重启 web 失败："), e.sentence().zh());
    }

    @Test
    void anInstallWithNothingDeployedIsSaidSo() throws Exception {
        DeploymentStatus s = read("status-nothing-deployed.txt");
        assertTrue(!s.deployed(), s.toString());
        assertEquals("There is no Berth deployment in " + DIR + ".",
                StatusService.noDeploymentIn(DIR).en());
    }

    @Test
    void linesWithoutATimestampStayWithTheirNeighbours() {
        assertEquals("2026-01-01T00:00:01.000000000Z a\n2026-01-01T00:00:02.000000000Z b\ncontinued\n"
                        + "2026-01-01T00:00:03.000000000Z c\n",
                StatusService.mergeByTimestamp("2026-01-01T00:00:01.000000000Z a\n2026-01-01T00:00:03.000000000Z c\n",
                        "2026-01-01T00:00:02.000000000Z b\ncontinued\n"));
    }
}
