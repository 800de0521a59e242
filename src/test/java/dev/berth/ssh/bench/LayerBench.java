package dev.berth.ssh.bench;

import dev.berth.ssh.Credentials;
import dev.berth.ssh.HostKeyDecision;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshConnector;
import dev.berth.ssh.TargetSpec;
import dev.berth.target.ServerCommands;
import dev.berth.transfer.Codec;
import dev.berth.transfer.Compression;
import dev.berth.transfer.ImageArchive;
import dev.berth.transfer.ImageUploader;
import dev.berth.transfer.LayerChains;
import dev.berth.transfer.LinkRate;
import dev.berth.transfer.ThinTarball;
import dev.berth.transfer.UploadSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;

/**
 * What Berth sends for images that share a base, for scripts/bench-upload.sh:
 *
 * <pre>
 *   make DIR BASE_MIB APP_MIB          writes a.tar, b.tar (two images on one base) and a2.tar (a with a new app layer)
 *   send ENV PORT DOCKER SERVER_DIR FILE...   sends the files as one deploy would (only what the engine lacks,
 *                                             compressed when that is faster), prints "seconds bytes-sent"
 * </pre>
 *
 * The base layer is a tar of the directory tree of files Debian's packages installed on this machine (etc/…,
 * usr/bin/…, usr/lib/…, their modes and symlinks: {@link PackageTree}), BASE_MIB in all, as a base image's is; the
 * application layers one file of ordinary text (words, numbers, newlines).
 */
public final class LayerBench {
    private LayerBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "make" -> make(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "send" -> send(Path.of(args[1]), Integer.parseInt(args[2]), args[3], args[4],
                    Arrays.stream(args, 5, args.length).map(Path::of).toList());
            default -> throw new IllegalArgumentException("usage: make DIR BASE_MIB APP_MIB | send ENV PORT DOCKER DIR FILE...");
        }
    }

    private static void make(Path dir, int baseMib, int appMib) throws java.io.IOException {
        // The layers are written to files first, then copied into each image that has them (the same bytes in
        // every image on the base), then removed.
        Path layers = Files.createDirectories(dir.resolve("layer-files"));
        SavedImage.Layer base = SavedImage.layer(layers.resolve("base.tar"),
                out -> PackageTree.write(out, "", 0, baseMib * 1024L * 1024));
        String[] images = {"bench/a:1", "bench/b:1", "bench/a:2"};
        String[] files = {"a.tar", "b.tar", "a2.tar"};
        for (int i = 0; i < images.length; i++) {
            SavedImage.Layer app = SavedImage.layer(layers.resolve("app" + i + ".tar"),
                    SavedImage.oneFile("app.txt", text(appMib, i + 2)));
            SavedImage.write(dir.resolve(files[i]), images[i], List.of(base, app));
            Files.delete(app.file());
        }
        Files.delete(base.file());
        Files.delete(layers);
    }

    /** MiB of log-like text: compresses about as well as the files in an application image. */
    private static byte[] text(int mib, long seed) {
        String[] words = ("the of and to in is for on with as by at from this that server service request response"
                + " config error warning info debug user token model image layer container port volume data").split(" ");
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(mib * 1024 * 1024 + 100);
        while (sb.length() < mib * 1024 * 1024) {
            sb.append(words[r.nextInt(words.length)]).append(r.nextInt(5) == 0 ? Integer.toString(r.nextInt(100000)) : "")
                    .append(r.nextInt(12) == 0 ? '\n' : ' ');
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), mib * 1024 * 1024);
    }

    private static void send(Path envFile, int port, String docker, String serverDir, List<Path> files) throws Exception {
        Properties env = new Properties();
        try (InputStream in = Files.newInputStream(envFile)) {
            env.load(in);
        }
        TargetSpec target = new TargetSpec(env.getProperty("ssh.user"), env.getProperty("ssh.host"), port,
                Path.of(env.getProperty("ssh.key.ed25519")), env.getProperty("ssh.hostkey.fingerprint"), null, null);
        LayerChains chains = new LayerChains(engineLayers(docker));
        List<UploadSource> sources = new ArrayList<>();
        long bytes = 0;
        for (Path f : files) {
            ThinTarball t = ThinTarball.of(ImageArchive.read(f), chains);
            sources.add(t);
            bytes += t.size();
        }
        Path home = Files.createTempDirectory("berth-bench");
        long start = System.nanoTime(); // like scp's wall time, the handshake counts
        long wire = 0;
        try (RemoteShell shell = new SshConnector(null, null).connect(target, Credentials.none(),
                HostKeyStore.inHome(home), HostKeyDecision.REFUSE, Duration.ofSeconds(30))) {
            ImageUploader uploader = new ImageUploader(shell, new ServerCommands(Privilege.NONE));
            // As the deployer does: the link timed once, then each image raw or compressed, whichever is faster.
            LinkRate link = new LinkRate(bytes > 64L * 1024 * 1024 ? uploader.measureLink() : 0);
            for (UploadSource s : sources) {
                // The bench's server is this machine, which has zstd (scripts/test-env.sh installs it).
                Compression.Choice c = Compression.choose(s, Compression.mode(), link.bytesPerSecond(),
                        Codec.zstdWorksHere() ? Codec.ZSTD : Codec.GZIP);
                long t = System.nanoTime();
                uploader.upload(c.source(), c.compressed() ? s : null, serverDir, (a, b, x) -> { }, (from, size) -> { });
                link.observed(c.source().size(), System.nanoTime() - t);
                wire += c.source().size();
            }
        }
        bytes = wire;
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%.2f %d%n", seconds, bytes);
        Files.deleteIfExists(HostKeyStore.inHome(home).file());
        Files.deleteIfExists(home);
    }

    /** Every image's layers on the engine, as the probe reads them. */
    private static List<List<String>> engineLayers(String docker) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "ids=$(" + docker + " images -q --no-trunc | sort -u); [ -z \"$ids\" ] || "
                + docker + " image inspect --format '{{range .RootFS.Layers}}{{.}} {{end}}' $ids").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        List<List<String>> all = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                all.add(List.of(line.trim().split(" ")));
            }
        }
        return all;
    }
}
