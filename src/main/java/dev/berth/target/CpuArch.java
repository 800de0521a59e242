package dev.berth.target;

import java.util.Locale;

/** CPU architecture names: {@code uname -m}'s, with Docker's and Go's names for the same CPUs folded in. */
public final class CpuArch {
    private CpuArch() {}

    /** The {@code uname -m} name: amd64 → x86_64, arm64 → aarch64, arm (v7) → armv7l, 386 → i686; others as given. */
    public static String normalize(String arch) {
        String a = arch == null ? "" : arch.trim().toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x64" -> "x86_64";
            case "arm64" -> "aarch64";
            case "arm" -> "armv7l";
            case "386", "i386" -> "i686";
            default -> a;
        };
    }
}
