package dev.berth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.bundle.RenderException;
import dev.berth.bundle.RenderedFile;
import dev.berth.deploy.PlanStep;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.TargetSpec;
import dev.berth.target.Facts;
import dev.berth.target.Fixtures;
import dev.berth.testsupport.ImageTarballWriter;
import dev.berth.testsupport.ScriptedShell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cluster deploy plans, from the bundle and the nodes' facts, before anything touches a server: the job's steps
 * on the manager, the stack files the release carries, which node is sent which images, and the hook refused when its
 * service cannot run on the manager.
 */
class ClusterPrepareTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T15:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path images;

    @BeforeAll
    static void tarballs() {
        ImageTarballWriter.image("berth-cluster/web:1.0").zeros("bin/web", 1000).write(images.resolve("cluster-web-1.0.tar"));
        ImageTarballWriter.image("berth-cluster/worker:1.0").zeros("bin/worker", 1000)
                .write(images.resolve("cluster-worker-1.0.tar"));
    }

    private static Bundle bundle() throws Exception {
        return BundleLoader.load(Path.of(System.getProperty("berth.projectDir", "."),
                "src/test/resources/bundles/cluster-demo"));
    }

    private static ClusterSpec cluster(List<String> managerLabels) {
        return new ClusterSpec(List.of(
                new ClusterNode("n1", TargetSpec.parse("root@10.77.0.1"), ClusterNode.Role.MANAGER, managerLabels),
                new ClusterNode("n2", TargetSpec.parse("ops@10.77.0.2"), ClusterNode.Role.WORKER, List.of("app")),
                new ClusterNode("n3", TargetSpec.parse("root@10.77.0.3:2222"), ClusterNode.Role.WORKER, List.of("app"))));
    }

    private static PreparedRelease prepare(ClusterSpec cluster, Map<String, Facts> facts) throws Exception {
        Map<String, SwarmFormer.Link> links = new LinkedHashMap<>();
        cluster.nodes().forEach(n -> links.put(n.name(), new SwarmFormer.Link(new ScriptedShell(), Privilege.NONE)));
        Bundle b = bundle();
        return new ClusterDeployer(cluster, links, new ReleaseLayout("/opt/berth/cluster-demo"), CLOCK)
                .prepare(facts, Map.of("n2", "192.168.9.2"), b, AnswersResolver.resolve(b, Map.of()), images, "10.77.0.1");
    }

    private static Map<String, Facts> noImages() {
        Facts f = Fixtures.facts("local-debian12.txt");
        return Map.of("n1", f, "n2", f, "n3", f);
    }

    @Test
    void theManagerLoadsEveryImageAndForwardsWebToTheAppNodesThenDeploysEachStageAsAStack() throws Exception {
        PreparedRelease r = prepare(cluster(List.of("data")), noImages());
        List<String> functions = r.plan().steps().stream().map(s -> s.call().get(0)).toList();
        assertEquals(List.of("load_images", "require_images", "forward_images", "activate_release", "stack_up",
                "stack_up", "hook_exec", "stack_prune", "switch_current"), functions);
        assertTrue(r.plan().swarm());
        PlanStep forward = r.plan().steps().get(2);
        // Only the app nodes may run web; worker is pinned to data, the manager's label. Each node is reached at its
        // address in the swarm (n3 at the one the cluster file gives, none being known), as its own login user.
        assertEquals(List.of("forward_images", "n2", "ops", "192.168.9.2", "22", "berth-cluster/web:1.0",
                "n3", "root", "10.77.0.3", "2222", "berth-cluster/web:1.0"), forward.call());
        assertEquals(List.of("stack_up", "60", "healthy", "web", "web"), r.plan().steps().get(4).call());
        assertEquals(List.of("stack_prune", "web", "worker"), r.plan().steps().get(7).call());
    }

    @Test
    void theReleaseCarriesOnePrivateStackFilePerStageWithTheAnswersInterpolated() throws Exception {
        PreparedRelease r = prepare(cluster(List.of("data")), noImages());
        RenderedFile web = r.rendered().file(".berth/stack/web.yml");
        RenderedFile worker = r.rendered().file(".berth/stack/worker.yml");
        assertEquals(0600, web.mode());
        assertEquals(0600, worker.mode());
        String yaml = new String(web.content(), StandardCharsets.UTF_8);
        assertTrue(yaml.contains("Hello from the cluster"), yaml);
        assertTrue(yaml.contains("node.labels.berth.app == true"), yaml);
        assertTrue(!yaml.contains("worker:"), "the web stage's file holds only web: " + yaml);
        assertEquals("web\nworker\n", new String(r.rendered().file(".berth/stack/services").content(),
                StandardCharsets.UTF_8));
        assertTrue(new String(worker.content(), StandardCharsets.UTF_8).contains("/opt/berth/cluster-demo/data/worker"));
    }

    @Test
    void aNodeThatHasTheImageAlreadyIsSentNothing() throws Exception {
        Facts f = Fixtures.facts("local-debian12.txt");
        Facts.Docker d = f.docker();
        Map<String, String> images = new java.util.HashMap<>(d.images());
        images.put("berth-cluster/web:1.0", "sha256:" + "a".repeat(64));
        Facts withWeb = new Facts(f.complete(), f.host(), f.access(), f.disk(), f.installDir(), f.nvidia(),
                new Facts.Docker(d.access(), d.version(), d.error(), d.runtimes(), d.rootDir(), d.rootFreeBytes(),
                        d.composes(), images, d.composeProjects(), d.imageLayers(), d.containerdStore()),
                f.ports(), f.sysctl(), f.limits(), f.tools(), f.raw());
        PreparedRelease r = prepare(cluster(List.of("data")), Map.of("n1", f, "n2", withWeb, "n3", f));
        PlanStep forward = r.plan().steps().stream().filter(s -> s.call().get(0).equals("forward_images")).findFirst()
                .orElseThrow();
        assertEquals(List.of("forward_images", "n3", "root", "10.77.0.3", "2222", "berth-cluster/web:1.0"),
                forward.call());
    }

    @Test
    void aHookInAServiceTheManagerCannotRunIsRefusedBeforeAnythingIsSent() throws Exception {
        // The manager without the data label: worker, where the hook runs, is placed on no manager.
        RenderException e = assertThrows(RenderException.class, () -> prepare(cluster(List.of("app")), noImages()));
        assertTrue(e.sentence().en().contains("The hook register runs in worker, which is not placed on the first"
                + " manager"), e.sentence().en());
    }
}
