package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares a rendered release with {@code src/test/resources/golden/<bundle>/}: every file byte for byte, and the
 * modes in {@code .modes} ("0600 path", or "0600 uid:gid path" for a file {@code fileOwners:} gives away). Run with {@code -Dberth.updateGolden=true} to rewrite the golden files after a change
 * you mean (then review the diff).
 */
final class Golden {
    static final String MODES = ".modes";

    private Golden() {}

    static Path dir(String bundle) {
        return TestPaths.resource("golden").resolve(bundle);
    }

    static void assertMatches(String bundle, RenderedRelease release) throws IOException {
        Path dir = dir(bundle);
        Map<String, String> modes = new TreeMap<>();
        release.files().forEach(f -> modes.put(f.path(), f.owner() == null ? f.modeText()
                : f.modeText() + " " + f.owner()));
        String modesText = modes.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining("\n", "", "\n"));
        if (Boolean.getBoolean("berth.updateGolden")) {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            for (RenderedFile f : release.files()) {
                Path target = dir.resolve(f.path());
                Files.createDirectories(target.getParent());
                Files.write(target, f.content());
            }
            Files.writeString(dir.resolve(MODES), modesText);
            return;
        }
        assertTrue(Files.isDirectory(dir), "no golden files for " + bundle + "; run with -Dberth.updateGolden=true");
        try (Stream<Path> walk = Files.walk(dir)) {
            java.util.Set<String> expected = walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString()).filter(p -> !p.equals(MODES))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            assertEquals(expected, new java.util.TreeSet<>(modes.keySet()), "the set of rendered files changed");
        }
        for (RenderedFile f : release.files()) {
            assertEquals(Files.readString(dir.resolve(f.path()), StandardCharsets.UTF_8), f.text(),
                    "rendered " + f.path() + " differs from golden/" + bundle + "/" + f.path());
        }
        assertEquals(Files.readString(dir.resolve(MODES)), modesText, "file modes differ from golden " + MODES);
    }
}
