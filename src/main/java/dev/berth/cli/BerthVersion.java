package dev.berth.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (set by the build), or "development". */
final class BerthVersion implements IVersionProvider {
    static String get() {
        String v = BerthVersion.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Berth " + get()};
    }
}
