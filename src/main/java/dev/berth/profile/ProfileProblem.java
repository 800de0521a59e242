package dev.berth.profile;

import dev.berth.text.Localized;
import java.util.Optional;

/**
 * A profile file that is there but cannot be read in full; listed so the operator can fix, re-enter or delete it.
 *
 * @param withoutSecrets the profile minus its secret answers when only those failed (a lost key file): enough to
 *                       open its dashboard or to start a redeploy that asks for the secrets again; else empty
 */
public record ProfileProblem(String name, Localized message, Optional<Profile> withoutSecrets) {
    public ProfileProblem {
        withoutSecrets = withoutSecrets == null ? Optional.empty() : withoutSecrets;
    }
}
