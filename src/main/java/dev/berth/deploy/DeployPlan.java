package dev.berth.deploy;

import java.util.List;

/**
 * Everything one release's job will do on the server, in order. Built on the laptop with no I/O, shown to the
 * operator for review, then rendered by {@link PlanScript} into the release's {@code .berth/plan.sh}.
 *
 * @param compose the compose command as argv ({@code docker compose} or {@code docker-compose})
 */
public record DeployPlan(String releaseId, String project, String composeFile, List<String> compose,
                         List<PlanStep> steps) {
    public DeployPlan {
        compose = List.copyOf(compose);
        steps = List.copyOf(steps);
    }
}
