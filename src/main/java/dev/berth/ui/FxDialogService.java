package dev.berth.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.HostServices;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The real dialogs, owned by the main window. */
public final class FxDialogService implements DialogService {
    private final I18n i18n;
    private final HostServices host;
    private Window owner;

    public FxDialogService(I18n i18n, HostServices host) {
        this.i18n = i18n;
        this.host = host;
    }

    public void setOwner(Window owner) {
        this.owner = owner;
    }

    @Override
    public boolean trustHostKey(String target, String keyType, String fingerprint) {
        return onFx(() -> ask(i18n.get("hostkey.title"), i18n.get("hostkey.text", target, keyType, fingerprint)));
    }

    @Override
    public boolean confirm(String title, String text) {
        return onFx(() -> ask(title, text));
    }

    private boolean ask(String title, String text) {
        ButtonType yes = new ButtonType(i18n.isChinese() ? "是" : "Yes", ButtonBar.ButtonData.YES);
        ButtonType no = new ButtonType(i18n.isChinese() ? "否" : "No", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, yes, no);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(title);
        a.getDialogPane().setMinWidth(520);
        return a.showAndWait().orElse(no) == yes;
    }

    @Override
    public Optional<String> askText(String title, String text) {
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog();
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(title);
        d.setContentText(text);
        d.getDialogPane().setMinWidth(520);
        return d.showAndWait().map(String::strip);
    }

    @Override
    public <T> Optional<T> choose(String title, String text, List<T> items, Function<T, String> label) {
        if (items.isEmpty()) {
            return Optional.empty();
        }
        // The dialog lists labels; two items with the same label would be one choice, so each label maps to its item.
        Map<String, T> byLabel = new LinkedHashMap<>();
        items.forEach(i -> byLabel.putIfAbsent(label.apply(i), i));
        ChoiceDialog<String> d = new ChoiceDialog<>(byLabel.keySet().iterator().next(), byLabel.keySet());
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(title);
        d.setContentText(text);
        d.getDialogPane().setMinWidth(620);
        return d.showAndWait().map(byLabel::get);
    }

    /** Dialogs must be shown on the FX thread; a background caller (host key check) waits for the answer. */
    private static boolean onFx(java.util.function.Supplier<Boolean> dialog) {
        if (Platform.isFxApplicationThread()) {
            return dialog.get();
        }
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(dialog.get()));
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Path initial) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        if (initial != null && Files.isDirectory(initial)) {
            c.setInitialDirectory(initial.toFile());
        }
        return Optional.ofNullable(c.showDialog(owner)).map(java.io.File::toPath);
    }

    @Override
    public Optional<Path> chooseFile(String title, Path initial) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        if (initial != null && Files.isDirectory(initial)) {
            c.setInitialDirectory(initial.toFile());
        }
        return Optional.ofNullable(c.showOpenDialog(owner)).map(java.io.File::toPath);
    }

    @Override
    public Optional<Path> saveFile(String title, String name) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.setInitialFileName(name);
        return Optional.ofNullable(c.showSaveDialog(owner)).map(java.io.File::toPath);
    }

    @Override
    public void openLink(String url) {
        if (host != null) {
            host.showDocument(url);
        }
    }
}
