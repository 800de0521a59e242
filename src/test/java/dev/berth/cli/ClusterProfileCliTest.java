package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.cluster.ClusterFile;
import dev.berth.cluster.ClusterNode;
import dev.berth.cluster.ClusterSpec;
import dev.berth.profile.ClusterNodes;
import dev.berth.profile.Profile;
import dev.berth.profile.ProfileNode;
import dev.berth.profile.ProfileStore;
import dev.berth.ssh.TargetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cluster profiles through the CLI, without a server: listed with their node count, refused with --target. */
class ClusterProfileCliTest {
    @TempDir
    Path home;
    private String previousHome;
    private Bundle demo;

    @BeforeEach
    void useHome() throws Exception {
        previousHome = System.getProperty("berth.home");
        System.setProperty("berth.home", home.toString());
        demo = BundleLoader.load(Path.of(System.getProperty("berth.projectDir", "."), "bundles", "demo"));
    }

    @AfterEach
    void restoreHome() {
        if (previousHome == null) {
            System.clearProperty("berth.home");
        } else {
            System.setProperty("berth.home", previousHome);
        }
    }

    private static List<ProfileNode> nodes() {
        // Port 1 on loopback: nothing listens, so a connection fails at once and no real server is touched.
        // The worker is listed first: the cluster deploy connects in the list's order, a one-server deploy would go
        // to the profile's target (the manager), so which address fails tells the two paths apart.
        return List.of(new ProfileNode("w1", TargetSpec.parse("root@127.0.0.2:1"), false, List.of("app")),
                new ProfileNode("m1", TargetSpec.parse("root@127.0.0.1:1"), true, List.of("data")));
    }

    private void save(String name) throws Exception {
        new ProfileStore(home, null, null).save(Profile.ofCluster(name, demo, nodes(), "/opt/berth/demo",
                Map.of("WEB_PORT", 18491L), Instant.parse("2026-12-01T10:00:00Z")), demo);
    }

    @Test
    void theProfileListShowsAClusterByItsNodeCount() throws Exception {
        save("swarm");
        CliRun list = CliRun.run("--lang", "en", "profiles");
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().contains("2 nodes (127.0.0.1)"), list.toString());
        CliRun json = CliRun.run("profiles", "--json");
        assertTrue(json.out().contains("\"role\" : \"worker\""), json.toString());
    }

    @Test
    void aClusterProfileListsItsServersSoTargetIsRefused() throws Exception {
        save("swarm");
        CliRun run = CliRun.run("--lang", "en", "deploy", "--profile", "swarm", "--target", "root@10.9.9.9");
        assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
        assertTrue(run.err().contains("Profile swarm is a cluster"), run.toString());
        assertTrue(run.clean(), run.toString());
    }

    @Test
    void aClusterProfileDeploysThroughTheClusterPathNodeByNode() throws Exception {
        save("swarm");
        CliRun run = CliRun.run("--lang", "en", "deploy", "--profile", "swarm");
        // The first listed node is connected first, as the cluster deploy does; nothing listens there.
        assertEquals(ExitCode.CONNECTION, run.exitCode(), run.toString());
        assertTrue(run.err().contains("127.0.0.2"), run.toString());
        assertFalse(run.err().contains("127.0.0.1"), run.toString());
        assertTrue(run.clean(), run.toString());
    }

    @Test
    void saveProfileAfterAClusterDeployKeepsEachNodeWithTheHostKeyItsConnectionPinned() throws Exception {
        // As ServerConnection leaves it after a first contact with w1: its key in Berth's known_hosts.
        byte[] blob = "ssh-ed25519 test key of w1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        dev.berth.ssh.HostKeyStore.inHome(home).pin(TargetSpec.parse("root@127.0.0.2:1").knownHostsName(), blob);
        String pinned = dev.berth.ssh.HostKeyStore.inHome(home).keysFor(
                TargetSpec.parse("root@127.0.0.2:1").knownHostsName()).get(0).fingerprint();
        ClusterSpec deployed = new ClusterSpec(List.of(
                new ClusterNode("w1", TargetSpec.parse("root@127.0.0.2:1"), ClusterNode.Role.WORKER, List.of("app")),
                new ClusterNode("m1", TargetSpec.parse("root@127.0.0.1:1").withHostKey("SHA256:given"),
                        ClusterNode.Role.MANAGER, List.of("data"))));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        Output out = new Output(new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err),
                java.util.Locale.ENGLISH, false);

        ProfileSaver.saveCluster("swarm", demo, Map.of("GREETING", "hi"), deployed, "/opt/berth/demo", out);

        Profile saved = new ProfileStore(home, null, null).require("swarm");
        assertTrue(saved.isCluster());
        assertEquals(List.of("w1", "m1"), saved.cluster().stream().map(ProfileNode::name).toList());
        assertEquals(pinned, saved.cluster().get(0).target().hostKey(), "the key pinned on that connection");
        assertEquals("SHA256:given", saved.cluster().get(1).target().hostKey());
        assertEquals("/opt/berth/demo", saved.target().installDir());
        assertEquals(Map.of("GREETING", "hi"), saved.answers(), "the operator's answers, no generated secret");
        assertTrue(err.toString().contains("Saved profile swarm"), err.toString());
    }

    @Test
    void theProfilesNodeListIsAClusterFileTheClusterDeployReads() throws Exception {
        Path file = home.resolve("cluster.yaml");
        Files.writeString(file, ClusterNodes.clusterFile(nodes()));
        ClusterSpec spec = ClusterFile.read(file);
        assertEquals(List.of("w1", "m1"), spec.nodes().stream().map(ClusterNode::name).toList());
        assertEquals(ClusterNode.Role.WORKER, spec.nodes().get(0).role());
        assertEquals(List.of("app"), spec.nodes().get(0).labels());
        assertEquals(TargetSpec.parse("root@127.0.0.2:1"), spec.nodes().get(0).target());
        assertEquals("m1", spec.leader().name());
    }
}
