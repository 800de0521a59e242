package dev.berth.testsupport;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleException;
import dev.berth.bundle.BundleLoader;
import java.nio.file.Path;

/** The bundles the project ships ({@code bundles/} of the checkout), as a test loads them. */
public final class ProjectBundles {
    private ProjectBundles() {}

    /** The bundle ID; one that does not load fails the test with the loader's sentence. */
    public static Bundle load(String id) {
        try {
            return BundleLoader.load(Path.of(System.getProperty("berth.projectDir"), "bundles", id));
        } catch (BundleException e) {
            throw new AssertionError(e.sentence().en(), e);
        }
    }
}
