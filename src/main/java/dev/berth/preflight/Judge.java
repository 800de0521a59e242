package dev.berth.preflight;

import dev.berth.text.Localized;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ordered outcomes of one check, troubleshoot.sh style: outcomes are listed from the most specific to the
 * default and the first whose condition holds wins; later ones are not even evaluated.
 */
final class Judge {
    private final String id;
    private final Localized title;
    private CheckResult result;

    private Judge(String id, Localized title) {
        this.id = id;
        this.title = title;
    }

    static Judge check(String id, Localized title) {
        return new Judge(id, title);
    }

    Judge when(boolean condition, Outcome outcome, Supplier<Localized> reason, Supplier<Localized> remedy) {
        return when(condition, outcome, reason, remedy, null);
    }

    Judge when(boolean condition, Outcome outcome, Supplier<Localized> reason, Supplier<Localized> remedy,
               Supplier<Fix> fix) {
        if (result == null && condition) {
            result = new CheckResult(id, outcome, title, reason.get(),
                    remedy == null ? CheckResult.NO_REMEDY : remedy.get(),
                    fix == null ? Optional.empty() : Optional.of(fix.get()));
        }
        return this;
    }

    /** The default outcome when nothing above matched. */
    CheckResult otherwise(Outcome outcome, Supplier<Localized> reason) {
        if (result == null) {
            result = new CheckResult(id, outcome, title, reason.get(), CheckResult.NO_REMEDY, Optional.empty());
        }
        return result;
    }
}
