package dev.berth.contract;

import dev.berth.deploy.PlanScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The project's own files during tests: the shell the server runs, the bundles, the docs. */
final class ProjectFiles {
    /** The job library's parts, in the order PlanScript puts them together. */
    static final List<String> JOB_LIB_PARTS = PlanScript.LIBRARY_PARTS.stream()
            .map(p -> "src/main/resources/dev/berth/deploy/" + PlanScript.LIBRARY_PARTS_DIR + p).toList();
    static final String PROBE = "src/main/resources/dev/berth/target/probe.sh";
    static final String STATUS = "src/main/resources/dev/berth/status/status.sh";
    /** Every shell file Berth ships and runs on the server. */
    static final List<String> SERVER_SHELL = Stream.concat(JOB_LIB_PARTS.stream(), Stream.of(PROBE, STATUS)).toList();

    private ProjectFiles() {}

    /** Each part of the job library by its name (job-lib/journal.sh …) → its text, in their order. */
    static Map<String, String> jobLibrary() {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String f : JOB_LIB_PARTS) {
            parts.put(f.substring(f.indexOf(PlanScript.LIBRARY_PARTS_DIR)), read(f));
        }
        return parts;
    }

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
