package dev.berth.bundle;

import dev.berth.text.Localized;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The bundles in a folder (for {@code berth bundles}); a broken one is listed with its problems, never skipped. */
public final class BundleCatalog {
    private BundleCatalog() {}

    /** One sub-folder: either a loaded bundle or the reason it cannot be loaded. */
    public record Entry(Path dir, Bundle bundle, BundleException error) {
        public boolean ok() {
            return bundle != null;
        }

        /** The folder name, which is what the operator types. */
        public String name() {
            return dir.getFileName().toString();
        }
    }

    /** ./bundles when it exists (a checkout, or an operator's own folder), else the folder installed with Berth. */
    public static Path defaultDir() {
        Path local = Path.of("bundles");
        if (Files.isDirectory(local)) {
            return local.toAbsolutePath();
        }
        return installedDir().orElse(local.toAbsolutePath());
    }

    /** The bundles folder installed with Berth: the nearest {@code bundles} beside or above Berth's jar. */
    public static java.util.Optional<Path> installedDir() {
        try {
            Path jar = Path.of(BundleCatalog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("bundles"))) {
                    return java.util.Optional.of(p.resolve("bundles"));
                }
            }
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            // Not running from a jar, or its location is hidden: nothing is installed beside it.
        }
        return java.util.Optional.empty();
    }

    /**
     * Every sub-folder of {@code bundlesDir}, sorted by name. Folders without a bundle.yaml are listed as
     * broken too, so nothing disappears silently.
     *
     * @throws BundleException when the folder itself cannot be read
     */
    public static List<Entry> list(Path bundlesDir) throws BundleException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(bundlesDir)) {
            dirs = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new BundleException(List.of(new BundleProblem(bundlesDir.toString(), 0, Localized.of(
                    "无法读取部署包文件夹：" + e.getMessage() + "。", "the bundles folder cannot be read: "
                            + e.getMessage() + "."))));
        }
        List<Entry> out = new ArrayList<>();
        for (Path d : dirs) {
            try {
                out.add(new Entry(d, BundleLoader.load(d), null));
            } catch (BundleException e) {
                out.add(new Entry(d, null, e));
            }
        }
        return out;
    }
}
