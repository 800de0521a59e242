package dev.berth.profile;

import java.util.List;

/** Every profile in the store: those that read, sorted by name, and those that did not, with the reason. */
public record ProfileListing(List<Profile> profiles, List<ProfileProblem> problems) {
    public ProfileListing {
        profiles = List.copyOf(profiles);
        problems = List.copyOf(problems);
    }
}
