package dev.berth.cli;

import dev.berth.testsupport.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The CLI pointed at the real test target, as an operator's script would call it, and what a test reads back. A test
 * class registers one ({@code @RegisterExtension static final}): before its tests it reaches the target and makes a
 * folder for answers files, removed after them.
 */
final class TestTargetCli implements BeforeAllCallback, AfterAllCallback {
    private final boolean freshLaptop;
    private TestTarget target;
    private Path answersDir;

    private TestTargetCli(boolean freshLaptop) {
        this.freshLaptop = freshLaptop;
    }

    /** The CLI as the tests' Berth home has it (a test may change that home itself). */
    static TestTargetCli onTheTestTarget() {
        return new TestTargetCli(false);
    }

    /** The CLI on a laptop that has never seen the server: a new Berth home for the test class. */
    static TestTargetCli fromAFreshLaptop() {
        return new TestTargetCli(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        target = TestTarget.get();
        answersDir = Files.createTempDirectory("berth-cli-answers-");
        if (freshLaptop) {
            System.setProperty("berth.home", TestTarget.newBerthHome().toString());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try (var files = Files.walk(answersDir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    TestTarget target() {
        return target;
    }

    /** ARGS, then --target, --identity, --host-key and --install-dir for INSTALL_DIR on the test target. */
    String[] withTarget(String installDir, String... args) {
        String[] all = new String[args.length + 8];
        System.arraycopy(args, 0, all, 0, args.length);
        int i = args.length;
        all[i++] = "--target";
        all[i++] = target.user() + "@" + target.host() + ":" + target.port();
        all[i++] = "--identity";
        all[i++] = target.ed25519Key().toString();
        all[i++] = "--host-key";
        all[i++] = target.hostKeyFingerprint();
        all[i++] = "--install-dir";
        all[i] = installDir;
        return all;
    }

    /** A new answers file holding YAML. */
    Path answers(String yaml) throws Exception {
        Path f = Files.createTempFile(answersDir, "answers", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    /** {@code berth deploy} of BUNDLE to INSTALL_DIR with these answers and the test target's image tarballs. */
    CliRun deploy(String installDir, String bundle, String answersYaml) throws Exception {
        return CliRun.run(withTarget(installDir, "deploy", "--bundle", bundle, "--answers", answers(answersYaml).toString(),
                "--images", target.imagesDir().toString()));
    }

    /** How many releases INSTALL_DIR holds on the server (0 when it has no releases folder). */
    static int releases(String installDir) {
        String n = TestTarget.runLocal("ls " + installDir + "/releases 2>/dev/null | wc -l", Duration.ofSeconds(10))
                .output().trim();
        return n.isEmpty() ? 0 : Integer.parseInt(n);
    }

    /** The project's bundle ID, as a --bundle argument. */
    static String bundle(String id) {
        return Path.of(System.getProperty("berth.projectDir"), "bundles", id).toString();
    }
}
