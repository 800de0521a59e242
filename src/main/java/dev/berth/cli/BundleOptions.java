package dev.berth.cli;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleCatalog;
import dev.berth.bundle.BundleException;
import dev.berth.bundle.BundleLoader;
import dev.berth.text.Localized;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which bundle a command works on: a folder, or an id looked up in the bundles folder. */
final class BundleOptions {
    @Option(names = "--bundle", descriptionKey = "bundle", paramLabel = "DIR|ID", required = true)
    String bundle;

    @Option(names = "--bundles-dir", descriptionKey = "bundles-dir", paramLabel = "DIR")
    Path bundlesDir;

    Bundle load() throws BundleException {
        Path dir = Path.of(bundle);
        if (!Files.isDirectory(dir) && bundle.matches("[a-z0-9][a-z0-9-]*")) {
            dir = bundlesDir(bundlesDir).resolve(bundle);
        }
        if (!Files.isDirectory(dir)) {
            throw new CliFailure(ExitCode.INVALID_INPUT, Localized.of(
                    "找不到应用包 " + bundle + "（既不是目录，也不在 " + bundlesDir(bundlesDir) + " 中）。",
                    "No bundle " + bundle + " (not a folder, and not in " + bundlesDir(bundlesDir) + ")."));
        }
        return BundleLoader.load(dir);
    }

    /** --bundles-dir, else ./bundles, else the bundles folder installed beside Berth's jar. */
    static Path bundlesDir(Path given) {
        return given != null ? given : BundleCatalog.defaultDir();
    }
}
