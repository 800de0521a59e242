package dev.berth.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers the wizard's dialogs as a test scripts them, and records what was asked. */
public final class ScriptedDialogs implements DialogService {
    public volatile boolean trustKeys = true;
    public volatile boolean confirmAnswer = true;
    public volatile Path directory;
    public volatile Path file;
    /** What the operator types into a text question; null: they cancel. */
    public volatile String typed;
    /** Where the operator saves a new file; null: they cancel. */
    public volatile Path saveTo;
    /** Which item the operator picks in a choice (0: the first); -1: they cancel. */
    public volatile int choice = 0;
    /** The labels each choice offered, in order. */
    public final List<List<String>> choicesShown = new CopyOnWriteArrayList<>();
    public final List<String> fingerprintsShown = new CopyOnWriteArrayList<>();
    public final List<String> questions = new CopyOnWriteArrayList<>();
    public final List<String> links = new CopyOnWriteArrayList<>();

    @Override
    public boolean trustHostKey(String target, String keyType, String fingerprint) {
        fingerprintsShown.add(fingerprint);
        return trustKeys;
    }

    @Override
    public boolean confirm(String title, String text) {
        questions.add(title + ": " + text);
        return confirmAnswer;
    }

    @Override
    public Optional<Path> saveFile(String title, String name) {
        questions.add(title + ": " + name);
        return Optional.ofNullable(saveTo);
    }

    @Override
    public Optional<String> askText(String title, String text) {
        questions.add(text);
        return Optional.ofNullable(typed);
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Path initial) {
        return Optional.ofNullable(directory);
    }

    @Override
    public Optional<Path> chooseFile(String title, Path initial) {
        return Optional.ofNullable(file);
    }

    @Override
    public <T> Optional<T> choose(String title, String text, List<T> items, java.util.function.Function<T, String> label) {
        questions.add(title + ": " + text);
        choicesShown.add(items.stream().map(label).toList());
        return choice < 0 || choice >= items.size() ? Optional.empty() : Optional.of(items.get(choice));
    }

    @Override
    public void openLink(String url) {
        links.add(url);
    }
}
