package dev.berth.target;

import dev.berth.text.DotenvDialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Which Compose a target has. The plugin and the v2 standalone binary take the same arguments; v1 (python,
 * 1.x) differs in output formats and in some subcommands, which callers check with {@link #isV2()}.
 */
public enum ComposeVariant {
    /** {@code docker compose}, the CLI plugin. */
    V2_PLUGIN(List.of("docker", "compose")),
    /** {@code docker-compose} reporting 2.x. */
    V2_STANDALONE(List.of("docker-compose")),
    /** {@code docker-compose} 1.x. */
    V1_STANDALONE(List.of("docker-compose"));

    private final List<String> program;

    ComposeVariant(List<String> program) {
        this.program = program;
    }

    /** The words that start a call: {@code docker compose} or {@code docker-compose}. */
    public List<String> program() {
        return program;
    }

    public boolean isV2() {
        return this != V1_STANDALONE;
    }

    /** How this Compose reads a {@code .env} file: v1 through python-dotenv, v2 through compose-go. */
    public DotenvDialect dotenvDialect() {
        return isV2() ? DotenvDialect.COMPOSE_GO : DotenvDialect.PYTHON_DOTENV;
    }

    /** The standalone variant for a {@code docker-compose} binary reporting {@code version}. */
    public static ComposeVariant standaloneFor(String version) {
        return Version.parse(version).major() >= 2 ? V2_STANDALONE : V1_STANDALONE;
    }

    /**
     * argv for one compose call: program, {@code -p project}, one {@code -f} per file, then the subcommand and its
     * arguments.
     */
    public List<String> argv(String project, List<String> files, List<String> subcommand) {
        List<String> argv = new ArrayList<>(program);
        argv.add("-p");
        argv.add(project);
        for (String f : files) {
            argv.add("-f");
            argv.add(f);
        }
        argv.addAll(subcommand);
        return List.copyOf(argv);
    }
}
