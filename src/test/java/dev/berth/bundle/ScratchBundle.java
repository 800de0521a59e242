package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** A copy of the mini test bundle in a temporary folder, edited by a test to show one rule of the format. */
final class ScratchBundle {
    final Path dir;

    private ScratchBundle(Path dir) {
        this.dir = dir;
    }

    static ScratchBundle ofMini(Path tmp) throws IOException {
        Path src = TestPaths.testBundle("mini");
        Path dst = tmp.resolve("mini");
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : walk.toList()) {
                Path to = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new ScratchBundle(dst);
    }

    /** Replaces text in bundle.yaml, which must be there. */
    ScratchBundle replace(String old, String replacement) throws IOException {
        Path m = dir.resolve("bundle.yaml");
        String text = Files.readString(m);
        assertTrue(text.contains(old), "bundle.yaml holds " + old);
        Files.writeString(m, text.replace(old, replacement));
        return this;
    }

    ScratchBundle append(String yaml) throws IOException {
        Files.writeString(dir.resolve("bundle.yaml"), Files.readString(dir.resolve("bundle.yaml")) + yaml);
        return this;
    }

    ScratchBundle write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return this;
    }

    /** The line of bundle.yaml that holds {@code text} (1-based). */
    int lineOf(String text) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("bundle.yaml"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line holds " + text);
    }

    Bundle load() throws BundleException {
        return BundleLoader.load(dir);
    }

    List<String> problems() {
        BundleException e = assertThrows(BundleException.class, () -> BundleLoader.load(dir));
        return e.problems().stream().map(BundleProblem::toString).toList();
    }
}
