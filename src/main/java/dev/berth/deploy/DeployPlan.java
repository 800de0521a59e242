package dev.berth.deploy;

import java.util.List;

/**
 * Everything one release's job will do on the server, in order, and how long it may take in all. Built on the laptop with no I/O, shown to the
 * operator for review, then rendered by {@link PlanScript} into the release's {@code .berth/plan.sh}.
 *
 * @param compose         the compose command as argv ({@code docker compose} or {@code docker-compose})
 * @param deadlineSeconds past this the job stops and puts the previous release back (0: no deadline); the job adds
 *                        the time its image loads may take, which depends on the tarballs' size
 * @param swarm           the job deploys a Swarm stack on a cluster's manager (BERTH_ENGINE=swarm), not compose
 */
public record DeployPlan(String releaseId, String project, String composeFile, List<String> compose,
                         List<PlanStep> steps, int deadlineSeconds, boolean swarm) {
    public DeployPlan {
        compose = List.copyOf(compose);
        steps = List.copyOf(steps);
    }

    public DeployPlan(String releaseId, String project, String composeFile, List<String> compose, List<PlanStep> steps,
                      int deadlineSeconds) {
        this(releaseId, project, composeFile, compose, steps, deadlineSeconds, false);
    }
}
