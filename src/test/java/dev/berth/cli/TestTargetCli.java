package dev.berth.cli;

import dev.berth.testsupport.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The CLI pointed at the real test target, as an operator's script would call it, and what a test reads back. */
final class TestTargetCli {
    private final TestTarget target;
    private final Path answersDir;

    /** Answers files go to ANSWERS_DIR (a test's temporary folder). */
    TestTargetCli(TestTarget target, Path answersDir) {
        this.target = target;
        this.answersDir = answersDir;
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
