package dev.berth.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The project's own files during tests: the shell the server runs, the bundles, the docs. */
final class ProjectFiles {
    static final String JOB_LIB = "src/main/resources/dev/berth/deploy/job-lib.sh";
    static final String PROBE = "src/main/resources/dev/berth/target/probe.sh";
    static final String STATUS = "src/main/resources/dev/berth/status/status.sh";
    /** Every shell file Berth ships and runs on the server. */
    static final List<String> SERVER_SHELL = List.of(JOB_LIB, PROBE, STATUS);

    private ProjectFiles() {}

    static Path project() {
        String dir = System.getProperty("berth.projectDir");
        return dir != null ? Path.of(dir) : Path.of("").toAbsolutePath();
    }

    static Path path(String rel) {
        return project().resolve(rel);
    }

    static String read(String rel) {
        try {
            return Files.readString(path(rel), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundles in bundles/, each a folder with a bundle.yaml and an example-answers.yaml. */
    static List<Path> bundles() {
        try (Stream<Path> dirs = Files.list(path("bundles"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("bundle.yaml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
