package dev.berth.ssh.bench;

import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.Credentials;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.HostKeyDecision;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshConnector;
import dev.berth.ssh.TargetSpec;
import dev.berth.text.Quote;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * Helpers for scripts/bench-upload.sh (not a test):
 * <pre>
 *   upload ENV_PROPERTIES PORT FILE REMOTE_PATH WARMUP_MIB
 *       one timed Berth upload of FILE, after WARMUP_MIB of it were sent once untimed on another session (the
 *       wizard is a long-lived JVM whose JIT has compiled the cipher by then; 0 measures a cold JVM);
 *       prints "MB/s seconds peak-RSS-MiB"
 *   relay LISTEN_PORT TARGET_PORT DELAY_MS [MBIT]  a loopback TCP relay that delays each direction and, given MBIT,
 *                                                 caps each direction's rate (the operator's VPN)
 * </pre>
 */
public final class UploadBench {
    private UploadBench() {}

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "upload" -> upload(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]), args[4],
                    args.length > 5 ? Long.parseLong(args[5]) : 0);
            case "relay" -> relay(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]),
                    args.length > 4 ? Long.parseLong(args[4]) : 0);
            default -> {
                System.err.println("usage: upload ENV PORT FILE REMOTE_PATH | relay LISTEN TARGET DELAY_MS");
                System.exit(2);
            }
        }
    }

    private static void upload(Path envFile, int port, Path file, String remotePath, long warmupMib)
            throws Exception {
        Properties env = new Properties();
        try (InputStream in = Files.newInputStream(envFile)) {
            env.load(in);
        }
        TargetSpec target = new TargetSpec(env.getProperty("ssh.user"), env.getProperty("ssh.host"), port,
                Path.of(env.getProperty("ssh.key.ed25519")), env.getProperty("ssh.hostkey.fingerprint"), null, null);
        Path home = Files.createTempDirectory("berth-bench");
        long size = Files.size(file);
        try {
            if (warmupMib > 0) {
                send(target, home, file, Math.min(size, warmupMib * 1024 * 1024), remotePath);
            }
            long start = System.nanoTime(); // like scp's wall time, the handshake counts
            send(target, home, file, size, remotePath);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%.1f %.2f %d%n", size / seconds / 1e6, seconds, peakRssMib());
        } finally {
            Files.deleteIfExists(HostKeyStore.inHome(home).file());
            Files.deleteIfExists(home);
        }
    }

    private static void send(TargetSpec target, Path home, Path file, long bytes, String remotePath) throws Exception {
        try (RemoteShell shell = new SshConnector(null, null).connect(target, Credentials.none(),
                HostKeyStore.inHome(home), HostKeyDecision.REFUSE, Duration.ofSeconds(30));
             InputStream data = Files.newInputStream(file)) {
            ExecResult r = shell.upload(data, bytes, RemoteCommand.script("cat > " + Quote.shell(remotePath)), null, Duration.ofSeconds(60));
            if (!r.ok()) {
                throw new IllegalStateException("remote command failed: " + r.stderr());
            }
        }
    }

    /** The JVM's peak resident memory (VmHWM): flat no matter how large the file is, since it is streamed. */
    private static long peakRssMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    /** Data waiting to be forwarded until its time comes. */
    private record Chunk(byte[] data, int len, long dueNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(dueNanos, ((Chunk) o).dueNanos);
        }
    }

    private static void relay(int listenPort, int targetPort, long delayMs, long mbit) throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(lo, listenPort));
            System.out.println("relay ready on " + listenPort);
            System.out.flush();
            while (true) {
                Socket client = server.accept();
                Socket upstream = new Socket(lo, targetPort);
                pipe(client, upstream, delayMs, mbit);
                pipe(upstream, client, delayMs, mbit);
            }
        }
    }

    /**
     * Forwards one direction, each chunk released delayMs after it was read (latency) and, with a cap, no sooner
     * than the rate allows since the first byte (bandwidth).
     */
    private static void pipe(Socket from, Socket to, long delayMs, long mbit) throws IOException {
        DelayQueue<Chunk> queue = new DelayQueue<>();
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    byte[] buf = new byte[64 * 1024];
                    int n = in.read(buf);
                    queue.put(new Chunk(buf, n, System.nanoTime() + delayMs * 1_000_000));
                    if (n < 0) {
                        return;
                    }
                }
            } catch (IOException e) {
                queue.put(new Chunk(null, -1, System.nanoTime() + delayMs * 1_000_000));
            }
        });
        Thread writer = new Thread(() -> {
            try {
                long start = System.nanoTime();
                long written = 0;
                while (true) {
                    Chunk c = queue.take();
                    if (c.len() < 0) {
                        to.shutdownOutput();
                        return;
                    }
                    if (mbit > 0) {
                        long due = start + written * 8_000L / mbit; // ns at which these bytes may leave
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    out.write(c.data(), 0, c.len());
                    written += c.len();
                }
            } catch (IOException | InterruptedException e) {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing both ends is all that is left to do
                }
            }
        });
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }
}
