package dev.berth.preflight;

import dev.berth.text.Localized;
import java.util.Objects;
import java.util.Optional;

/**
 * One judged check.
 *
 * @param id     stable identifier ("memory", "port:WEB_PORT", "sysctl:vm.max_map_count")
 * @param title  what was checked
 * @param reason what was found, in one sentence
 * @param remedy what the operator should do; empty text when nothing is needed
 * @param fix    a command Berth can run to repair it, when there is one
 */
public record CheckResult(String id, Outcome outcome, Localized title, Localized reason, Localized remedy,
                          Optional<Fix> fix) {

    public static final Localized NO_REMEDY = Localized.same("");

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(reason, "reason");
        remedy = remedy == null ? NO_REMEDY : remedy;
        fix = fix == null ? Optional.empty() : fix;
    }
}
