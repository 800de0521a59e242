package dev.berth.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The test env's Swarm nodes as a cluster deploy's tests and benchmark use them: the cluster-demo bundle's images, a
 * cluster file of the first N nodes, and a clean start (no swarm, no cluster images, no install).
 */
public final class ClusterTestBed {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterTestBed() {}

    public static String docker(String socket) {
        return TestTarget.get().dockerCmd() + " -H unix://" + socket;
    }

    public static List<String> sockets() {
        return List.of(TestTarget.get().property("swarm.sockets").split(","));
    }

    /** Every node started (one a test stopped too), out of any swarm, without the cluster images; no install. */
    public static void clean(String installDir) {
        clean(installDir, false);
    }

    /** @param afresh the nodes are stopped and started afresh first (a test stopped a node's engine) */
    public static void clean(String installDir, boolean afresh) {
        if (afresh) {
            TestTarget.get().resetSwarmNodes();
        }
        TestTarget.get().startSwarmNodes();
        for (String s : sockets()) {
            TestTarget.runLocal(docker(s) + " swarm leave --force", Duration.ofSeconds(60));
            TestTarget.runLocal(docker(s) + " rmi berth-cluster/web:1.0 berth-cluster/worker:1.0", Duration.ofSeconds(60));
        }
        TestTarget.runLocal("rm -rf " + installDir, Duration.ofSeconds(30));
    }

    /**
     * cluster-demo's images: the demo's busybox layer under a small layer of their own (web's with {@code webMiB} of
     * bytes that do not compress besides), so web and worker share a layer, as real images do.
     */
    public static void writeImages(Path dir, int webMiB) throws Exception {
        Path base = Path.of(TestTarget.get().property("images.dir"), "base-1.0.tar");
        Path unpacked = Files.createTempDirectory("base-image");
        try {
            TestTarget.runLocalOk("tar -xf " + base + " -C " + unpacked);
            String layer = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0).get("Layers").get(0)
                    .asText();
            byte[] busybox = Files.readAllBytes(unpacked.resolve(layer));
            ImageTarballWriter web = ImageTarballWriter.image("berth-cluster/web:1.0").rawLayer(busybox)
                    .layer("etc/berth-image", "web\n".getBytes());
            if (webMiB > 0) {
                web.layer("opt/web/payload", ImageTarballWriter.noise(webMiB << 20, 13));
            }
            web.write(dir.resolve("cluster-web-1.0.tar"));
            ImageTarballWriter.image("berth-cluster/worker:1.0").rawLayer(busybox)
                    .layer("etc/berth-image", "worker\n".getBytes()).write(dir.resolve("cluster-worker-1.0.tar"));
        } finally {
            TestTarget.runLocal("rm -rf " + unpacked, Duration.ofSeconds(30));
        }
    }

    /** The first {@code count} nodes: n1 manages and carries data and app, the others are app workers; root by key. */
    public static Path writeClusterFile(int count) throws Exception {
        return writeClusterFile(count, false);
    }

    /**
     * @param lastByPassword the last node logs in as the test env's user with its password (login: password), whose
     *                       docker goes through sudo to the node's engine (test-env.sh keeps DOCKER_HOST for it)
     */
    public static Path writeClusterFile(int count, boolean lastByPassword) throws Exception {
        TestTarget t = TestTarget.get();
        List<String> nodes = t.swarmNodes();
        String port = t.property("swarm.ssh.port");
        StringBuilder yaml = new StringBuilder("nodes:\n");
        for (int i = 0; i < count; i++) {
            boolean password = lastByPassword && i == count - 1;
            yaml.append("  - name: n").append(i + 1).append('\n')
                    .append("    target: \"").append(password ? t.user() : "root").append('@').append(nodes.get(i))
                    .append(':').append(port).append("\"\n")
                    .append(password ? "    login: password\n" : "    identity: " + t.ed25519Key() + "\n")
                    .append("    hostKey: \"").append(t.hostKeyFingerprint()).append("\"\n")
                    .append("    role: ").append(i == 0 ? "manager" : "worker").append('\n')
                    .append("    labels: ").append(i == 0 ? "[data, app]" : "[app]").append('\n');
        }
        Path f = Files.createTempFile("cluster", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    /** The cluster-demo test bundle's folder. */
    public static Path bundle() {
        return Path.of(System.getProperty("berth.projectDir", System.getProperty("user.dir")),
                "src/test/resources/bundles/cluster-demo");
    }
}
