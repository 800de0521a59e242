package dev.berth.contract;

import dev.berth.bundle.AnswersFile;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.bundle.DataDir;
import dev.berth.bundle.Hook;
import dev.berth.bundle.ImageRef;
import dev.berth.bundle.Probe;
import dev.berth.bundle.Readiness;
import dev.berth.bundle.RenderedRelease;
import dev.berth.bundle.Renderer;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.bundle.Stage;
import dev.berth.deploy.DeployPlan;
import dev.berth.deploy.DeployPlanner;
import dev.berth.text.Localized;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The deploy plans Berth can make: one for each bundle in bundles/ and the test bundle {@code mini} with its example
 * answers (every image loaded, so the load step is in), and one that takes every branch of {@link DeployPlanner}
 * (each readiness kind, hooks on the host and in a service, probes, data folders).
 */
final class BundlePlans {
    static final Builtins BUILTINS = Builtins.of("/opt/berth/x", "20260101-000000-abcd", "x", "192.0.2.10");

    /** The test bundle has no example answers: these, as its tests give. */
    static final Map<String, Object> MINI_ANSWERS = Map.of("TEXT", "t", "TOKEN", "tok", "TLS", true, "CERT", "c",
            "MODELS", List.of(Map.of("NAME", "a")));

    private BundlePlans() {}

    static Map<String, DeployPlan> all() throws Exception {
        Map<String, DeployPlan> plans = new java.util.LinkedHashMap<>();
        for (Path dir : ProjectFiles.bundles()) {
            Bundle bundle = BundleLoader.load(dir);
            ResolvedAnswers answers = AnswersResolver.resolve(bundle, AnswersFile.read(dir.resolve("example-answers.yaml")));
            plans.put(dir.getFileName().toString(), plan(bundle, answers, Renderer.render(bundle, answers, BUILTINS)));
        }
        Bundle mini = BundleLoader.load(ProjectFiles.path("src/test/resources/bundles/mini"));
        ResolvedAnswers answers = AnswersResolver.resolve(mini, MINI_ANSWERS);
        plans.put("mini", plan(mini, answers, Renderer.render(mini, answers, BUILTINS)));
        plans.put("every-branch", everyBranch());
        return plans;
    }

    static DeployPlan plan(Bundle bundle, ResolvedAnswers answers, RenderedRelease rendered) {
        List<ImageRef> images = bundle.imagesFor(answers);
        return DeployPlanner.plan("20260101-000000-abcd", "x", rendered.composeFile(), List.of("docker", "compose"),
                images.stream().map(ImageRef::file).toList(), images.stream().map(ImageRef::ref).toList(),
                bundle.dataDirs(), rendered.stages(), rendered.hooks(), rendered.probes());
    }

    private static DeployPlan everyBranch() {
        Localized l = Localized.of("x", "x");
        return DeployPlanner.plan("20260101-000000-abcd", "x", "docker-compose.yml", List.of("docker-compose"),
                List.of("a.tar"), List.of("x/a:1"), List.of(new DataDir("d", "1000:1000", "0750")),
                List.of(new Stage("healthy", l, List.of("a"), new Readiness.Healthy(), 10, null),
                        new Stage("running", l, List.of("b"), new Readiness.Running(), 10, null),
                        new Stage("exited0", l, List.of("c"), new Readiness.Exited0(), 10, null),
                        new Stage("http", l, List.of("d"), new Readiness.Http("http://127.0.0.1:1/", 200), 10, null),
                        new Stage("command", l, List.of("e"), new Readiness.Command(List.of("true")), 10, null)),
                List.of(new Hook("in-service", "healthy", "a", List.of("true"), 10),
                        new Hook("on-host", "running", null, List.of("true"), 10)),
                List.of(new Probe("p", "http://127.0.0.1:1/", 200, "ok", null)));
    }
}
