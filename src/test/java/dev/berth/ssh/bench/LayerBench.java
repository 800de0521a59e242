package dev.berth.ssh.bench;

import dev.berth.ssh.Credentials;
import dev.berth.ssh.HostKeyDecision;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshConnector;
import dev.berth.ssh.TargetSpec;
import dev.berth.target.ServerCommands;
import dev.berth.testsupport.ImageTarballWriter;
import dev.berth.transfer.Codec;
import dev.berth.transfer.Compression;
import dev.berth.transfer.ImageArchive;
import dev.berth.transfer.ImageUploader;
import dev.berth.transfer.LayerChains;
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
 * The base layer holds files Debian's packages installed on this machine, as base images do; the application
 * layers ordinary text (words, numbers, newlines).
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
        byte[] base = packaged(baseMib);
        ImageTarballWriter.image("bench/a:1").layer("base.txt", base).layer("app.txt", text(appMib, 2))
                .write(dir.resolve("a.tar"));
        ImageTarballWriter.image("bench/b:1").layer("base.txt", base).layer("app.txt", text(appMib, 3))
                .write(dir.resolve("b.tar"));
        ImageTarballWriter.image("bench/a:2").layer("base.txt", base).layer("app.txt", text(appMib, 4))
                .write(dir.resolve("a2.tar"));
    }

    /**
     * MiB of the files Debian's packages installed on this machine (/usr/lib, /usr/share, /usr/bin: libraries,
     * binaries, data), as a base image holds them; the text fills up if there are not enough.
     */
    private static byte[] packaged(int mib) throws java.io.IOException {
        int want = mib * 1024 * 1024;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(want);
        for (String root : List.of("/usr/lib/x86_64-linux-gnu", "/usr/share", "/usr/bin", "/usr/lib")) {
            try (var files = Files.walk(Path.of(root))) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    if (out.size() >= want) {
                        break;
                    }
                    try {
                        out.write(Files.readAllBytes(f));
                    } catch (java.io.IOException | OutOfMemoryError unreadable) {
                        // a socket, a file that went away, one too large: the next one will do
                    }
                }
            } catch (java.io.IOException | java.io.UncheckedIOException skipped) {
                // a folder this machine lacks
            }
        }
        byte[] got = out.toByteArray();
        if (got.length >= want) {
            return Arrays.copyOf(got, want);
        }
        byte[] filled = Arrays.copyOf(got, want);
        byte[] text = text(mib, 1);
        System.arraycopy(text, 0, filled, got.length, want - got.length);
        return filled;
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
            double link = bytes > 64L * 1024 * 1024 ? uploader.measureLink(4 * 1024 * 1024) : 0;
            for (UploadSource s : sources) {
                // The bench's server is this machine, which has zstd (scripts/test-env.sh installs it).
                Compression.Choice c = Compression.choose(s, Compression.mode(), link,
                        Codec.zstdWorksHere() ? Codec.ZSTD : Codec.GZIP);
                uploader.upload(c.source(), c.compressed() ? s : null, serverDir, (a, b, x) -> { }, (from, size) -> { });
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
