package dev.berth.ssh.bench;

import dev.berth.ssh.Credentials;
import dev.berth.ssh.HostKeyDecision;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshConnector;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TargetSpec;
import dev.berth.target.ServerCommands;
import dev.berth.testsupport.TcpRelay;
import dev.berth.transfer.ImageTarball;
import dev.berth.transfer.ImageUploader;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;

/**
 * An upload of FILE_MIB through a relay that cuts the link CUTS times, each time after a quarter of the file has
 * gone through it, then lets it finish: prints "attempts bytes-through-relay file-bytes seconds peak-rss-mib".
 * For scripts/bench-upload.sh (RESUME=yes).
 *
 * <pre>
 *   ResumeBench ENV PORT FILE_MIB CUTS
 * </pre>
 */
public final class ResumeBench {
    private ResumeBench() {}

    public static void main(String[] args) throws Exception {
        Properties env = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            env.load(in);
        }
        int port = Integer.parseInt(args[1]);
        long size = Long.parseLong(args[2]) * 1024 * 1024;
        int cuts = Integer.parseInt(args[3]);
        Path file = Files.createTempFile("berth-resume", ".tar");
        try (OutputStream out = Files.newOutputStream(file)) {
            Random r = new Random(7);
            byte[] buf = new byte[1 << 20];
            for (long left = size; left > 0; left -= buf.length) {
                r.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(buf.length, left));
            }
        }
        ImageTarball tarball = new ImageTarball(file, size, "sha256:" + "0".repeat(64), List.of("bench/resume:1"));
        String remote = "/tmp/berth-bench-resume";
        Path home = Files.createTempDirectory("berth-bench");
        long through = 0;
        int attempts = 0;
        long start = System.nanoTime();
        try {
            while (true) {
                attempts++;
                try (TcpRelay relay = new TcpRelay(env.getProperty("ssh.host"), port, false)) {
                    if (attempts <= cuts) {
                        relay.dropAfterClientBytes(size / 4);
                    }
                    TargetSpec target = new TargetSpec(env.getProperty("ssh.user"), env.getProperty("ssh.host"),
                            relay.port(), Path.of(env.getProperty("ssh.key.ed25519")),
                            env.getProperty("ssh.hostkey.fingerprint"), null, null);
                    try (RemoteShell shell = new SshConnector(null, null).connect(target, Credentials.none(),
                            HostKeyStore.inHome(home), HostKeyDecision.REFUSE, Duration.ofSeconds(30))) {
                        new ImageUploader(shell, new ServerCommands(Privilege.NONE)).upload(tarball, remote,
                                (a, b, c) -> { });
                        through += relay.clientBytes();
                        break;
                    } catch (SshException dropped) {
                        through += relay.clientBytes();
                        Thread.sleep(2000); // the server side notices the dead link and stops writing the part
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(HostKeyStore.inHome(home).file());
            Files.deleteIfExists(home);
        }
        System.out.printf(Locale.ROOT, "%d %d %d %.2f %d%n", attempts, through, size,
                (System.nanoTime() - start) / 1e9, peakRssMib());
    }

    private static long peakRssMib() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
