package dev.berth.cli;

import dev.berth.profile.Profile;
import dev.berth.ssh.TargetSpec;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Fills the options a {@code --profile} names and the command line leaves out. Picocli asks a default provider
 * only for options that were not given, after the whole line is read, so explicit options always win.
 */
final class ProfileDefaults implements IDefaultValueProvider {
    private final Map<String, Profile> loaded = new HashMap<>();
    private final Map<String, Profile> targets = new HashMap<>();

    /** The whole profile, secrets opened (for the answers). */
    synchronized Profile profile(String name) {
        return loaded.computeIfAbsent(name, ProfileOption::load);
    }

    /** The profile without secrets: status and follow work even when the key file is lost. */
    private synchronized Profile target(String name) {
        Profile full = loaded.get(name);
        return full != null ? full : targets.computeIfAbsent(name, ProfileOption::loadTarget);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || arg.command() == null) {
            return null;
        }
        OptionSpec named = arg.command().findOption(ProfileOption.NAME);
        String name = named == null ? null : named.getValue();
        if (name == null || option == named) {
            return null;
        }
        Profile p = target(name);
        TargetSpec t = p.target();
        return switch (option.longestName()) {
            case "--target" -> t.display();
            case "--identity" -> t.identity() == null ? null : t.identity().toString();
            case "--host-key" -> t.hostKey();
            case "--jump" -> t.jumpHost().map(TargetSpec::display).orElse(null);
            case "--jump-identity" -> t.jumpHost().map(TargetSpec::identity).map(Object::toString).orElse(null);
            case "--jump-host-key" -> t.jumpHost().map(TargetSpec::hostKey).orElse(null);
            case "--install-dir" -> t.installDir();
            case "--host" -> t.host();
            case "--bundle" -> bundle(p, option);
            default -> null;
        };
    }

    /** status and follow take the bundle id; the others a folder, which may have moved since the profile was saved. */
    private static String bundle(Profile p, OptionSpec option) {
        boolean folderOrId = "DIR|ID".equals(option.paramLabel());
        return Optional.ofNullable(p.bundleDir())
                .filter(dir -> folderOrId && Files.isDirectory(dir))
                .map(Object::toString)
                .orElse(p.bundleId());
    }
}
