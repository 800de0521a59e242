package dev.berth.ssh.bench;

import dev.berth.bundle.ImageRef;
import dev.berth.ssh.Credentials;
import dev.berth.ssh.HostKeyDecision;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshConnector;
import dev.berth.ssh.TargetSpec;
import dev.berth.target.Facts;
import dev.berth.target.Prober;
import dev.berth.target.ServerCommands;
import dev.berth.text.Localized;
import dev.berth.transfer.Compression;
import dev.berth.transfer.ImageArchive;
import dev.berth.transfer.ImagePlanner;
import dev.berth.transfer.ImageStatus;
import dev.berth.transfer.ImageUploader;
import dev.berth.transfer.LinkRate;
import dev.berth.transfer.TransferPlan;
import dev.berth.transfer.UploadSource;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Berth's memory on the laptop while it sends a large set of images, for scripts/bench-upload.sh (MEM=yes):
 *
 * <pre>
 *   make DIR GIB              writes about GIB GiB of image tarballs: six images in two families, each image five
 *                             layers (a base and a runtime its family shares, then dependencies, the application,
 *                             its configuration), every layer a tar of Debian package trees ({@link PackageTree});
 *                             lists "file tag" lines in DIR/images.txt
 *   send ENV PORT DIR REMOTE  sends them as a deploy does and prints, on one line:
 *                             "seconds sent-bytes tarball-bytes VmHWM-MiB heap-max-MiB images"
 * </pre>
 *
 * {@code send} goes the deployer's way with the engine's own classes: the probe's facts, {@link ImagePlanner},
 * {@link TransferPlan} (only the layers the server's engine lacks, each shared layer once), every archive verified
 * before a byte is sent, the link timed once, {@link Compression#choose} per image, {@link ImageUploader}. It runs
 * with the JVM's default heap, as the user's launcher does, and reads its peak resident set (VmHWM) at the end.
 */
public final class MemoryBench {
    /** As Deployer: the link is timed only for deploys above this, with this many bytes. */
    private static final long LINK_PROBE_ABOVE = 64L * 1024 * 1024;
    /** Each image's layers as parts of the image: family base, family runtime, dependencies, application, config. */
    private static final double[] LAYER_SHARE = {0.25, 0.25, 0.35, 0.13, 0.02};
    private static final String[][] FAMILIES = {{"web", "worker", "scheduler"}, {"model", "embedder", "indexer"}};

    private MemoryBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "make" -> make(Path.of(args[1]), Double.parseDouble(args[2]));
            case "send" -> send(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]), args[4]);
            default -> throw new IllegalArgumentException("usage: make DIR GIB | send ENV PORT DIR REMOTE_DIR");
        }
    }

    private static void make(Path dir, double gib) throws IOException {
        int images = FAMILIES.length * FAMILIES[0].length;
        long image = (long) (gib * 1024 * 1024 * 1024 / images);
        Path layers = Files.createDirectories(dir.resolve("layer-files"));
        List<String> index = new ArrayList<>();
        int next = 0; // each layer goes on with the packages after the last one's, so no two layers are alike
        long total = 0;
        for (int f = 0; f < FAMILIES.length; f++) {
            Sized base = layer(layers.resolve("base" + f + ".tar"), "", next, image * LAYER_SHARE[0]);
            next = base.next();
            Sized runtime = layer(layers.resolve("runtime" + f + ".tar"), "", next, image * LAYER_SHARE[1]);
            next = runtime.next();
            for (String name : FAMILIES[f]) {
                List<SavedImage.Layer> own = new ArrayList<>(List.of(base.layer(), runtime.layer()));
                String[] prefixes = {"opt/" + name + "/deps/", "opt/" + name + "/app/", "etc/" + name + "/"};
                List<Path> temp = new ArrayList<>();
                for (int l = 2; l < LAYER_SHARE.length; l++) {
                    Sized s = layer(layers.resolve(name + l + ".tar"), prefixes[l - 2], next, image * LAYER_SHARE[l]);
                    next = s.next();
                    own.add(s.layer());
                    temp.add(s.layer().file());
                }
                String file = name + ".tar";
                total += SavedImage.write(dir.resolve(file), "bench/" + name + ":1", own);
                index.add(file + " bench/" + name + ":1");
                for (Path t : temp) {
                    Files.delete(t);
                }
            }
            Files.delete(base.layer().file());
            Files.delete(runtime.layer().file());
        }
        Files.delete(layers);
        Files.write(dir.resolve("images.txt"), index);
        System.out.printf(Locale.ROOT, "%d %d %d%n", images, images * LAYER_SHARE.length, total);
    }

    private record Sized(SavedImage.Layer layer, int next) {}

    private static Sized layer(Path file, String prefix, int start, double bytes) throws IOException {
        long size = Math.max(4096, (long) bytes / 512 * 512);
        int[] next = {start};
        SavedImage.Layer l = SavedImage.layer(file, out -> next[0] = PackageTree.write(out, prefix, start, size));
        return new Sized(l, next[0]);
    }

    private static void send(Path envFile, int port, Path dir, String remoteDir) throws Exception {
        Properties env = new Properties();
        try (InputStream in = Files.newInputStream(envFile)) {
            env.load(in);
        }
        TargetSpec target = new TargetSpec(env.getProperty("ssh.user"), env.getProperty("ssh.host"), port,
                Path.of(env.getProperty("ssh.key.ed25519")), env.getProperty("ssh.hostkey.fingerprint"), null, null);
        List<ImageRef> refs = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("images.txt"))) {
            String[] w = line.split(" ");
            refs.add(new ImageRef(w[1], w[0], null));
        }
        Path home = Files.createTempDirectory("berth-bench");
        long start = System.nanoTime();
        long sent = 0;
        long tarballs;
        try (RemoteShell shell = new SshConnector(null, null).connect(target, Credentials.none(),
                HostKeyStore.inHome(home), HostKeyDecision.REFUSE, Duration.ofSeconds(30))) {
            // Deployer.prepare: the server as probed, what each image needs, what crosses the link.
            Facts facts = Prober.probe(shell, remoteDir).facts();
            List<ImageStatus> images = ImagePlanner.plan(refs, dir, facts.docker().images());
            Localized missing = ImagePlanner.missingSentence(images, dir);
            if (missing != null) {
                throw new IllegalStateException(missing.en());
            }
            TransferPlan transfer = TransferPlan.of(images, facts);
            Localized unfit = transfer.refusal(facts);
            if (unfit != null) {
                throw new IllegalStateException(unfit.en());
            }
            System.err.println("bench: mem: " + transfer.summary().en());
            tarballs = transfer.tarballBytes();
            // Deployer.uploadImages: every archive verified, the link timed once, each image raw or compressed.
            ImageUploader uploader = new ImageUploader(shell, new ServerCommands(Privilege.NONE));
            Compression.Mode mode = Compression.mode();
            LinkRate link = new LinkRate(mode == Compression.Mode.AUTO && transfer.sentBytes() > LINK_PROBE_ABOVE
                    ? uploader.measureLink() : 0);
            System.err.printf(Locale.ROOT, "bench: mem: link timed at %.0f MB/s (compression %s)%n", link.bytesPerSecond() / 1e6,
                    mode);
            for (TransferPlan.Item item : transfer.items()) {
                ImageArchive archive = item.image().tarball().archive();
                if (archive != null) {
                    archive.verify();
                }
            }
            System.err.println("bench: mem: verified: " + memory());
            long[] lastTick = {0};
            for (TransferPlan.Item item : transfer.items()) {
                UploadSource raw = item.source();
                Compression.Choice c = Compression.choose(raw, mode, link.bytesPerSecond(), transfer.codec());
                UploadSource s = c.source();
                System.err.printf(Locale.ROOT, "bench: mem: %s %s, %.1f MiB%n", s.name(),
                        c.compressed() ? transfer.codec().word() : "raw", s.size() / 1048576.0);
                System.err.printf(Locale.ROOT, "bench: mem: (link taken as %.0f MB/s)%n", link.bytesPerSecond() / 1e6);
                long t = System.nanoTime();
                uploader.upload(s, s == raw ? null : raw, remoteDir + "/images",
                        (bytes, total, rate) -> lastTick[0] = bytes, (from, size) -> { });
                link.observed(s.size(), System.nanoTime() - t);
                sent += s.size();
                System.err.printf(Locale.ROOT, "bench: mem: %.2f GiB sent: %s%n", sent / 1073741824.0, memory());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        System.err.printf(Locale.ROOT, "bench: mem: VmRSS %s, heap committed %d MiB (used %d MiB), non-heap committed"
                        + " %d MiB, GC %s, %d CPUs%n", status("VmRSS"), heap.getCommitted() >> 20, heap.getUsed() >> 20,
                nonHeap.getCommitted() >> 20, ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(g -> g.getName() + " " + g.getCollectionCount()).toList(),
                Runtime.getRuntime().availableProcessors());
        if (ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-XX:NativeMemoryTracking="))) {
            // Where the resident memory went, when MEM_JAVA_OPTS asked the JVM to track it (jcmd VM.native_memory).
            System.err.println(ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()}));
        }
        System.out.printf(Locale.ROOT, "%.2f %d %d %d %d %d%n", seconds, sent, tarballs,
                Long.parseLong(status("VmHWM").replaceAll("[^0-9]", "")) / 1024, Runtime.getRuntime().maxMemory() >> 20,
                refs.size());
        Files.deleteIfExists(HostKeyStore.inHome(home).file());
        Files.deleteIfExists(home);
    }

    /** The resident set now and at its peak, and the heap, to see whether memory grows with the bytes sent. */
    private static String memory() throws IOException {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return "VmRSS " + status("VmRSS") + ", VmHWM " + status("VmHWM") + ", heap committed " + (heap.getCommitted() >> 20)
                + " MiB, used " + (heap.getUsed() >> 20) + " MiB";
    }

    /** A line's value from /proc/self/status ("VmHWM: 123456 kB" → "123456 kB"). */
    private static String status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key + ":")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        return "?";
    }
}
