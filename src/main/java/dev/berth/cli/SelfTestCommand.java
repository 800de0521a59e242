package dev.berth.cli;

import dev.berth.bundle.BundleCatalog;
import dev.berth.deploy.PlanScript;
import dev.berth.ssh.RemoteShell;
import dev.berth.target.ProbeResult;
import dev.berth.target.Prober;
import dev.berth.transfer.Codec;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code berth self-test} (also {@code --self-test}): proves an installed Berth is complete without a display —
 * the runtime has the crypto SSH needs and the JavaFX modules, every resource is inside, every shipped bundle
 * loads, and, given a target, an SSH connection and the probe work. Packaging mistakes show up here, in CI,
 * instead of on an operator's laptop.
 */
@Command(name = "self-test", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
final class SelfTestCommand implements Callable<Integer> {
    /** Resources Berth cannot work without; a packaging filter that drops one is caught here. */
    static final List<String> RESOURCES = Stream.concat(Stream.of("/dev/berth/target/probe.sh", "/dev/berth/status/status.sh",
            "/dev/berth/deploy/support.sh"),
            PlanScript.LIBRARY_PARTS.stream().map(p -> "/dev/berth/deploy/" + PlanScript.LIBRARY_PARTS_DIR + p)).toList();

    /** What ControlsFX reaches into; the installer's launcher options grant exactly these (see pom.xml). */
    static final List<String[]> JAVAFX_ACCESS = List.of(
            new String[] {"javafx.base", "com.sun.javafx.event", "export"},
            new String[] {"javafx.controls", "com.sun.javafx.scene.control", "export"},
            new String[] {"javafx.controls", "com.sun.javafx.scene.control.behavior", "export"},
            new String[] {"javafx.controls", "com.sun.javafx.scene.control.inputmap", "export"},
            new String[] {"javafx.graphics", "com.sun.javafx.scene.traversal", "export"},
            new String[] {"javafx.controls", "javafx.scene.control.skin", "open"},
            new String[] {"javafx.graphics", "javafx.scene", "open"});

    @Mixin
    TargetOptions target = new TargetOptions();

    @Option(names = "--bundles-dir", descriptionKey = "bundles-dir", paramLabel = "DIR")
    Path bundlesDir;

    private final List<String> failures = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Output out = Output.get();
        out.result("Berth " + BerthVersion.get() + ", Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.home") + ")");
        check(out, "SSH 密钥交换（ECDH、X25519）", "SSH key exchange (ECDH, X25519)", () -> {
            KeyAgreement.getInstance("ECDH");
            KeyAgreement.getInstance("XDH");
            Cipher.getInstance("AES/GCM/NoPadding");
            return "ok";
        });
        check(out, "JavaFX 界面模块", "JavaFX modules", () -> {
            // Loaded, not initialised: initialising a control needs a display, which a self-test may not have.
            Class<?> c = Class.forName("javafx.scene.control.Button", false, SelfTestCommand.class.getClassLoader());
            Class.forName("javafx.fxml.FXMLLoader", false, SelfTestCommand.class.getClassLoader());
            Module m = c.getModule();
            if (!m.isNamed()) {
                return "on the class path";
            }
            // Linked into the runtime: ControlsFX (on the class path) needs these packages opened to it, which
            // the launcher's options do; a window would fail later, on the first ControlsFX control, without them.
            Module unnamed = SelfTestCommand.class.getClassLoader().getUnnamedModule();
            for (String[] need : JAVAFX_ACCESS) {
                Module owner = ModuleLayer.boot().findModule(need[0]).orElseThrow(
                        () -> new IllegalStateException("module " + need[0] + " is missing"));
                boolean granted = need[2].equals("open") ? owner.isOpen(need[1], unnamed) : owner.isExported(need[1], unnamed);
                if (!granted) {
                    throw new IllegalStateException(need[0] + "/" + need[1] + " is not " + need[2] + "ed to Berth");
                }
            }
            return m.getName() + " " + m.getDescriptor().rawVersion().orElse("") + ", ControlsFX access granted";
        });
        check(out, "zstd 压缩（发送镜像）", "zstd compression (for sending images)", () -> {
            // zstd-jni unpacks its native code for this OS from its jar; if that fails, images go gzip-compressed.
            byte[] sample = "Berth sends images zstd-compressed. ".repeat(200).getBytes(StandardCharsets.US_ASCII);
            java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
            try (java.io.OutputStream z = Codec.ZSTD.compressor(packed)) {
                z.write(sample);
            }
            byte[] back;
            try (InputStream in = new com.github.luben.zstd.ZstdInputStream(
                    new java.io.ByteArrayInputStream(packed.toByteArray()))) {
                back = in.readAllBytes();
            }
            if (!java.util.Arrays.equals(sample, back)) {
                throw new IllegalStateException("zstd did not give the data back");
            }
            return "zstd-jni " + com.github.luben.zstd.util.ZstdVersion.VERSION + ", " + sample.length + " bytes → "
                    + packed.size();
        });
        check(out, "内置资源", "Built-in resources", () -> {
            for (String r : RESOURCES) {
                try (InputStream in = SelfTestCommand.class.getResourceAsStream(r)) {
                    if (in == null) {
                        throw new IllegalStateException("missing " + r);
                    }
                }
            }
            for (Locale l : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                ResourceBundle b = ResourceBundle.getBundle("dev.berth.cli.messages", l);
                if (!b.containsKey("berth.self-test.usage.description")) {
                    throw new IllegalStateException("incomplete messages for " + l);
                }
            }
            return RESOURCES.size() + " scripts, messages in en and zh_CN";
        });
        // The bundles shipped with this installation, unless told otherwise.
        Path dir = bundlesDir != null ? bundlesDir : BundleCatalog.installedDir().orElse(BundleCatalog.defaultDir());
        check(out, "应用包（" + dir + "）", "Bundles (" + dir + ")", () -> {
            List<BundleCatalog.Entry> entries = BundleCatalog.list(dir);
            if (entries.isEmpty()) {
                throw new IllegalStateException("no bundles in " + dir.toAbsolutePath());
            }
            List<String> ids = new ArrayList<>();
            for (BundleCatalog.Entry e : entries) {
                if (!e.ok()) {
                    throw new IllegalStateException(e.name() + ": " + e.error().getMessage());
                }
                ids.add(e.bundle().id() + " " + e.bundle().version());
            }
            return String.join(", ", ids);
        });
        if (target.target != null) {
            try (RemoteShell shell = ServerConnection.open(target, out)) {
                check(out, "SSH 连接与服务器探测", "SSH connection and server probe", () -> {
                    ProbeResult p = Prober.probe(shell, InstallDir.of(target.installDir, "self-test").installDir(), List.of());
                    if (p.exitCode() != 0) {
                        throw new IllegalStateException("the probe exited with " + p.exitCode() + ": " + p.stderr().strip());
                    }
                    var host = p.facts().host();
                    String docker = p.facts().docker().version();
                    return String.format(Locale.ROOT, "%s, %s, %s cores, Docker %s, in %.1f s",
                            host.os() == null ? "?" : host.os().prettyName(), host.arch(), host.cores(),
                            docker == null ? "-" : docker, p.wallTime().toMillis() / 1000.0);
                });
            }
        }
        if (failures.isEmpty()) {
            out.result(out.t("自检通过。", "Self-test passed."));
            return ExitCode.OK;
        }
        out.problem(dev.berth.text.Localized.of("自检失败：" + String.join("；", failures) + "。",
                "Self-test failed: " + String.join("; ", failures) + "."));
        return ExitCode.INTERNAL;
    }

    private interface Step {
        String run() throws Exception;
    }

    private void check(Output out, String zh, String en, Step step) {
        String what = out.t(zh, en);
        try {
            out.result("✓ " + what + ": " + step.run());
        } catch (Exception | LinkageError e) {
            // The message is the diagnosis; a bare class name only when there is none (a missing class, say).
            out.result("✗ " + what + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            failures.add(what);
        }
    }
}
