package dev.berth.cli;

import dev.berth.profile.Profile;
import dev.berth.profile.ProfileException;
import dev.berth.profile.ProfileStore;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code --profile NAME}: a saved deployment fills the target, install folder, bundle and answers of the command
 * it is given to; options given on the command line win ({@link ProfileDefaults} fills only what is missing).
 */
final class ProfileOption {
    static final String NAME = "--profile";

    @Option(names = NAME, descriptionKey = "profile", paramLabel = "NAME")
    String name;

    /** The profile named on {@code command}'s line, loaded once per command line, or empty without --profile. */
    static Optional<Profile> of(CommandSpec command) {
        OptionSpec option = command == null ? null : command.findOption(NAME);
        String name = option == null ? null : option.getValue();
        if (name == null) {
            return Optional.empty();
        }
        if (command.commandLine() != null
                && command.commandLine().getDefaultValueProvider() instanceof ProfileDefaults defaults) {
            return Optional.of(defaults.profile(name));
        }
        return Optional.of(load(name));
    }

    static Profile load(String name) {
        try {
            return ProfileStore.atDefaultHome().require(name);
        } catch (ProfileException e) {
            throw new CliFailure(ExitCode.INVALID_INPUT, e.sentence());
        }
    }

    /** The profile without its secrets: what the target options need, readable even when the key file is lost. */
    static Profile loadTarget(String name) {
        try {
            return ProfileStore.atDefaultHome().requireWithoutSecrets(name);
        } catch (ProfileException e) {
            throw new CliFailure(ExitCode.INVALID_INPUT, e.sentence());
        }
    }
}
