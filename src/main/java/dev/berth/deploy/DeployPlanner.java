package dev.berth.deploy;

import dev.berth.bundle.DataDir;
import dev.berth.bundle.Hook;
import dev.berth.bundle.Migration;
import dev.berth.bundle.Probe;
import dev.berth.bundle.Readiness;
import dev.berth.bundle.Stage;
import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a rendered release into the ordered steps of its deploy job. Pure: no I/O, so the plan the operator reviews
 * is exactly the plan the server runs, and tests compare plans by equality.
 *
 * <p>Order, as the best deployment practice asks: load every image before anything that runs is touched; check
 * that every image the compose file names is present; create data folders; validate the compose file on the
 * server's own Compose; point the stable {@code active} link at the release (so services whose configuration did
 * not change are not recreated); bring stages up one by one with real readiness waits; run each hook after its stage;
 * judge the HTTP probes; only then point {@code current} at the new release.
 *
 * <p>The plan also bounds the whole job: its deadline is the sum of each step's own limit plus a margin, so a job
 * that is stuck in a way no single limit catches still ends, and puts the previous release back.
 */
public final class DeployPlanner {
    /** How long the final probes may take to answer before the release is judged unhealthy. */
    static final int PROBE_TIMEOUT_SECONDS = 60;
    /** How long one {@code compose up} of a stage may take (creating many containers, stopping old ones). */
    static final int COMPOSE_UP_SECONDS = 600;
    /** Between TERM and KILL for anything past its time limit. */
    static final int KILL_GRACE_SECONDS = 10;
    /** Added to each step's own limit in the deadline: journal events, failure logs, a slow server. */
    static final int STEP_MARGIN_SECONDS = 30;

    private DeployPlanner() {}

    /**
     * @param imageFilesToLoad tarball names uploaded to the server's images folder for this release
     * @param imageRefs        every image the bundle needs
     */
    public static DeployPlan plan(String releaseId, String project, String composeFile, List<String> compose,
                                  List<String> imageFilesToLoad, List<String> imageRefs, List<DataDir> dataDirs,
                                  List<Stage> stages, List<Hook> hooks, List<Probe> probes) {
        return plan(releaseId, project, composeFile, compose, imageFilesToLoad, imageRefs, dataDirs, stages, hooks,
                probes, Extras.NONE);
    }

    /**
     * What a deploy does besides bringing a release up.
     *
     * @param backupId   a backup of the live deployment to take first (an upgrade, a restore over a live one), or null
     * @param restoreId  the backup whose data to put back before the stages start (a restore), or null
     * @param migrations the bundle's migrations this upgrade runs, each after its stage
     */
    public record Extras(String backupId, String restoreId, List<Migration> migrations) {
        public static final Extras NONE = new Extras(null, null, List.of());

        public Extras {
            migrations = List.copyOf(migrations);
        }
    }

    /**
     * The plan of a deploy to a cluster target, run by the job on its manager: images loaded there and forwarded to the
     * nodes that lack them, then each stage's stack deployed and judged by its services' tasks across the nodes, its
     * hooks in a task on the manager, the probes, and the removal of services the release no longer has. The data
     * folders are made on each node by the laptop before the job starts (the job reaches no other node's disk); there
     * is no compose file to validate (the stack was converted and checked on the laptop, and stack deploy reads it).
     */
    public static DeployPlan swarmPlan(String releaseId, String project, String composeFile, List<String> compose,
                                       List<String> imageFilesToLoad, List<String> imageRefs, List<Stage> stages,
                                       List<Hook> hooks, List<Probe> probes, SwarmPlan swarm) {
        List<PlanStep> steps = new ArrayList<>();
        if (!imageFilesToLoad.isEmpty()) {
            steps.add(PlanStep.of("load-images", Localized.of("载入镜像", "Load images"), "load_images", imageFilesToLoad));
        }
        if (!imageRefs.isEmpty()) {
            steps.add(PlanStep.of("check-images", Localized.of("确认镜像齐全", "Check every image is present"),
                    "require_images", imageRefs));
        }
        if (!swarm.forwards().isEmpty()) {
            List<String> args = new ArrayList<>();
            for (SwarmPlan.Forward f : swarm.forwards()) {
                args.addAll(List.of(f.node(), f.user(), f.host(), Integer.toString(f.port()), String.join(",", f.refs())));
            }
            steps.add(PlanStep.of("forward-images", Localized.of("把镜像发送到其他节点", "Send the images to the other nodes"),
                    "forward_images", args));
        }
        steps.add(PlanStep.of("activate", Localized.of("启用新版本的配置", "Activate the new release's files"),
                "activate_release", List.of()));
        for (Stage stage : stages) {
            Localized label = Localized.of("启动：" + stage.label().zh(), "Start: " + stage.label().en());
            List<String> up = new ArrayList<>();
            up.add(Integer.toString(stage.timeoutSeconds()));
            up.add(stage.ready() instanceof Readiness.Exited0 ? "exited0" : "healthy");
            up.add(stage.name());
            up.addAll(stage.services());
            steps.add(PlanStep.of("stage-" + stage.name(), label, "stack_up", up));
            steps.addAll(hookSteps(stage, hooks));
        }
        steps.addAll(probeSteps(probes));
        steps.add(PlanStep.of("prune-stack", Localized.of("删除新版本中没有的服务", "Remove services the release no longer has"),
                "stack_prune", swarm.services()));
        steps.add(PlanStep.of("switch-current", Localized.of("切换到新版本", "Make this release current"),
                "switch_current", List.of()));
        return new DeployPlan(releaseId, project, composeFile, compose, steps, deadline(steps), true);
    }

    public static DeployPlan plan(String releaseId, String project, String composeFile, List<String> compose,
                                  List<String> imageFilesToLoad, List<String> imageRefs, List<DataDir> dataDirs,
                                  List<Stage> stages, List<Hook> hooks, List<Probe> probes, Extras extras) {
        List<PlanStep> steps = new ArrayList<>();
        if (extras.backupId() != null) {
            // Before anything else: the copy is of the deployment as it runs now.
            // A restore's own backup is kept whatever the retention says: it is about to be put back.
            steps.add(PlanStep.of("backup", Localized.of("先备份当前部署（" + extras.backupId() + "）",
                    "Back up the live deployment first (" + extras.backupId() + ")"), "take_backup",
                    extras.restoreId() == null ? List.of(extras.backupId())
                            : List.of(extras.backupId(), extras.restoreId())));
        }
        if (!imageFilesToLoad.isEmpty()) {
            steps.add(PlanStep.of("load-images", Localized.of("载入镜像", "Load images"), "load_images", imageFilesToLoad));
        }
        if (!imageRefs.isEmpty()) {
            steps.add(PlanStep.of("check-images", Localized.of("确认镜像齐全", "Check every image is present"),
                    "require_images", imageRefs));
        }
        if (extras.restoreId() != null) {
            steps.add(PlanStep.of("restore-data", Localized.of("从备份 " + extras.restoreId() + " 恢复数据",
                    "Put back the data of backup " + extras.restoreId()), "restore_data", List.of(extras.restoreId())));
        }
        if (!dataDirs.isEmpty()) {
            List<String> args = new ArrayList<>();
            for (DataDir d : dataDirs) {
                args.add(d.path());
                args.add(d.owner() == null ? "" : d.owner());
                args.add(d.mode() == null ? "" : d.mode());
            }
            steps.add(PlanStep.of("prepare-data", Localized.of("准备数据目录", "Prepare data folders"), "make_data_dirs", args));
        }
        steps.add(PlanStep.of("validate-compose", Localized.of("校验 Compose 文件", "Validate the compose file"),
                "validate_compose", List.of()));
        steps.add(PlanStep.of("activate", Localized.of("启用新版本的配置", "Activate the new release's files"),
                "activate_release", List.of()));
        for (Stage stage : stages) {
            steps.addAll(stageSteps(stage));
            steps.addAll(hookSteps(stage, hooks));
            for (Migration m : extras.migrations()) {
                if (m.after().equals(stage.name())) {
                    List<String> args = new ArrayList<>();
                    args.add(m.name());
                    args.add(Integer.toString(m.timeoutSeconds()));
                    args.add(m.service() == null ? "-" : m.service());
                    args.addAll(m.command());
                    steps.add(PlanStep.of("migration-" + m.name(),
                            Localized.of("执行升级迁移：" + m.name(), "Run upgrade migration: " + m.name()),
                            "run_migration", args));
                }
            }
        }
        steps.addAll(probeSteps(probes));
        steps.add(PlanStep.of("switch-current", Localized.of("切换到新版本", "Make this release current"),
                "switch_current", List.of()));
        return new DeployPlan(releaseId, project, composeFile, compose, steps, deadline(steps));
    }

    private static List<PlanStep> hookSteps(Stage stage, List<Hook> hooks) {
        List<PlanStep> steps = new ArrayList<>();
        for (Hook hook : hooks) {
            if (hook.after().equals(stage.name())) {
                List<String> args = new ArrayList<>();
                args.add(Integer.toString(hook.timeoutSeconds()));
                args.add(hook.service() == null ? "-" : hook.service());
                args.addAll(hook.command());
                steps.add(PlanStep.of("hook-" + hook.name(),
                        Localized.of("执行部署后操作：" + hook.name(), "Run hook: " + hook.name()), "hook_exec", args));
            }
        }
        return steps;
    }

    private static List<PlanStep> probeSteps(List<Probe> probes) {
        List<PlanStep> steps = new ArrayList<>();
        for (Probe probe : probes) {
            steps.add(PlanStep.of("probe-" + probe.name(),
                    Localized.of("健康检查：" + probe.name(), "Health probe: " + probe.name()), "wait_http",
                    List.of(Integer.toString(PROBE_TIMEOUT_SECONDS), probe.url(), Integer.toString(probe.status()),
                            probe.contains() == null ? "" : probe.contains())));
        }
        return steps;
    }

    /** The sum of each step's longest legitimate run; image loading is added by the job, which knows the sizes. */
    static int deadline(List<PlanStep> steps) {
        int total = 0;
        for (PlanStep s : steps) {
            List<String> call = s.call();
            int limit = switch (call.get(0)) {
                case "load_images" -> 0;
                case "require_images" -> 30 + 5 * (call.size() - 1);
                case "validate_compose" -> 60;
                case "stage_up", "stack_up" -> COMPOSE_UP_SECONDS + Integer.parseInt(call.get(1)) + 30;
                // Added on the server by image size, as load_images.
                case "forward_images" -> 0;
                case "stack_prune" -> 60;
                case "wait_http", "wait_command" -> Integer.parseInt(call.get(1));
                case "hook_exec" -> Integer.parseInt(call.get(1)) + KILL_GRACE_SECONDS;
                case "run_migration" -> Integer.parseInt(call.get(2)) + KILL_GRACE_SECONDS;
                // Both add their size-dependent time to the deadline on the server, which knows the sizes.
                case "take_backup" -> 600;
                case "restore_data" -> 120;
                default -> 30;
            };
            total += limit + STEP_MARGIN_SECONDS;
        }
        return total;
    }

    private static List<PlanStep> stageSteps(Stage stage) {
        String timeout = Integer.toString(stage.timeoutSeconds());
        Localized label = Localized.of("启动：" + stage.label().zh(), "Start: " + stage.label().en());
        String id = "stage-" + stage.name();
        List<String> up = new ArrayList<>();
        up.add(timeout);
        Readiness ready = stage.ready();
        up.add(ready instanceof Readiness.Healthy ? "healthy" : ready instanceof Readiness.Exited0 ? "exited0" : "running");
        up.addAll(stage.services());
        List<PlanStep> steps = new ArrayList<>();
        steps.add(PlanStep.of(id, label, "stage_up", up));
        Localized waitLabel = Localized.of("等待就绪：" + stage.label().zh(), "Wait until ready: " + stage.label().en());
        if (ready instanceof Readiness.Http http) {
            steps.add(PlanStep.of("ready-" + stage.name(), waitLabel, "wait_http",
                    List.of(timeout, http.urlTemplate(), Integer.toString(http.status()), "")));
        } else if (ready instanceof Readiness.Command cmd) {
            List<String> args = new ArrayList<>();
            args.add(timeout);
            args.addAll(cmd.argv());
            steps.add(PlanStep.of("ready-" + stage.name(), waitLabel, "wait_command", args));
        }
        return steps;
    }
}
