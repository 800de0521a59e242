package dev.berth.ui.stack;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleCatalog;
import dev.berth.bundle.BundleLoader;
import dev.berth.bundle.Requirements;
import dev.berth.text.Localized;
import dev.berth.ui.Step;
import dev.berth.ui.StepModel;
import dev.berth.ui.WizardModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    public StackViewModel(WizardModel model) {
        super(model);
        selected.addListener((o, a, b) -> valid.set(b != null && b.ok()));
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

    @Override
    public boolean beforeNext() {
        Bundle chosen = selected.get().bundle();
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
