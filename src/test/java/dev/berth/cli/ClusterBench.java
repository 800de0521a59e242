package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testsupport.ClusterTestBed;
import dev.berth.testsupport.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * For scripts/bench-cluster.sh (not a test): {@code NODES WEB_MIB} forms a swarm of the test env's first NODES nodes
 * with {@code berth cluster form}, deploys cluster-demo with {@code berth deploy --cluster} (web's image carrying
 * WEB_MIB of incompressible bytes), reads {@code berth cluster status} five times, and prints one line: the times, the
 * bytes that crossed the laptop's link (the counters of its veth to the nodes' switch: every SSH byte to every node),
 * the image bytes the manager forwarded to the other nodes, and the tarballs' size. Leaves the nodes clean.
 */
public final class ClusterBench {
    private static final String INSTALL = "/var/tmp/berth-cluster-bench";
    private static final String LINK = "/sys/class/net/berth-swarm/statistics/";

    private ClusterBench() {}

    public static void main(String[] args) throws Exception {
        int nodes = Integer.parseInt(args[0]);
        int webMiB = Integer.parseInt(args[1]);
        System.setProperty("berth.home", TestTarget.newBerthHome().toString());
        ClusterTestBed.clean(INSTALL);
        Path images = Files.createTempDirectory("cluster-bench-images");
        try {
            ClusterTestBed.writeImages(images, webMiB);
            long tarballs = Files.size(images.resolve("cluster-web-1.0.tar"))
                    + Files.size(images.resolve("cluster-worker-1.0.tar"));
            Path cluster = ClusterTestBed.writeClusterFile(nodes);
            long t0 = System.nanoTime();
            ok(CliRun.run("cluster", "form", "--cluster", cluster.toString()));
            long formMs = (System.nanoTime() - t0) / 1_000_000;
            long before = counter("tx_bytes") + counter("rx_bytes");
            long t1 = System.nanoTime();
            ok(CliRun.run("deploy", "--cluster", cluster.toString(), "--bundle", ClusterTestBed.bundle().toString(),
                    "--images", images.toString(), "--install-dir", INSTALL));
            long deployMs = (System.nanoTime() - t1) / 1_000_000;
            long link = counter("tx_bytes") + counter("rx_bytes") - before;
            long forwarded = forwardedBytes();
            long statusMs = 0;
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                ok(CliRun.run("cluster", "status", "--cluster", cluster.toString()));
                statusMs += (System.nanoTime() - t) / 1_000_000;
            }
            System.out.println(String.format(Locale.ROOT, "nodes %d: form %.1f s, deploy %.1f s; laptop link %.1f MiB"
                            + " (image tarballs %.1f MiB; the manager forwarded %.1f MiB to the other nodes);"
                            + " berth cluster status %d ms (mean of 5, connecting to every node included)",
                    nodes, formMs / 1000.0, deployMs / 1000.0, link / 1048576.0, tarballs / 1048576.0,
                    forwarded / 1048576.0, statusMs / 5));
        } finally {
            ClusterTestBed.clean(INSTALL);
            TestTarget.runLocal("rm -rf " + images, java.time.Duration.ofSeconds(30));
        }
    }

    private static void ok(CliRun r) {
        if (r.exitCode() != ExitCode.OK) {
            throw new IllegalStateException(r.toString());
        }
    }

    private static long counter(String name) throws Exception {
        return Long.parseLong(Files.readString(Path.of(LINK + name)).strip());
    }

    /** The bytes of every images-forwarded event of the live release's journal. */
    private static long forwardedBytes() throws Exception {
        Path journal = Path.of(INSTALL, "current").toRealPath().resolve(".berth/journal.jsonl");
        ObjectMapper json = new ObjectMapper();
        long total = 0;
        for (String line : Files.readAllLines(journal)) {
            JsonNode e = json.readTree(line);
            if ("images-forwarded".equals(e.path("event").asText())) {
                total += e.path("bytes").asLong();
            }
        }
        return total;
    }
}
