package dev.berth.ui.stack;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleCatalog;
import dev.berth.bundle.BundleLoader;
import dev.berth.bundle.Requirements;
import dev.berth.deploy.BackupArchive;
import dev.berth.deploy.BackupInfo;
import dev.berth.text.Localized;
import dev.berth.ui.BackupRestore;
import dev.berth.ui.Step;
import dev.berth.ui.StepModel;
import dev.berth.ui.WizardModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Step 1: the bundles found under bundles/ and any folder the operator opens; one is picked. */
public final class StackViewModel extends StepModel {
    private final ObservableList<BundleCatalog.Entry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<BundleCatalog.Entry> selected = new SimpleObjectProperty<>();
    private boolean loaded;
    /** Called when the answers to start the settings form from change (a backup file chosen or dropped). */
    private Runnable startingAnswersChanged = () -> { };
    /** The starting answers before a backup's replaced them, put back when the restore is dropped. */
    private Map<String, Object> beforeRestore;

    public StackViewModel(WizardModel model) {
        super(model);
        selected.addListener((o, a, b) -> valid.set(b != null && b.ok()));
    }

    public void onStartingAnswersChanged(Runnable r) {
        startingAnswersChanged = r;
    }

    @Override
    public Step step() {
        return Step.STACK;
    }

    @Override
    public void enter() {
        if (!loaded) {
            loaded = true;
            load(model.bundlesDir());
        }
    }

    public ObservableList<BundleCatalog.Entry> entries() {
        return entries;
    }

    public ObjectProperty<BundleCatalog.Entry> selectedProperty() {
        return selected;
    }

    /** Adds the bundles of a folder: the folder itself when it holds a bundle.yaml, else its sub-folders. */
    public void load(Path dir) {
        if (dir == null) {
            return;
        }
        busy.set(true);
        model.executor().run(() -> {
            if (Files.isRegularFile(dir.resolve("bundle.yaml"))) {
                try {
                    return List.of(new BundleCatalog.Entry(dir, BundleLoader.load(dir), null));
                } catch (dev.berth.bundle.BundleException e) {
                    return List.of(new BundleCatalog.Entry(dir, null, e));
                }
            }
            return BundleCatalog.list(dir);
        }, found -> {
            busy.set(false);
            problem.set(null);
            List<BundleCatalog.Entry> merged = new ArrayList<>(entries);
            for (BundleCatalog.Entry e : found) {
                merged.removeIf(x -> x.dir().toAbsolutePath().normalize().equals(e.dir().toAbsolutePath().normalize()));
                merged.add(e);
            }
            entries.setAll(merged);
            if (selected.get() == null) {
                entries.stream().filter(BundleCatalog.Entry::ok).findFirst().ifPresent(selected::set);
            }
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    /** Asks for a folder and adds what it holds. */
    public void openFolder() {
        model.dialogs().chooseDirectory(model.i18n().get("stack.openFolder"), model.bundlesDir()).ifPresent(this::load);
    }

    /** Picks the bundle whose id is given (a profile, a test). */
    public boolean select(String bundleId) {
        for (BundleCatalog.Entry e : entries) {
            if (e.ok() && e.bundle().id().equals(bundleId)) {
                selected.set(e);
                return true;
            }
        }
        return false;
    }

    /**
     * Restore from a backup file… (moving a deployment to a new server): reads the archive's manifest and answers; the
     * bundle of its id and version is selected (it must be listed: opened or under bundles/), its answers become the
     * settings form's, and the Deploy step uploads it and starts the release from it.
     */
    public void restoreFromFile() {
        model.dialogs().chooseFile(model.i18n().get("stack.restore.title"), null).ifPresent(this::restoreFrom);
    }

    /** The same with a file already chosen. */
    public void restoreFrom(Path file) {
        busy.set(true);
        model.executor().run(() -> BackupArchive.read(file), archive -> {
            busy.set(false);
            BackupInfo info = archive.info();
            BundleCatalog.Entry match = entries.stream().filter(e -> e.ok() && e.bundle().id().equals(info.bundle())
                    && e.bundle().version().equals(info.version())).findFirst().orElse(null);
            if (match == null) {
                problem.set(BackupRestore.otherBundle(selected.get() == null ? null : selected.get().bundle(), info.id(),
                        info.bundle(), info.version()));
                return;
            }
            problem.set(null);
            selected.set(match);
            if (beforeRestore == null) {
                beforeRestore = new LinkedHashMap<>(model.startingAnswers());
            }
            model.startingAnswers().clear();
            model.startingAnswers().putAll(archive.answers());
            model.restoreArchiveProperty().set(archive);
            startingAnswersChanged.run();
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    /** Drops the backup file: a plain deploy again, the settings form starting from what it started from before. */
    public void dropRestore() {
        if (model.restoreArchive() == null) {
            return;
        }
        model.restoreArchiveProperty().set(null);
        model.startingAnswers().clear();
        if (beforeRestore != null) {
            model.startingAnswers().putAll(beforeRestore);
            beforeRestore = null;
        }
        problem.set(null);
        startingAnswersChanged.run();
    }

    public ObjectProperty<BackupArchive> restoreArchiveProperty() {
        return model.restoreArchiveProperty();
    }

    /** What the Stack step says about the backup file chosen, in the window's language ("" when none). */
    public String restoreText() {
        BackupArchive a = model.restoreArchive();
        return a == null ? "" : model.i18n().get("stack.restore.chosen", a.info().id(), a.info().bundle(),
                a.info().version(), a.info().created(), a.file().getFileName());
    }

    @Override
    public boolean beforeNext() {
        Bundle chosen = selected.get().bundle();
        BackupArchive archive = model.restoreArchive();
        if (archive != null) {
            Localized other = BackupRestore.otherBundle(chosen, archive.info().id(), archive.info().bundle(),
                    archive.info().version());
            if (other != null) {
                // Another stack was picked after the file: say so rather than deploy it without the restore.
                problem.set(other);
                return false;
            }
        }
        Bundle before = model.bundle();
        if (before == null || !Objects.equals(before.dir(), chosen.dir())) {
            // Another stack: answers and images of the previous one no longer apply.
            model.answersProperty().set(null);
            model.preparedProperty().set(null);
            model.bundleProperty().set(chosen);
        }
        return true;
    }

    /** What a bundle needs from its server, in one line per language. */
    public static Localized needs(Bundle b) {
        Requirements r = b.requirements();
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        if (r.minCores() != null) {
            zh.add(r.minCores() + " 核 CPU" + (r.recommendedCores() != null ? "（建议 " + r.recommendedCores() + " 核）" : ""));
            en.add(r.minCores() + " CPU cores" + (r.recommendedCores() != null ? " (" + r.recommendedCores() + " recommended)" : ""));
        }
        if (r.minMemoryGiB() != null) {
            zh.add(gib(r.minMemoryGiB()) + " GiB 内存" + (r.recommendedMemoryGiB() != null ? "（建议 " + gib(r.recommendedMemoryGiB()) + " GiB）" : ""));
            en.add(gib(r.minMemoryGiB()) + " GiB memory" + (r.recommendedMemoryGiB() != null ? " (" + gib(r.recommendedMemoryGiB()) + " GiB recommended)" : ""));
        }
        if (r.minDiskGiB() != null) {
            zh.add(gib(r.minDiskGiB()) + " GiB 磁盘");
            en.add(gib(r.minDiskGiB()) + " GiB disk");
        }
        switch (r.gpu()) {
            case REQUIRED -> {
                zh.add("需要 GPU");
                en.add("a GPU");
            }
            case OPTIONAL -> {
                zh.add("GPU 可选");
                en.add("a GPU (optional)");
            }
            default -> {
                zh.add("不需要 GPU");
                en.add("no GPU");
            }
        }
        List<String> ports = new ArrayList<>();
        for (String p : r.portParams()) {
            var param = b.parameter(p);
            ports.add(param != null && param.defaultValue() != null ? String.valueOf(param.defaultValue()) : p);
        }
        if (!ports.isEmpty()) {
            zh.add("端口 " + String.join(", ", ports));
            en.add("ports " + String.join(", ", ports));
        }
        return Localized.of("需要：" + String.join("，", zh) + "。", "Needs " + String.join(", ", en) + ".");
    }

    private static String gib(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
