package dev.berth.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TargetSpec;
import dev.berth.ssh.TransferListener;
import dev.berth.status.ServiceCommands;
import dev.berth.target.ServerCommands;
import dev.berth.status.ServiceStatus;
import dev.berth.status.StatusReader;
import dev.berth.testsupport.Recorded;
import dev.berth.testsupport.ScriptedShell;
import dev.berth.text.Localized;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The dashboard as the operator uses it, without a screen or a server: a scripted shell answers with what the real
 * target answered (src/test/resources/recorded/, the demo bundle as berthtest through sudo), work runs on the calling
 * thread.
 */
class DashboardViewModelTest {
    private static final String DIR = "/opt/berth-test/status-rec";
    private static final RemoteCommand STATUS = StatusReader.command(DIR, "", true, Privilege.SUDO);
    private static final ServiceCommands COMMANDS = new ServiceCommands(Privilege.SUDO);

    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final WizardModel model = UiTestModels.model(dialogs);
    private final ScriptedShell shell = new ScriptedShell().answer(Privilege.ID_U, Recorded.result("id-u-berthtest.txt"));
    private final TickingClock clock = new TickingClock(Recorded.recordedAt("status-healthy.txt"));
    private final List<RemoteShell> dropped = new ArrayList<>();
    private RemoteShell current = shell;
    private final DashboardViewModel vm;

    DashboardViewModelTest() {
        model.targetProperty().set(new TargetSpec("berthtest", "127.0.0.1", 22, null, null, null, DIR));
        vm = new DashboardViewModel(model, new ServerLink() {
            @Override
            public RemoteShell shell() {
                return current;
            }

            @Override
            public void failed(RemoteShell failed) {
                dropped.add(failed);
            }
        }, clock, () -> MARK);
    }

    /** Scripts the status reads in order (the last one repeats) and reads once. */
    private void refreshWith(String... recordings) {
        for (String r : recordings) {
            shell.answer(STATUS, Recorded.result(r));
        }
        vm.refresh();
    }

    /** Selects {@code name} and scripts its next {@code command} with a recording. */
    private ServiceStatus select(String name, java.util.function.Function<String, RemoteCommand> command, String recording) {
        ServiceStatus s = service(name);
        shell.answer(command.apply(s.container()), Recorded.result(recording));
        vm.selectedProperty().set(s);
        return s;
    }

    private ServiceStatus service(String name) {
        return vm.services().stream().filter(s -> s.service().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void refreshShowsEveryServiceHealthyWithItsPorts() {
        refreshWith("status-healthy.txt");
        assertEquals(List.of("web", "worker"), vm.services().stream().map(ServiceStatus::service).toList());
        assertTrue(vm.healthyProperty().get());
        assertTrue(vm.services().stream().allMatch(ServiceStatus::ok), vm.services().toString());
        assertEquals(List.of("18570->8080/tcp"), service("web").ports());
        assertNull(vm.getProblem());
        assertFalse(vm.isBusy());
        // The login is not root (id -u said so): every docker call goes through sudo -n.
        assertEquals(List.of(Privilege.ID_U, STATUS), shell.commands());
    }

    @Test
    void anUnhealthyAndARestartingServiceShowAsSuch() {
        refreshWith("status-unhealthy.txt");
        assertFalse(vm.healthyProperty().get());
        assertEquals("unhealthy", service("web").health());
        assertFalse(service("web").ok());
        assertEquals("restarting", service("worker").state());
        assertFalse(service("worker").ok());
        assertFalse(vm.statusProperty().get().probes().get(0).ok(), "web's probe answered 404");
    }

    @Test
    void eachRefreshAddsOneCpuAndMemorySampleAndTheHistoryKeepsTheLastMinutes() {
        refreshWith("status-healthy.txt", "status-healthy-later.txt");
        double firstCpu = service("web").cpuPercent();
        long firstMemory = service("web").memoryBytes();
        Instant first = clock.instant();
        clock.advance(Duration.ofSeconds(10));
        vm.refresh();
        List<Sample> web = vm.history("web");
        assertEquals(2, web.size(), web.toString());
        assertEquals(new Sample(first, firstCpu, firstMemory), web.get(0));
        assertEquals(first.plusSeconds(10), web.get(1).at());
        assertEquals(service("web").memoryBytes(), web.get(1).memoryBytes(), "the second reading's memory");
        for (int i = 0; i < DashboardViewModel.HISTORY + 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            vm.refresh();
        }
        assertEquals(DashboardViewModel.HISTORY, vm.history("web").size());
        assertEquals(clock.instant(), vm.history("web").get(DashboardViewModel.HISTORY - 1).at(), "the newest is kept");
    }

    @Test
    void theSelectedServicesLogShowsItsLinesInOrder() {
        refreshWith("status-unhealthy.txt");
        ServiceStatus worker = select("worker", c -> COMMANDS.logs(c, 200), "logs-worker-crashing.txt");
        vm.loadLogs();
        List<String> lines = vm.logTextProperty().get().lines().toList();
        assertEquals(12, lines.size(), vm.logTextProperty().get());
        // stderr in its place beside stdout, not all at the end
        assertTrue(lines.subList(0, 2).stream().anyMatch(l -> l.endsWith("worker: wget: can not connect to web:8080")),
                lines.toString());
        assertEquals(COMMANDS.logs(worker.container(), 200), shell.commands().get(shell.commands().size() - 1));
    }

    @Test
    void aServiceThatWroteNothingSaysSo() {
        refreshWith("status-healthy.txt");
        select("web", c -> COMMANDS.logs(c, 200), "logs-web-healthy.txt");
        vm.loadLogs();
        assertEquals("(web has written no log lines yet.)", vm.logTextProperty().get());
    }

    @Test
    void followingTheLogAppendsEachLineAsItComes() {
        refreshWith("status-unhealthy.txt");
        select("worker", c -> COMMANDS.follow(c, 100), "follow-worker-crashing.txt");
        vm.follow();
        assertEquals(Recorded.stdout("follow-worker-crashing.txt"), vm.logTextProperty().get());
        assertFalse(vm.followingProperty().get(), "the stream ended");
    }

    @Test
    void restartAsksThenRestartsOnlyThatServiceAndReadsTheStatusAgain() {
        refreshWith("status-unhealthy.txt", "status-after-restart.txt");
        ServiceStatus web = select("web", COMMANDS::restart, "restart-web.txt");
        vm.restartSelected();
        assertEquals(List.of("Restart the service?: Restart web? Only this service restarts; the rest keeps running."),
                dialogs.questions);
        List<RemoteCommand> sent = shell.commands();
        assertEquals(List.of(Privilege.ID_U, STATUS, COMMANDS.restart(web.container()), STATUS), sent);
        assertEquals("healthy", service("web").health(), "the status read after the restart");
        assertEquals("healthy", vm.selectedProperty().get().health(), "the selection follows the new reading");
        assertNull(vm.getProblem());
    }

    private static final ServerCommands SERVER = new ServerCommands(Privilege.SUDO);
    private static final String MARK = "=== berth-test";

    @Test
    void aSupportBundleIsSavedWhereTheOperatorSaysWithItsSecretsRemoved(@org.junit.jupiter.api.io.TempDir
                                                                         java.nio.file.Path dir) throws Exception {
        refreshWith("status-healthy.txt");
        String project = vm.statusProperty().get().project();
        java.nio.file.Path file = dir.resolve("bundle.tar.gz");
        dialogs.saveTo = file;
        // support.sh's answer in its format: the kept secret is read to be removed, never written as a file.
        shell.answer(dev.berth.deploy.SupportBundle.command(DIR, project, MARK, Privilege.SUDO), String.join("\n",
                MARK + " .secrets/kept.yaml", "API_TOKEN: 0123456789abcdef0123456789abcdef",
                MARK + " .secrets/answers.yaml", "GREETING: hi",
                MARK + " docker/ps.txt", project + "-web-1\tberth-demo/web:1.0\tUp 5 minutes (healthy)\t",
                MARK + " release/.env", "API_TOKEN=\"0123456789abcdef0123456789abcdef\"",
                MARK + " end", ""));
        vm.saveSupportBundle();
        assertEquals("Saved the support bundle to " + file.toAbsolutePath() + "; every secret is removed, so it can be"
                + " sent to whoever helps.", vm.noticeProperty().get());
        assertNull(vm.getProblem());
        String listing;
        try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(file))) {
            listing = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(listing.contains("API_TOKEN=[REDACTED]") || listing.contains("API_TOKEN=\"[REDACTED]\""), listing);
        assertFalse(listing.contains("0123456789abcdef0123456789abcdef"), "the token is gone");
        assertTrue(listing.contains("Every container of the project is up"), "the summary is on top");
        assertTrue(dialogs.questions.get(0).startsWith("Save a support bundle (secrets removed): berth-support-" + project),
                dialogs.questions.toString());
    }

    @Test
    void uninstallAsksThenRemovesTheStackAndSaysWhereTheDataStays() {
        refreshWith("status-healthy.txt");
        String project = vm.statusProperty().get().project();
        shell.answer(SERVER.uninstall(DIR, project, false), "containers 2\nnetworks 1\nkept\n");
        vm.uninstall();
        assertEquals(List.of("Uninstall the deployment?: Stop " + project + " and remove it from the server? Its data stays"
                + " in " + DIR + "/data, with its volumes and generated passwords, and a later deploy to the same folder"
                + " uses them again."), dialogs.questions);
        assertEquals(List.of(Privilege.ID_U, STATUS, SERVER.uninstall(DIR, project, false)), shell.commands());
        assertEquals(project + " was removed from the server; its data stays in " + DIR + "/data.",
                vm.noticeProperty().get());
        assertNull(vm.statusProperty().get(), "nothing left to show");
        assertNull(vm.getProblem());
    }

    @Test
    void theDiskTheDeploymentTakesIsShownAndAFullOneWarnedAbout() {
        ExecResult healthy = Recorded.result("status-healthy.txt");
        // status.sh's disk section (its format as on the build machine), with the install dir's disk nearly full.
        String disk = "=== disk\ndata 1048576\nreleases 64\ndocker-root /var/lib/docker\n"
                + "install-df /dev/sdb 209715200 207618048 2097152 99% /opt\n"
                + "docker-df /dev/sdb 209715200 207618048 2097152 99% /opt\n";
        String out = healthy.stdout().replace("=== end", disk + "=== end");
        shell.answer(STATUS, new ExecResult(healthy.exitCode(), out, healthy.stderr()));
        shell.answer(STATUS, healthy); // then an older server's answer: no disk section
        vm.refresh();
        assertEquals("Disk: the deployment takes 1.0 GB (data 1.0 GB); 2.0 GB of 200.0 GB free where it lives",
                vm.diskText());
        assertTrue(vm.diskWarning().startsWith("The server is running out of room: 2.0 GB / 200.0 GB"),
                vm.diskWarning());

        vm.refresh();
        assertEquals("", vm.diskText());
        assertNull(vm.diskWarning());
    }

    @Test
    void theDataGoesOnlyWhenTheOperatorTypesTheDeploymentsId() {
        refreshWith("status-healthy.txt");
        String project = vm.statusProperty().get().project();
        dialogs.typed = null; // cancelled
        vm.uninstallWithData();
        dialogs.typed = "demo";
        vm.uninstallWithData();
        assertEquals(List.of(Privilege.ID_U, STATUS), shell.commands(), "cancelled, then a wrong id: nothing sent");
        assertTrue(vm.getProblem().en().contains("type this deployment's id \"" + project + "\" to confirm (you typed"
                + " \"demo\"); nothing was changed."), vm.getProblem().en());
        assertTrue(dialogs.questions.get(0).contains("Type the deployment's id " + project + " to confirm"),
                dialogs.questions.toString());

        dialogs.typed = project;
        shell.answer(SERVER.uninstall(DIR, project, true), "containers 2\nnetworks 1\nvolumes 0\nremoved\n");
        vm.uninstallWithData();
        assertEquals(SERVER.uninstall(DIR, project, true), shell.commands().get(2));
        assertEquals(project + " was removed from the server, with " + DIR + " and all its data.",
                vm.noticeProperty().get());
    }

    @Test
    void aRestartTheOperatorDeclinesSendsNothing() {
        refreshWith("status-unhealthy.txt");
        vm.selectedProperty().set(service("web"));
        dialogs.confirmAnswer = false;
        vm.restartSelected();
        assertEquals(List.of(Privilege.ID_U, STATUS), shell.commands());
    }

    @Test
    void aFailedRestartShowsDockersReasonAndKeepsTheConnection() {
        refreshWith("status-unhealthy.txt");
        select("web", COMMANDS::restart, "restart-missing-container.txt");
        vm.restartSelected();
        assertEquals("Restarting web failed: Error response from daemon: No such container: 0123456789ab",
                vm.getProblem().en());
        assertTrue(dropped.isEmpty(), "a command that failed on the server is no broken link");
        assertFalse(vm.isBusy());
    }

    @Test
    void aLostConnectionShowsOneSentenceAndTheNextRefreshReconnects() {
        refreshWith("status-healthy.txt");
        Localized lost = Recorded.sentence("connection-lost.txt");
        // The recorder saw CHANNEL or TIMEOUT, as JSch noticed the dropped link at once or only when a channel would
        // not open; to the dashboard both are a broken link.
        RemoteShell broken = new FailingShell(new SshException(SshException.Kind.CHANNEL, lost));
        current = broken;
        vm.refresh();
        assertEquals(lost, vm.getProblem(), "the connection's own sentence, as it is");
        assertEquals(List.of(broken), dropped, "dropped, so the next call opens a new connection");
        assertEquals(List.of("web", "worker"), vm.services().stream().map(ServiceStatus::service).toList(),
                "the last reading stays on screen");
        assertFalse(vm.isBusy());
        current = shell;
        vm.refresh();
        assertNull(vm.getProblem(), "back once the link is");
    }

    @Test
    void anInstallFolderWithNothingDeployedSaysSo() {
        refreshWith("status-nothing-deployed.txt");
        assertEquals("There is no Berth deployment in " + DIR + ".", vm.getProblem().en());
        assertTrue(vm.services().isEmpty());
    }

    /** A clock the test moves: the dashboard stamps each reading with it. */
    private static final class TickingClock extends Clock {
        private Instant now;

        TickingClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** A connection that has gone: every call throws what the real one threw. */
    private record FailingShell(SshException failure) implements RemoteShell {
        @Override
        public ExecResult exec(RemoteCommand command, byte[] stdin, Duration timeout) throws SshException {
            throw failure;
        }

        @Override
        public int streamLines(RemoteCommand command, Consumer<String> onLine, Duration idleTimeout) throws SshException {
            throw failure;
        }

        @Override
        public ExecResult upload(InputStream data, long size, RemoteCommand command, TransferListener listener,
                Duration idleTimeout) throws SshException {
            throw failure;
        }

        @Override
        public ExecResult download(RemoteCommand command, OutputStream sink, TransferListener listener,
                Duration idleTimeout) throws SshException {
            throw failure;
        }

        @Override
        public String hostKeyFingerprint() {
            return "SHA256:gone";
        }

        @Override
        public void close() {}
    }
}
