package dev.berth.preflight;

import dev.berth.ssh.RemoteCommand;
import dev.berth.text.Localized;
import java.util.Objects;

/** A remedy Berth can apply itself when the operator agrees: one command for the target, and what it does. */
public record Fix(RemoteCommand command, Localized label) {
    public Fix {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(label, "label");
    }
}
