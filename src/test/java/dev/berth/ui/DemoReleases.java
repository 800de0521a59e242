package dev.berth.ui;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.ImageRef;
import dev.berth.bundle.RenderedRelease;
import dev.berth.bundle.Renderer;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.deploy.DeployPlan;
import dev.berth.deploy.DeployPlanner;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.Upgrade;
import dev.berth.preflight.Preflight;
import dev.berth.preflight.PreflightContext;
import dev.berth.preflight.PreflightReport;
import dev.berth.target.Facts;
import dev.berth.target.FactsParser;
import dev.berth.target.Fixtures;
import java.util.List;
import java.util.Map;

/**
 * The demo bundle's release as {@code Deployer.prepare} builds it (rendered, planned with the backup and restore steps
 * the engine adds), for view-model tests that stand in for the server's part of preparing; and check reports over
 * the recorded Debian probe, with or without a live release.
 */
public final class DemoReleases {
    public static final String DIR = "/opt/berth-unit";

    private DemoReleases() {}

    /**
     * @param backupId  the backup the plan takes first, or null
     * @param restoreId the backup the release starts from, or null
     * @param upgrade   what it changes in the live release, or null
     */
    public static PreparedRelease demo(String id, String backupId, String restoreId, Upgrade upgrade) {
        try {
            Bundle demo = UiTestModels.bundle("demo");
            ResolvedAnswers answers = AnswersResolver.resolve(demo, Map.of("API_TOKEN", "0123456789abcdef0123456789abcdef"));
            RenderedRelease r = Renderer.render(demo, answers, Builtins.of(DIR, id, "demo", "server"));
            List<ImageRef> images = demo.imagesFor(answers);
            DeployPlan plan = DeployPlanner.plan(id, "demo", r.composeFile(), List.of("docker-compose"), List.of(),
                    images.stream().map(ImageRef::ref).toList(), demo.dataDirs(), r.stages(), r.hooks(), r.probes(),
                    new DeployPlanner.Extras(backupId, restoreId, List.of()));
            PreparedRelease plain = new PreparedRelease(demo, answers, id, r, List.of(), plan);
            return new PreparedRelease(demo, answers, id, r, List.of(), plan, plain.transfer(), upgrade);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** An upgrade of the demo bundle from {@code from} to its own version. */
    public static Upgrade upgrade(String from, String backupId) {
        return new Upgrade(from, "1.0.0", List.of(new Upgrade.ImageChange("berth-demo/web:0.9", "berth-demo/web:1.0")),
                List.of("web"), List.of(), backupId);
    }

    /** The recorded Debian server, passing the demo bundle's checks; {@code liveJson} its live release.json, or null. */
    public static PreflightReport report(String liveJson) {
        String raw = Fixtures.raw("local-debian12.txt");
        if (liveJson != null) {
            raw = raw.replace("=== install ===\nexists=no\n", "=== install ===\nexists=yes\nreleases=yes\ncurrent=releases/r1\n")
                    .replace("=== release-json ===\n", "=== release-json ===\n" + liveJson + "\n");
        }
        Facts facts = FactsParser.parse(raw);
        return Preflight.run(UiTestModels.bundle("demo").requirements(), facts, Map.of(), PreflightContext.of("demo"));
    }
}
