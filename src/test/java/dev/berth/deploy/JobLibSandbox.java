package dev.berth.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.text.Localized;
import dev.berth.text.Quote;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The job library run here by bash, as a release's plan.sh runs it on a server, with fake docker, docker-compose and
 * curl (src/test/resources/dev/berth/deploy/fakebin) on a PATH that holds nothing else but the tools the library's
 * headers name: no Docker, no sshd, no root, and no way to reach the machine's real Docker engine by mistake.
 */
final class JobLibSandbox implements AutoCloseable {
    /** What the library's parts say they need (besides docker, compose and curl, which are faked). */
    static final List<String> TOOLS = List.of("bash", "awk", "basename", "cat", "chmod", "chown", "cut", "date", "find",
            "flock", "grep", "head", "ln", "mkdir", "mv", "od", "ps", "readlink", "rm", "sed", "sha256sum", "sleep",
            "sort", "stat", "tail", "timeout", "tr", "wc", "xargs", "zstd");
    /** What the tests' own hooks and readiness commands run (an operator's commands bring their own tools). */
    static final List<String> OPERATOR_TOOLS = List.of("sh", "true", "false", "env", "echo");
    static final List<String> FAKES = List.of("docker", "docker-compose", "curl");
    static final String RELEASE = "20261202-120000-ab12";
    static final String PROJECT = "demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run of bash: its exit status and what it printed. */
    record Run(int exit, String out, String err) {
        /** The last line the run printed on stdout (a step function's one-line reason). */
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    final Path root;
    final Path bin;
    final Path fake;
    final Path installDir;
    final ReleaseLayout layout;
    /** The environment bash runs with, besides PATH and BERTH_FAKE; a test may add to it. */
    final Map<String, String> env = new HashMap<>();
    private List<String> compose = List.of("docker-compose");

    /**
     * A sandbox in a new folder under target/: an install dir under /tmp would be refused (InstallDirRule), and
     * PlanScript takes its paths from a {@link ReleaseLayout}. A checkout that is itself under /tmp gets its
     * sandboxes in the user's cache folder instead.
     */
    JobLibSandbox() throws IOException {
        Path parent = Path.of("target", "joblib").toAbsolutePath();
        if (InstallDirRule.problem(parent.resolve("opt/demo").toString()) != null) {
            parent = Path.of(System.getProperty("user.home"), ".cache", "berth-joblib-tests");
        }
        Path tmp = Files.createTempDirectory(Files.createDirectories(parent), "box-");
        root = tmp;
        bin = Files.createDirectories(tmp.resolve("bin"));
        fake = Files.createDirectories(tmp.resolve("fake"));
        Files.createDirectories(fake.resolve("services"));
        Files.createDirectories(fake.resolve("health"));
        Files.createDirectories(fake.resolve("logs"));
        installDir = tmp.resolve("opt/demo");
        layout = new ReleaseLayout(installDir.toString());
        for (String tool : java.util.stream.Stream.concat(TOOLS.stream(), OPERATOR_TOOLS.stream()).toList()) {
            Files.createSymbolicLink(bin.resolve(tool), which(tool));
        }
        for (String f : FAKES) {
            try (InputStream in = JobLibSandbox.class.getResourceAsStream("fakebin/" + f)) {
                Path to = bin.resolve(f);
                Files.write(to, in.readAllBytes());
                Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        release(RELEASE);
        // The release's library, exactly as the Deployer uploads it.
        Files.writeString(stateDir().resolve(PlanScript.LIBRARY_FILE), PlanScript.library());
        Files.createSymbolicLink(installDir.resolve("active"), Path.of("releases/" + RELEASE));
        env.put("HOME", tmp.toString());
    }

    private static Path which(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError(tool + " is not installed here");
    }

    /** Creates a release folder with a compose file; returns its path. */
    Path release(String id) throws IOException {
        Path dir = Files.createDirectories(installDir.resolve("releases").resolve(id).resolve(".berth")).getParent();
        Files.writeString(dir.resolve("docker-compose.yml"), JobHarness.EMPTY_COMPOSE);
        return dir;
    }

    /** Compose as the v2 plugin ({@code docker compose}) instead of v1. */
    JobLibSandbox composeV2() {
        compose = List.of("docker", "compose");
        return this;
    }

    Path stateDir() {
        return Path.of(layout.releaseStateDir(RELEASE));
    }

    /** A service of the project, with the states its container goes through (the last one stays). */
    void service(String name, String... states) {
        write("services/" + name, String.join("\n", states) + "\n");
    }

    /** A file of the fakes' answers (see the fakes' headers). */
    void write(String fakeFile, String content) {
        try {
            Files.writeString(fake.resolve(fakeFile), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines the plan variables and the library take, as PlanScript writes them before the steps. */
    private String prelude() {
        DeployPlan plan = new DeployPlan(RELEASE, PROJECT, "docker-compose.yml", compose, List.of(), 0);
        String script = PlanScript.render(plan, layout);
        return script.substring(0, script.indexOf("job_begin\n"));
    }

    /** Runs SHELL after the plan's variables and the library, without job_begin: one function on its own. */
    Run call(String shell) throws Exception {
        return bash(script("call.sh", prelude() + shell + "\n"));
    }

    /** The plan.sh PlanScript renders for these steps, OVERRIDES just before the library loads. */
    Path plan(List<PlanStep> steps, String overrides) throws IOException {
        String script = PlanScript.render(new DeployPlan(RELEASE, PROJECT, "docker-compose.yml", compose, steps, 0), layout);
        int source = script.indexOf("\n. ") + 1;
        script = script.substring(0, source) + overrides + "\n" + script.substring(source);
        Path plan = Path.of(layout.planScript(RELEASE));
        Files.writeString(plan, script);
        return plan;
    }

    static PlanStep step(String id, String function, String... args) {
        return PlanStep.of(id, Localized.of(id, id), function, Arrays.asList(args));
    }

    /** Runs a plan.sh to its end, as the server does (bash plan.sh, in the state folder). */
    Run run(Path plan) throws Exception {
        return bash(plan);
    }

    private Path script(String name, String text) throws IOException {
        Path f = root.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    /** Starts bash on a script; its output goes to files (a child the job leaves running must not hold a pipe). */
    Process start(Path script) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("bash").toString(), script.toString())
                .directory(root.toFile())
                .redirectOutput(root.resolve("out.txt").toFile())
                .redirectError(root.resolve("err.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("BERTH_FAKE", fake.toString());
        return pb.start();
    }

    /** Waits (at most a minute: past that the job hung) for a started bash to end. */
    Run finish(Process p) throws Exception {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("bash did not end within 60 s: it hung");
        }
        return new Run(p.exitValue(), Files.readString(root.resolve("out.txt")), Files.readString(root.resolve("err.txt")));
    }

    private Run bash(Path script) throws Exception {
        return finish(start(script));
    }

    /** The release's journal, each line parsed as JSON (a line that is not JSON fails the test). */
    List<JsonNode> journal() throws IOException {
        Path f = stateDir().resolve("journal.jsonl");
        List<JsonNode> events = new ArrayList<>();
        if (Files.exists(f)) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    /** The journal's last event (a job's end, when the job ended). */
    JsonNode lastEvent() throws IOException {
        List<JsonNode> events = journal();
        return events.get(events.size() - 1);
    }

    List<JsonNode> events(String type) throws IOException {
        return journal().stream().filter(e -> type.equals(e.path("event").asText())).toList();
    }

    /** The journal's event names, in order, heartbeats left out (they come when they come). */
    List<String> eventNames() throws IOException {
        return journal().stream().map(e -> e.path("event").asText()).filter(n -> !n.equals("heartbeat")).toList();
    }

    /** Every call the fakes answered, each as its words (program first). */
    List<List<String>> calls() throws IOException {
        Path f = fake.resolve("calls");
        if (!Files.exists(f)) {
            return List.of();
        }
        return Files.readAllLines(f).stream().map(l -> List.of(l.split("\t", -1))).toList();
    }

    /** The calls of one program whose words start with these. */
    List<List<String>> calls(String... prefix) throws IOException {
        List<String> p = List.of(prefix);
        return calls().stream().filter(c -> c.size() >= p.size() && c.subList(0, p.size()).equals(p)).toList();
    }

    String stateFile(String name) throws IOException {
        Path f = stateDir().resolve(name);
        return Files.exists(f) ? Files.readString(f) : null;
    }

    @Override
    public void close() throws IOException {
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A value quoted for a shell line. */
    static String q(String s) {
        return Quote.shell(s);
    }
}
