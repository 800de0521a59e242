package dev.berth.cli;

import java.nio.file.Path;

/** Berth's folder on the laptop; the rule lives in {@link dev.berth.profile.BerthHome} so the wizard shares it. */
public final class BerthHome {
    private BerthHome() {}

    public static Path get() {
        return dev.berth.profile.BerthHome.get();
    }
}
