package dev.berth.profile;

import dev.berth.text.Localized;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OS keyring on Linux desktops, through libsecret's {@code secret-tool}. Items carry the attributes
 * {@code service=berth profile=NAME answer=PATH}; the profile file keeps only the tag "keyring:". The secret goes
 * to secret-tool on its standard input, never on a command line another user could see.
 */
public final class KeyringVault implements SecretVault {
    public static final String SCHEME = "keyring";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String command;
    private final Duration timeout;
    private Boolean available;

    /** @param command the secret-tool program: "secret-tool" to look it up on the PATH, or a full path */
    public KeyringVault(String command) {
        this(command, TIMEOUT);
    }

    /** @param timeout how long one secret-tool call may take before the keyring counts as not answering */
    public KeyringVault(String command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    public static KeyringVault secretTool() {
        return new KeyringVault("secret-tool");
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    /**
     * True when the program runs AND a secret service answers: a probe item is stored, read back and cleared.
     * A missing program, no D-Bus session or a locked keyring with nobody to unlock it all give false.
     */
    public synchronized boolean available() {
        if (available == null) {
            available = probe();
        }
        return available;
    }

    private boolean probe() {
        String marker = "berth-probe-" + Long.toHexString(System.nanoTime());
        try {
            Result stored = run(marker, "store", "--label=Berth probe", "service", "berth-probe", "probe", marker);
            if (stored.exit != 0) {
                return false;
            }
            Result read = run(null, "lookup", "service", "berth-probe", "probe", marker);
            run(null, "clear", "service", "berth-probe", "probe", marker);
            return read.exit == 0 && read.out.equals(marker);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String seal(String profile, String path, String value) throws ProfileException {
        Result r = runOrFail(profile, value, "store", "--label=Berth profile " + profile + " " + path,
                "service", "berth", "profile", profile, "answer", path);
        if (r.exit != 0) {
            throw unavailable(profile, r.err);
        }
        return "";
    }

    @Override
    public String open(String profile, String path, String sealed) throws ProfileException {
        Result r = runOrFail(profile, null, "lookup", "service", "berth", "profile", profile, "answer", path);
        if (r.exit != 0 && r.err.isBlank()) {
            throw new ProfileException(Localized.of(
                    "系统密钥环中找不到配置档 " + profile + " 的密钥 " + path + "；请重新输入该值并再次保存配置档。",
                    "The OS keyring no longer holds the secret " + path + " of profile " + profile
                            + "; enter it again and save the profile again."));
        }
        if (r.exit != 0) {
            throw unavailable(profile, r.err);
        }
        return r.out;
    }

    @Override
    public void forget(String profile) throws ProfileException {
        runOrFail(profile, null, "clear", "service", "berth", "profile", profile);
    }

    private Result runOrFail(String profile, String stdin, String... args) throws ProfileException {
        try {
            return run(stdin, args);
        } catch (IOException e) {
            throw unavailable(profile, e.getMessage());
        }
    }

    private static ProfileException unavailable(String profile, String detail) {
        String why = detail == null || detail.isBlank() ? "" : "（" + detail.strip().lines().findFirst().orElse("") + "）";
        String whyEn = detail == null || detail.isBlank() ? "" : " (" + detail.strip().lines().findFirst().orElse("") + ")";
        return new ProfileException(Localized.of(
                "系统密钥环（secret-tool）没有响应，无法存取配置档 " + profile + " 的密钥" + why + "。",
                "The OS keyring (secret-tool) does not answer, so the secrets of profile " + profile
                        + " cannot be kept or read" + whyEn + "."));
    }

    private record Result(int exit, String out, String err) {}

    private Result run(String stdin, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(command);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The program ended before reading its input; its exit code says why.
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // Both outputs are drained on their own threads so a secret-tool that hangs (waiting for a keyring unlock
        // nobody will answer) is caught by the time limit instead of blocking a read.
        Thread outReader = reader(p.getInputStream(), out, "secret-tool-stdout");
        Thread errReader = reader(p.getErrorStream(), err, "secret-tool-stderr");
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("secret-tool did not answer within " + timeout.toSeconds() + " s");
            }
            outReader.join(timeout.toMillis());
            errReader.join(timeout.toMillis());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Thread reader(InputStream from, ByteArrayOutputStream to, String name) {
        Thread t = new Thread(() -> copy(from, to), name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void copy(InputStream from, ByteArrayOutputStream to) {
        try (from) {
            from.transferTo(to);
        } catch (IOException e) {
            // A closed pipe ends the output; what was read is kept.
        }
    }
}
