package dev.berth.bundle;

import java.nio.file.Path;

/** Where the project's folders are during tests. */
final class TestPaths {
    private TestPaths() {}

    static Path project() {
        String dir = System.getProperty("berth.projectDir");
        return dir != null ? Path.of(dir) : Path.of("").toAbsolutePath();
    }

    static Path demo() {
        return project().resolve("bundles/demo");
    }

    static Path testBundle(String name) {
        return project().resolve("src/test/resources/bundles").resolve(name);
    }

    static Path resource(String rel) {
        return project().resolve("src/test/resources").resolve(rel);
    }
}
