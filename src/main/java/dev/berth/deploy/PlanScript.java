package dev.berth.deploy;

import dev.berth.text.Quote;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Renders a {@link DeployPlan} into the bash script the server runs. Every value is single-quoted, so nothing an
 * operator typed can become shell syntax; the job library does the work.
 */
public final class PlanScript {
    public static final String LIBRARY_FILE = "job-lib.sh";

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

    /** The job library shipped inside Berth, uploaded beside every plan so a release is self-contained. */
    public static String library() {
        try (InputStream in = PlanScript.class.getResourceAsStream(LIBRARY_FILE)) {
            if (in == null) {
                throw new IllegalStateException("job-lib.sh is missing from Berth's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
