package dev.berth.deploy;

import dev.berth.text.Quote;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link DeployPlan} into the bash script the server runs. Every value is single-quoted, so nothing an
 * operator typed can become shell syntax; the job library does the work.
 */
public final class PlanScript {
    /** The job library as a release carries it: one file beside plan.sh, so the release is self-contained. */
    public static final String LIBRARY_FILE = "job-lib.sh";
    /** Where the library's parts are among Berth's resources (beside this class). */
    public static final String LIBRARY_PARTS_DIR = "job-lib/";
    /**
     * The library's parts, one concern each, in the order they are put together: settings runs first (the others
     * only define functions, which may call each other in any order).
     */
    public static final List<String> LIBRARY_PARTS = List.of("settings.sh", "journal.sh", "compose.sh", "swarm.sh",
            "waiting.sh", "steps.sh", "backup.sh", "lifecycle.sh");

    private PlanScript() {}

    public static String render(DeployPlan plan, ReleaseLayout layout) {
        StringBuilder sb = new StringBuilder();
        sb.append("#!/bin/bash\n");
        sb.append("# Deploy job of release ").append(plan.releaseId()).append(", written by Berth. Runs on the server.\n");
        sb.append("BERTH_INSTALL_DIR=").append(Quote.shell(layout.installDir())).append('\n');
        sb.append("BERTH_RELEASE_ID=").append(Quote.shell(plan.releaseId())).append('\n');
        sb.append("BERTH_PROJECT=").append(Quote.shell(plan.project())).append('\n');
        sb.append("BERTH_COMPOSE_FILE=").append(Quote.shell(plan.composeFile())).append('\n');
        sb.append("BERTH_COMPOSE=(").append(plan.compose().stream().map(Quote::shell).collect(Collectors.joining(" ")))
                .append(")\n");
        if (plan.swarm()) {
            sb.append("BERTH_ENGINE=swarm\n");
        }
        sb.append("BERTH_DEADLINE_SECONDS=").append(plan.deadlineSeconds()).append('\n');
        sb.append("BERTH_UP_SECONDS=").append(DeployPlanner.COMPOSE_UP_SECONDS).append('\n');
        sb.append("BERTH_KILL_GRACE_SECONDS=").append(DeployPlanner.KILL_GRACE_SECONDS).append('\n');
        sb.append(". ").append(Quote.shell(layout.releaseStateDir(plan.releaseId()) + "/" + LIBRARY_FILE)).append('\n');
        sb.append("job_begin\n");
        for (PlanStep step : plan.steps()) {
            sb.append("step ").append(Quote.shell(step.id()));
            for (String a : step.call()) {
                sb.append(' ').append(Quote.shell(a));
            }
            sb.append('\n');
        }
        sb.append("job_end\n");
        return sb.toString();
    }

    /**
     * The job library shipped inside Berth, uploaded beside every plan: its parts put together in their order, each
     * introduced by a line naming it (so a line of the server's copy can be traced to its part).
     */
    public static String library() {
        StringBuilder sb = new StringBuilder();
        for (String part : LIBRARY_PARTS) {
            String text = part(part);
            sb.append("# ---- ").append(LIBRARY_PARTS_DIR).append(part).append(" ----\n").append(text);
            if (!text.endsWith("\n")) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** One part of the job library, as it is among the resources. */
    public static String part(String name) {
        try (InputStream in = PlanScript.class.getResourceAsStream(LIBRARY_PARTS_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException(LIBRARY_PARTS_DIR + name + " is missing from Berth's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
