package dev.berth.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.bundle.AnswersFile;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.bundle.ImageRef;
import dev.berth.bundle.RenderedRelease;
import dev.berth.bundle.Renderer;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.testsupport.ProxyToggleBundle;
import dev.berth.text.Localized;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole plan the server runs, compared by equality with a plan written out here: for the demo bundle, for a
 * bundle whose stage (and the hook and probe that go with it) has a {@code when} that is off and on, and for a
 * redeploy whose images are all on the server already. Pure: no server.
 */
class DeployPlannerTest {
    private static final String RELEASE = "20260101-000000-abcd";
    private static final Builtins BUILTINS = Builtins.of("/opt/berth/demo", RELEASE, "demo", "192.0.2.10");

    private static PlanStep step(String id, String zh, String en, String function, String... args) {
        return PlanStep.of(id, Localized.of(zh, en), function, Arrays.asList(args));
    }

    private static Path project() {
        String dir = System.getProperty("berth.projectDir");
        return dir != null ? Path.of(dir) : Path.of("").toAbsolutePath();
    }

    private static DeployPlan plan(Bundle bundle, ResolvedAnswers answers, boolean uploadImages) throws Exception {
        RenderedRelease r = Renderer.render(bundle, answers, BUILTINS);
        List<ImageRef> images = bundle.imagesFor(answers);
        return DeployPlanner.plan(RELEASE, "demo", r.composeFile(), List.of("docker", "compose"),
                uploadImages ? images.stream().map(ImageRef::file).toList() : List.of(),
                images.stream().map(ImageRef::ref).toList(), bundle.dataDirs(), r.stages(), r.hooks(), r.probes());
    }

    private static DeployPlan demo(boolean uploadImages) throws Exception {
        Bundle demo = BundleLoader.load(project().resolve("bundles/demo"));
        return plan(demo, AnswersResolver.resolve(demo,
                AnswersFile.read(project().resolve("bundles/demo/example-answers.yaml"))), uploadImages);
    }

    private static final PlanStep CHECK_DEMO_IMAGES = step("check-images", "确认镜像齐全", "Check every image is present",
            "require_images", "berth-demo/web:1.0", "berth-demo/worker:1.0");
    private static final PlanStep PREPARE_DEMO_DATA = step("prepare-data", "准备数据目录", "Prepare data folders",
            "make_data_dirs", "web", "1000:1000", "0755", "worker", "", "0755");
    private static final PlanStep VALIDATE = step("validate-compose", "校验 Compose 文件", "Validate the compose file",
            "validate_compose");
    private static final PlanStep ACTIVATE = step("activate", "启用新版本的配置", "Activate the new release's files",
            "activate_release");
    private static final PlanStep SWITCH = step("switch-current", "切换到新版本", "Make this release current",
            "switch_current");

    private static List<PlanStep> demoSteps() {
        return List.of(CHECK_DEMO_IMAGES, PREPARE_DEMO_DATA, VALIDATE, ACTIVATE,
                step("stage-web", "启动：网页服务", "Start: Web service", "stage_up", "60", "healthy", "web"),
                step("hook-register", "执行部署后操作：register", "Run hook: register", "hook_exec", "30", "web",
                        "sh", "-c", "mkdir -p /srv/www/hooks && echo registered > /srv/www/hooks/registered.txt"),
                step("stage-worker", "启动：后台任务", "Start: Worker", "stage_up", "60", "healthy", "worker"),
                step("probe-web", "健康检查：web", "Health probe: web", "wait_http", "60",
                        "http://127.0.0.1:18080/health", "200", "ok"),
                SWITCH);
    }

    @Test
    void theDemoBundlesFirstDeployLoadsItsImagesThenRunsEveryStageHookAndProbeInOrder() throws Exception {
        List<PlanStep> steps = new java.util.ArrayList<>();
        steps.add(step("load-images", "载入镜像", "Load images", "load_images", "web-1.0.tar", "worker-1.0.tar"));
        steps.addAll(demoSteps());
        // Each step's own limit plus 30 s: load 0 (the job adds by size), check 30+5*2, data 30, validate 60,
        // activate 30, each stage 600+60+30, hook 30+10, probe 60, switch 30.
        int deadline = 30 + 70 + 60 + 90 + 60 + 720 + 70 + 720 + 90 + 60;
        assertEquals(new DeployPlan(RELEASE, "demo", "docker-compose.yml", List.of("docker", "compose"), steps, deadline),
                demo(true));
    }

    @Test
    void anUpgradeBacksUpBeforeAnythingAndRunsEachMigrationAfterItsStageAndHooks() throws Exception {
        Bundle demo = BundleLoader.load(project().resolve("bundles/demo"));
        ResolvedAnswers answers = AnswersResolver.resolve(demo,
                AnswersFile.read(project().resolve("bundles/demo/example-answers.yaml")));
        RenderedRelease r = Renderer.render(demo, answers, BUILTINS);
        dev.berth.bundle.Migration log = new dev.berth.bundle.Migration("web-log", "<1.1.0", "web", "web",
                List.of("sh", "-c", "echo migrated >> /srv/www/migrations.log"), 45);
        DeployPlan plan = DeployPlanner.plan(RELEASE, "demo", r.composeFile(), List.of("docker", "compose"), List.of(),
                List.of("berth-demo/web:1.0", "berth-demo/worker:1.0"), demo.dataDirs(), r.stages(), r.hooks(),
                r.probes(), new DeployPlanner.Extras("20261203-120000-abcd", null, List.of(log)));
        List<PlanStep> steps = new java.util.ArrayList<>(demoSteps());
        steps.add(0, step("backup", "先备份当前部署（20261203-120000-abcd）",
                "Back up the live deployment first (20261203-120000-abcd)", "take_backup", "20261203-120000-abcd"));
        steps.add(7, step("migration-web-log", "执行升级迁移：web-log", "Run upgrade migration: web-log", "run_migration",
                "web-log", "45", "web", "sh", "-c", "echo migrated >> /srv/www/migrations.log"));
        assertEquals(steps, plan.steps());
        // The backup's own 600 s (the job adds by the size it finds) and the migration's limit plus the grace.
        assertEquals(demo(false).deadlineSeconds() + 630 + 85, plan.deadlineSeconds());
    }

    @Test
    void aRestoreBacksUpFirstKeepingItsBackupAndPutsTheDataBackBeforeTheDataFoldersAreMade() throws Exception {
        Bundle demo = BundleLoader.load(project().resolve("bundles/demo"));
        ResolvedAnswers answers = AnswersResolver.resolve(demo,
                AnswersFile.read(project().resolve("bundles/demo/example-answers.yaml")));
        RenderedRelease r = Renderer.render(demo, answers, BUILTINS);
        DeployPlan plan = DeployPlanner.plan(RELEASE, "demo", r.composeFile(), List.of("docker", "compose"), List.of(),
                List.of("berth-demo/web:1.0", "berth-demo/worker:1.0"), demo.dataDirs(), r.stages(), r.hooks(),
                r.probes(), new DeployPlanner.Extras("20261203-090000-0002", "20261201-080000-0001", List.of()));
        List<PlanStep> steps = new java.util.ArrayList<>(demoSteps());
        steps.add(0, step("backup", "先备份当前部署（20261203-090000-0002）",
                "Back up the live deployment first (20261203-090000-0002)", "take_backup", "20261203-090000-0002",
                "20261201-080000-0001"));
        steps.add(2, step("restore-data", "从备份 20261201-080000-0001 恢复数据",
                "Put back the data of backup 20261201-080000-0001", "restore_data", "20261201-080000-0001"));
        assertEquals(steps, plan.steps());
    }

    @Test
    void aRedeployWhoseImagesAreOnTheServerLoadsNothingButStillChecksThem() throws Exception {
        int deadline = 70 + 60 + 90 + 60 + 720 + 70 + 720 + 90 + 60;
        assertEquals(new DeployPlan(RELEASE, "demo", "docker-compose.yml", List.of("docker", "compose"), demoSteps(),
                deadline), demo(false));
    }

    @Test
    void theDemoPlanScriptIsExactlyThis() throws Exception {
        String expected = """
                #!/bin/bash
                # Deploy job of release 20260101-000000-abcd, written by Berth. Runs on the server.
                BERTH_INSTALL_DIR='/opt/berth/demo'
                BERTH_RELEASE_ID='20260101-000000-abcd'
                BERTH_PROJECT='demo'
                BERTH_COMPOSE_FILE='docker-compose.yml'
                BERTH_COMPOSE=('docker' 'compose')
                BERTH_DEADLINE_SECONDS=1940
                BERTH_UP_SECONDS=600
                BERTH_KILL_GRACE_SECONDS=10
                . '/opt/berth/demo/releases/20260101-000000-abcd/.berth/job-lib.sh'
                job_begin
                step 'check-images' 'require_images' 'berth-demo/web:1.0' 'berth-demo/worker:1.0'
                step 'prepare-data' 'make_data_dirs' 'web' '1000:1000' '0755' 'worker' '' '0755'
                step 'validate-compose' 'validate_compose'
                step 'activate' 'activate_release'
                step 'stage-web' 'stage_up' '60' 'healthy' 'web'
                step 'hook-register' 'hook_exec' '30' 'web' 'sh' '-c' 'mkdir -p /srv/www/hooks && echo registered > /srv/www/hooks/registered.txt'
                step 'stage-worker' 'stage_up' '60' 'healthy' 'worker'
                step 'probe-web' 'wait_http' '60' 'http://127.0.0.1:18080/health' '200' 'ok'
                step 'switch-current' 'switch_current'
                job_end
                """;
        assertEquals(expected, PlanScript.render(demo(false), new ReleaseLayout("/opt/berth/demo")));
    }

    @Test
    void aValueWithAQuoteIsOneShellWordInThePlanScript() {
        DeployPlan plan = new DeployPlan(RELEASE, "demo", "docker-compose.yml", List.of("docker-compose"),
                List.of(step("hook-it-s", "x", "x", "hook_exec", "5", "-", "echo", "it's $HOME `id`")), 0);
        String script = PlanScript.render(plan, new ReleaseLayout("/opt/berth/demo"));
        assertEquals("""
                #!/bin/bash
                # Deploy job of release 20260101-000000-abcd, written by Berth. Runs on the server.
                BERTH_INSTALL_DIR='/opt/berth/demo'
                BERTH_RELEASE_ID='20260101-000000-abcd'
                BERTH_PROJECT='demo'
                BERTH_COMPOSE_FILE='docker-compose.yml'
                BERTH_COMPOSE=('docker-compose')
                BERTH_DEADLINE_SECONDS=0
                BERTH_UP_SECONDS=600
                BERTH_KILL_GRACE_SECONDS=10
                . '/opt/berth/demo/releases/20260101-000000-abcd/.berth/job-lib.sh'
                job_begin
                step 'hook-it-s' 'hook_exec' '5' '-' 'echo' 'it'\\''s $HOME `id`'
                job_end
                """, script);
    }

    /** A bundle whose proxy stage, the hook after it and each probe depend on one bool. */
    private static Bundle conditional(Path dir) throws Exception {
        return ProxyToggleBundle.write(dir, String.join("\n",
                "id: cond",
                "version: 1.0.0",
                "name: {zh: 条件, en: Conditions}",
                "parameters:",
                "  - {name: PROXY, type: bool, label: {zh: 代理, en: Proxy}, default: false}",
                "images:",
                "  - {ref: 'x/app:1.0', file: app-1.0.tar}",
                "  - {ref: 'x/proxy:1.0', file: proxy-1.0.tar, when: {PROXY: [true]}}",
                "stages:",
                "  - {name: app, label: {zh: 应用, en: App}, services: [app], ready: running, timeout: 20}",
                "  - {name: proxy, label: {zh: 代理, en: Proxy}, services: [proxy], when: {PROXY: [true]},"
                        + " ready: {http: 'http://127.0.0.1:80/ready', status: 204}, timeout: 40}",
                "hooks:",
                "  - {name: warm, after: proxy, command: [./warm.sh], timeout: 15}",
                "probes:",
                "  - {name: direct, url: 'http://127.0.0.1:8080/', when: {PROXY: [false]}}",
                "  - {name: proxied, url: 'http://127.0.0.1:80/', when: {PROXY: [true]}}",
                ""));
    }

    @Test
    void aStageWhoseConditionIsOffIsLeftOutWithItsHookAndProbe(@TempDir Path dir) throws Exception {
        Bundle b = conditional(dir);
        DeployPlan off = plan(b, AnswersResolver.resolve(b, Map.of("PROXY", false)), true);
        List<PlanStep> steps = List.of(
                step("load-images", "载入镜像", "Load images", "load_images", "app-1.0.tar"),
                step("check-images", "确认镜像齐全", "Check every image is present", "require_images", "x/app:1.0"),
                VALIDATE, ACTIVATE,
                step("stage-app", "启动：应用", "Start: App", "stage_up", "20", "running", "app"),
                step("probe-direct", "健康检查：direct", "Health probe: direct", "wait_http", "60",
                        "http://127.0.0.1:8080/", "200", ""),
                SWITCH);
        int deadline = 30 + (30 + 5 + 30) + 90 + 60 + (600 + 20 + 30 + 30) + 90 + 60;
        assertEquals(new DeployPlan(RELEASE, "demo", "docker-compose.yml", List.of("docker", "compose"), steps, deadline),
                off);
    }

    @Test
    void aStageWhoseConditionIsOnComesWithItsReadinessHookAndProbe(@TempDir Path dir) throws Exception {
        Bundle b = conditional(dir);
        DeployPlan on = plan(b, AnswersResolver.resolve(b, Map.of("PROXY", true)), true);
        List<PlanStep> steps = List.of(
                step("load-images", "载入镜像", "Load images", "load_images", "app-1.0.tar", "proxy-1.0.tar"),
                step("check-images", "确认镜像齐全", "Check every image is present", "require_images", "x/app:1.0",
                        "x/proxy:1.0"),
                VALIDATE, ACTIVATE,
                step("stage-app", "启动：应用", "Start: App", "stage_up", "20", "running", "app"),
                step("stage-proxy", "启动：代理", "Start: Proxy", "stage_up", "40", "running", "proxy"),
                step("ready-proxy", "等待就绪：代理", "Wait until ready: Proxy", "wait_http", "40",
                        "http://127.0.0.1:80/ready", "204", ""),
                step("hook-warm", "执行部署后操作：warm", "Run hook: warm", "hook_exec", "15", "-", "./warm.sh"),
                step("probe-proxied", "健康检查：proxied", "Health probe: proxied", "wait_http", "60",
                        "http://127.0.0.1:80/", "200", ""),
                SWITCH);
        int deadline = 30 + (30 + 10 + 30) + 90 + 60 + (600 + 20 + 30 + 30) + (600 + 40 + 30 + 30) + (40 + 30)
                + (15 + 10 + 30) + 90 + 60;
        assertEquals(new DeployPlan(RELEASE, "demo", "docker-compose.yml", List.of("docker", "compose"), steps, deadline),
                on);
    }
}
