package dev.berth.ui.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.ImageRef;
import dev.berth.bundle.RenderedFile;
import dev.berth.bundle.RenderedRelease;
import dev.berth.bundle.Renderer;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.deploy.DeployPlan;
import dev.berth.deploy.DeployPlanner;
import dev.berth.deploy.PlanStep;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.preflight.Preflight;
import dev.berth.preflight.PreflightContext;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TargetSpec;
import dev.berth.target.Fixtures;
import dev.berth.target.ServerCommands;
import dev.berth.testsupport.ScriptedShell;
import dev.berth.text.Localized;
import dev.berth.transfer.ImageStatus;
import dev.berth.transfer.ImageTarball;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import dev.berth.ui.WizardViewModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Deploy step's states over a scripted server: a deploy started here, a link dropped during the upload or while
 * the job runs, a failed step, a job that died, a job followed after Berth was reopened, and Cancel meanwhile. The
 * server side answers as the real one does (the commands are the engine's own values; the journal lines are in
 * job-lib.sh's format).
 */
class DeployStatesTest {
    private static final String ID = "20261203-070000-ab12";
    private static final String DIR = "/opt/berth-unit";
    private static final SshException DROPPED = new SshException(SshException.Kind.CHANNEL,
            Localized.of("连接中断。", "The connection dropped."));

    private final ReleaseLayout layout = new ReleaseLayout(DIR);
    private final ServerCommands commands = new ServerCommands(Privilege.NONE); // the recorded probe logged in as root
    private final ScriptedShell shell = new ScriptedShell();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final WizardModel model = UiTestModels.model(dialogs, shell, TargetSpec.parse("root@server").withInstallDir(DIR));
    private final DeployViewModel vm = new DeployViewModel(model);
    private final List<DeployState> states = new ArrayList<>();
    private final PreparedRelease release = demoRelease();

    DeployStatesTest() {
        vm.stateProperty().addListener((o, a, b) -> states.add(b));
    }

    private static PreparedRelease demoRelease() {
        try {
            Bundle demo = UiTestModels.bundle("demo");
            ResolvedAnswers answers = AnswersResolver.resolve(demo, Map.of("API_TOKEN", "0123456789abcdef0123456789abcdef"));
            RenderedRelease r = Renderer.render(demo, answers, Builtins.of(DIR, ID, "demo", "server"));
            List<ImageRef> images = demo.imagesFor(answers);
            DeployPlan plan = DeployPlanner.plan(ID, "demo", r.composeFile(), List.of("docker-compose"), List.of(),
                    images.stream().map(ImageRef::ref).toList(), demo.dataDirs(), r.stages(), r.hooks(), r.probes());
            return new PreparedRelease(demo, answers, ID, r, List.of(), plan);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String line(int seq, String event, String more) {
        return "{\"seq\":" + seq + ",\"ts\":\"2026-12-03T07:00:0" + (seq % 10) + "Z\",\"event\":\"" + event + "\"" + more
                + "}\n";
    }

    /** The journal of a job that ran every step of the plan. */
    private String succeededJournal() {
        StringBuilder j = new StringBuilder(line(1, "job-start", ",\"release\":\"" + ID + "\",\"previous\":\"\",\"pid\":4242"));
        int seq = 2;
        for (PlanStep s : release.plan().steps()) {
            j.append(line(seq++, "step-start", ",\"step\":\"" + s.id() + "\""));
            j.append(line(seq++, "step-end", ",\"step\":\"" + s.id() + "\",\"ms\":1200"));
        }
        return j.append(line(seq, "job-end", ",\"status\":\"succeeded\",\"release\":\"" + ID + "\",\"current\":\"" + ID + "\""))
                .toString();
    }

    private String failedJournal(String failing) {
        return line(1, "job-start", ",\"release\":\"" + ID + "\"")
                + line(2, "step-start", ",\"step\":\"" + failing + "\"")
                + line(3, "service-logs", ",\"service\":\"web\",\"lines\":\"listening\\nout of memory\"")
                + line(4, "step-failed", ",\"step\":\"" + failing + "\",\"exit\":1,\"ms\":900,\"message\":\"web never became healthy\"")
                + line(5, "step-start", ",\"step\":\"rollback\"")
                + line(6, "step-end", ",\"step\":\"rollback\",\"ms\":800")
                + line(7, "job-end", ",\"status\":\"failed\",\"failedService\":\"web\"");
    }

    /** What the server answers up to a started job: the release unpacked, install state kept, the job started. */
    private void serverAcceptsTheRelease() {
        shell.answer(commands.unpackRelease(layout.releaseDir(ID), ownersOf(release)), "");
        shell.answer(commands.writeFileOnce(layout.installRecord()), "");
        shell.answer(commands.readPreviousAnswers(layout.keptSecrets(), layout.current() + "/.berth/answers.yaml",
                layout.releasesDir(), layout.lastJobFile()), "absent\nabsent\nabsent\n");
        shell.answer(commands.writePrivateFile(layout.keptSecrets()), "");
        shell.answer(commands.startJob(layout.planScript(ID), layout.releaseStateDir(ID)), "4242\n");
    }

    private void journalStreams(String text) {
        shell.answer(commands.followJournal(layout.journal(ID), layout.releaseStateDir(ID)), text);
    }

    private void deploy() {
        model.reportProperty().set(Preflight.run(release.bundle().requirements(), Fixtures.facts("local-debian12.txt"),
                Map.of(), PreflightContext.of("demo")));
        model.preparedProperty().set(release);
        vm.enter();
    }

    private boolean sent(dev.berth.ssh.RemoteCommand command) {
        return shell.commands().contains(command);
    }

    @Test
    void aDeployStartedHereTicksEveryStepAndSucceeds() {
        serverAcceptsTheRelease();
        journalStreams(succeededJournal());
        deploy();
        assertEquals(List.of(DeployState.RUNNING, DeployState.SUCCEEDED), states);
        assertTrue(vm.isValid(), "Next leads to the dashboard");
        assertFalse(vm.runningProperty().get());
        assertEquals(release.plan().steps().size(), vm.rows().size());
        assertTrue(vm.rows().stream().allMatch(r -> r.state() == StepRow.State.DONE), vm.rows().toString());
        assertTrue(vm.journal().contains("The deploy job ended: succeeded."), vm.journal().toString());
        assertEquals(null, vm.failureProperty().get());
    }

    @Test
    void theUploadBarFollowsAllImagesAndItsTextNamesEachWithWhatIsLeft() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("berth-deploy-upload");
        List<ImageStatus> images = List.of(toUpload(dir, "web-1.0.tar", 2_621_440), toUpload(dir, "worker-1.0.tar", 1_572_864));
        PreparedRelease withImages = new PreparedRelease(release.bundle(), release.answers(), ID, release.rendered(),
                images, release.plan());
        List<Double> bar = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        vm.uploadProgressProperty().addListener((o, a, b) -> bar.add(b.doubleValue()));
        vm.uploadTextProperty().addListener((o, a, b) -> texts.add(b.en()));
        serverAcceptsTheRelease();
        journalStreams(succeededJournal());
        model.reportProperty().set(Preflight.run(release.bundle().requirements(), Fixtures.facts("local-debian12.txt"),
                Map.of(), PreflightContext.of("demo")));
        model.preparedProperty().set(withImages);
        vm.enter();

        assertEquals(List.of(DeployState.RUNNING, DeployState.SUCCEEDED), states);
        assertEquals(17, bar.size(), "a tick per 256 KiB of each image, then the bar goes: " + bar);
        for (int i = 1; i < 16; i++) {
            assertTrue(bar.get(i) > bar.get(i - 1), "the bar never goes back: " + bar);
        }
        assertEquals(0.625, bar.get(9), 1e-9, "the first image done is 2.5 of the 4 MiB");
        assertEquals(1.0, bar.get(15), 1e-9);
        assertEquals(-1.0, bar.get(16), "hidden once the images are on the server");
        assertEquals("web-1.0.tar  0.3/2.5 MiB  all 0.3/4.0 MiB  1.0 MiB/s  0:03 left", texts.get(0));
        assertEquals("worker-1.0.tar  1.5/1.5 MiB  all 4.0/4.0 MiB  1.0 MiB/s  0:00 left", texts.get(texts.size() - 1));
        assertTrue(vm.journal().contains("· Uploading image worker-1.0.tar"), vm.journal().toString());
    }

    /** A tarball in the operator's folder that the server lacks, and the server's answers to its upload. */
    private ImageStatus toUpload(java.nio.file.Path dir, String file, int size) throws Exception {
        byte[] content = new byte[size];
        new java.util.Random(size).nextBytes(content);
        java.nio.file.Path path = java.nio.file.Files.write(dir.resolve(file), content);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        shell.answer(commands.partSize(layout.imagesDir(), file), "0\n");
        shell.answer(commands.receiveFile(layout.imagesDir(), file, size, 0), sha + "  -\n");
        shell.answer(commands.acceptFile(layout.imagesDir(), file), "");
        return new ImageStatus(new ImageRef("berth-demo/" + file.replace(".tar", "").replace("-1.0", ":1.0"), file, null,
                Map.of()), new ImageTarball(path, size, "sha256:" + sha, List.of()), ImageStatus.State.TO_UPLOAD);
    }

    @Test
    void aLinkDroppedDuringTheUploadChangedNothingAndThereIsNothingToReattachTo() {
        shell.fail(commands.unpackRelease(layout.releaseDir(ID), ownersOf(release)), DROPPED);
        deploy();
        assertEquals(List.of(DeployState.RUNNING, DeployState.FAILED), states);
        assertFalse(vm.disconnectedProperty().get(), "no Reattach: no job was started");
        assertFalse(vm.runningOnServer());
        assertFalse(sent(commands.startJob(layout.planScript(ID), layout.releaseStateDir(ID))));
        assertTrue(vm.getProblem().en().startsWith("The connection dropped during the upload, before the deployment"
                + " started: nothing that runs on the server was changed"), vm.getProblem().en());
    }

    @Test
    void aLinkDroppedWhileTheJobRunsLeavesItRunningAndReattachFollowsItToTheEnd() {
        serverAcceptsTheRelease();
        shell.fail(commands.followJournal(layout.journal(ID), layout.releaseStateDir(ID)), DROPPED);
        journalStreams(succeededJournal());
        deploy();
        assertEquals(List.of(DeployState.RUNNING, DeployState.DISCONNECTED), states);
        assertTrue(vm.runningOnServer(), "the job goes on on the server");
        assertEquals("The connection dropped, but the deployment goes on on the server; press Reattach to follow it"
                + " again.", vm.getProblem().en());

        WizardViewModel wizard = new WizardViewModel(model, List.of(vm));
        dialogs.confirmAnswer = false;
        assertFalse(wizard.cancel(), "the operator kept the window open");
        String asked = dialogs.questions.get(dialogs.questions.size() - 1);
        assertTrue(asked.endsWith(model.i18n().get("cancel.running")), "Cancel says the job goes on without Berth: " + asked);

        vm.reattach();
        assertEquals(List.of(DeployState.RUNNING, DeployState.DISCONNECTED, DeployState.REATTACHING,
                DeployState.SUCCEEDED), states);
        assertTrue(vm.rows().stream().allMatch(r -> r.state() == StepRow.State.DONE), vm.rows().toString());
        assertTrue(vm.isValid());
    }

    @Test
    void aFailedStepIsNamedByItsLabelWithTheServicesLastLines() {
        PlanStep failing = release.plan().steps().get(release.plan().steps().size() - 1);
        serverAcceptsTheRelease();
        journalStreams(failedJournal(failing.id()));
        deploy();
        assertEquals(List.of(DeployState.RUNNING, DeployState.FAILED), states);
        assertFalse(vm.isValid());
        assertEquals(StepRow.State.FAILED, vm.rows().get(vm.rows().size() - 1).state());
        assertTrue(vm.failureProperty().get().en().contains(failing.label().en()), vm.failureProperty().get().en());
        assertTrue(vm.serviceLogsProperty().get().contains("[web]\nlistening\nout of memory"));
        assertTrue(vm.journal().contains("→ Put the previous release back"), vm.journal().toString());
        assertTrue(vm.nextHintProperty().get().en().startsWith("Read the service's last log lines below"));
    }

    @Test
    void aJobThatDiedWithoutEndingItsJournalIsAFailureThatSaysSo() {
        String died = line(1, "job-start", ",\"release\":\"" + ID + "\"")
                + line(2, "step-start", ",\"step\":\"" + release.plan().steps().get(0).id() + "\"");
        serverAcceptsTheRelease();
        journalStreams(died);
        shell.answer(commands.readJournal(layout.journal(ID)), died);
        shell.answer(commands.jobRunning(layout.releaseStateDir(ID)), "stopped\n");
        deploy();
        assertEquals(List.of(DeployState.RUNNING, DeployState.FAILED), states);
        assertEquals("The deploy job stopped without finishing its journal (server restart or the process was killed).",
                vm.failureProperty().get().en());
    }

    @Test
    void aJobStartedBeforeBerthWasReopenedIsFollowedWithTheBundlesLabels() {
        Map<String, Localized> labels = new HashMap<>();
        release.plan().steps().forEach(s -> labels.put(s.id(), s.label()));
        journalStreams(succeededJournal());
        vm.followRunning(ID, Privilege.NONE, labels);
        assertEquals(List.of(DeployState.REATTACHING, DeployState.SUCCEEDED), states.subList(states.size() - 2, states.size()));
        assertEquals(ID, vm.reattachedReleaseProperty().get());
        assertEquals(release.plan().steps().stream().map(PlanStep::id).toList(),
                vm.rows().stream().map(StepRow::id).toList(), "one row per step the journal reported");
        PlanStep first = release.plan().steps().get(0);
        assertTrue(vm.journal().contains("✓ " + first.label().en() + " (1.2 s)"), vm.journal().toString());
    }

    private static Map<String, String> ownersOf(PreparedRelease release) {
        Map<String, String> owners = new HashMap<>();
        for (RenderedFile f : release.rendered().files()) {
            if (f.owner() != null) {
                owners.put(f.path(), f.owner());
            }
        }
        return owners;
    }
}
