package dev.berth.preflight;

/** The verdict of one check, in increasing severity. */
public enum Outcome {
    PASS, WARN, FAIL;

    public Outcome worse(Outcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
