package dev.berth.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The questions the wizard asks the operator in a dialog. View models call only this, so tests answer with a
 * scripted implementation and no window.
 */
public interface DialogService {
    /**
     * First contact with a server: shows the host key fingerprint and asks whether to trust it. May be called from
     * a background thread; blocks until the operator answers.
     */
    boolean trustHostKey(String target, String keyType, String fingerprint);

    /** A yes/no question; true when the operator says yes. */
    boolean confirm(String title, String text);

    /** Asks the operator to type something (a confirmation such as a deployment's id); empty when cancelled. */
    Optional<String> askText(String title, String text);

    Optional<Path> chooseDirectory(String title, Path initial);

    Optional<Path> chooseFile(String title, Path initial);

    /** Where to save a new file, suggesting {@code name}; empty when cancelled. */
    Optional<Path> saveFile(String title, String name);

    /**
     * Asks the operator to pick one of {@code items} (each shown as {@code label} gives it); empty when cancelled or
     * when there is nothing to pick.
     */
    <T> Optional<T> choose(String title, String text, List<T> items, Function<T, String> label);

    /** Opens a link (an endpoint of the deployment) in the browser. */
    void openLink(String url);
}
