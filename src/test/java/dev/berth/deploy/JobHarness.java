package dev.berth.deploy;

import dev.berth.target.ServerCommands;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.Privilege;
import dev.berth.testsupport.TestTarget;
import dev.berth.text.Localized;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs hand-written plans through the real job library on the real test target: a release folder with an empty
 * compose project (no image needed), uploaded, started and followed exactly as {@link Deployer} does, over SSH as the
 * non-root sudo user. For the job's own behaviour (time limits, signals, the lock) without a whole stack.
 */
final class JobHarness implements AutoCloseable {
    static final String EMPTY_COMPOSE = "version: \"2.4\"\nservices: {}\n";

    final String installDir;
    final ReleaseLayout layout;
    final RemoteShell shell;
    final ServerCommands commands = new ServerCommands(Privilege.SUDO);

    JobHarness(String installDir) throws Exception {
        this.installDir = installDir;
        this.layout = new ReleaseLayout(installDir);
        clean();
        this.shell = TestTarget.get().connect();
    }

    static PlanStep step(String id, String function, String... args) {
        return PlanStep.of(id, Localized.of(id, id), function, Arrays.asList(args));
    }

    /** A release whose plan runs these steps; {@code overrides} are shell lines put just before the library loads. */
    String release(List<PlanStep> steps, String overrides) throws Exception {
        String id = ReleaseId.next(Clock.systemUTC());
        DeployPlan plan = plan(id, steps);
        String script = PlanScript.render(plan, layout);
        int source = script.indexOf("\n. ") + 1;
        script = script.substring(0, source) + overrides + (overrides.endsWith("\n") || overrides.isEmpty() ? "" : "\n")
                + script.substring(source);
        TarWriter tar = new TarWriter();
        tar.addFile("docker-compose.yml", EMPTY_COMPOSE.getBytes(StandardCharsets.UTF_8), 0644);
        tar.addFile(".berth/" + PlanScript.LIBRARY_FILE, PlanScript.library().getBytes(StandardCharsets.UTF_8), 0644);
        tar.addFile(".berth/plan.sh", script.getBytes(StandardCharsets.UTF_8), 0755);
        byte[] archive = tar.finish();
        ExecResult r = shell.upload(new ByteArrayInputStream(archive), archive.length,
                commands.unpackRelease(layout.releaseDir(id), Map.of()), (a, b, c) -> {}, Duration.ofMinutes(1));
        if (!r.ok()) {
            throw new AssertionError("could not write the release: " + r.stderr());
        }
        return id;
    }

    DeployPlan plan(String id, List<PlanStep> steps) {
        List<PlanStep> all = new ArrayList<>(steps);
        return new DeployPlan(id, layout.newProjectName(), "docker-compose.yml", List.of("docker-compose"), all, 0);
    }

    /** Starts the release's job detached, as the Deployer does; returns its pid. */
    String start(String id) throws Exception {
        ExecResult r = shell.exec(commands.startJob(layout.planScript(id), layout.releaseStateDir(id)),
                Duration.ofSeconds(30));
        if (!r.ok() || r.stdout().isBlank()) {
            throw new AssertionError("the job did not start: " + r.stderr());
        }
        return r.stdout().strip();
    }

    JournalFollower.Outcome follow(String id, Duration idle, Consumer<JournalEvent> onEvent) throws Exception {
        return new JournalFollower(shell, commands, layout, idle).follow(id, 0, onEvent);
    }

    /** Starts a release and follows it to its end, collecting every event. */
    List<JournalEvent> run(String id) throws Exception {
        start(id);
        List<JournalEvent> events = new ArrayList<>();
        follow(id, Duration.ofMinutes(2), events::add);
        return events;
    }

    String file(String id, String name) {
        return TestTarget.runLocalOk("cat '" + layout.releaseStateDir(id) + "/" + name + "'");
    }

    String mode(String path) {
        return TestTarget.runLocalOk("stat -c %a '" + path + "'").strip();
    }

    void clean() {
        TestTarget.runLocal("rm -rf '" + installDir + "'", Duration.ofMinutes(1));
    }

    @Override
    public void close() {
        shell.close();
        clean();
    }

    static JournalEvent last(List<JournalEvent> events) {
        return events.get(events.size() - 1);
    }

    static List<JournalEvent> of(List<JournalEvent> events, String type) {
        return events.stream().filter(e -> type.equals(e.event())).toList();
    }
}
