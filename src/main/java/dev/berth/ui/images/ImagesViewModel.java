package dev.berth.ui.images;

import dev.berth.bundle.ImageRef;
import dev.berth.text.Localized;
import dev.berth.target.Facts;
import dev.berth.transfer.ImageArchive;
import dev.berth.transfer.ImagePlanner;
import dev.berth.transfer.ImageStatus;
import dev.berth.transfer.TransferException;
import dev.berth.transfer.TransferPlan;
import dev.berth.ui.Step;
import dev.berth.ui.StepModel;
import dev.berth.ui.WizardModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 5: the folder of image tarballs; each image the answers need is found, missing or already on the server;
 * each tarball to send is checked against its digests before anything is sent, and the step says how much of it
 * must cross the link.
 */
public final class ImagesViewModel extends StepModel {
    private final ObservableList<ImageRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Path> folder;
    private final ObjectProperty<Localized> plan = new SimpleObjectProperty<>();

    public ImagesViewModel(WizardModel model) {
        super(model);
        this.folder = model.imagesDirProperty();
        folder.addListener((o, a, b) -> scan());
    }

    @Override
    public Step step() {
        return Step.IMAGES;
    }

    @Override
    public void enter() {
        if (folder.get() == null && model.bundle() != null && Files.isDirectory(model.bundle().dir().resolve("images"))) {
            folder.set(model.bundle().dir().resolve("images"));
        } else {
            scan();
        }
    }

    public void chooseFolder() {
        model.dialogs().chooseDirectory(model.i18n().get("images.choose"), folder.get()).ifPresent(folder::set);
    }

    /**
     * Plans every image against the folder and the server's images and layers (from the checks' probe), and checks
     * every tarball to send against its own digests (and the bundle's checksum, when it names one): a damaged file
     * is found here, before Deploy.
     */
    public void scan() {
        if (model.bundle() == null || model.answers() == null || model.facts() == null) {
            return;
        }
        List<ImageRef> needed = model.bundle().imagesFor(model.answers());
        Facts facts = model.facts();
        Path dir = folder.get();
        busy.set(true);
        valid.set(false);
        problem.set(null);
        plan.set(null);
        model.executor().run(() -> {
            List<ImageRow> out = new ArrayList<>();
            Localized damaged = null;
            List<ImageStatus> statuses = ImagePlanner.plan(needed, dir, facts.docker().images());
            for (ImageStatus s : statuses) {
                ImageRow.Checksum c = ImageRow.Checksum.NONE;
                try {
                    c = verify(s);
                } catch (TransferException e) {
                    c = ImageRow.Checksum.BAD;
                    damaged = damaged == null ? e.sentence() : damaged;
                }
                out.add(new ImageRow(s, c));
            }
            TransferPlan transfer = TransferPlan.of(statuses, facts);
            return new Scan(out, damaged, transfer, transfer.refusal(facts));
        }, found -> {
            busy.set(false);
            rows.setAll(found.rows());
            Localized missing = ImagePlanner.missingSentence(found.rows().stream().map(ImageRow::status).toList(), dir);
            Localized why = missing != null ? missing : found.damaged() != null ? found.damaged() : found.unfit();
            valid.set(why == null);
            problem.set(why);
            plan.set(found.transfer().summary());
        }, e -> {
            busy.set(false);
            rows.clear();
            problem.set(sentenceOf(e));
        });
    }

    private record Scan(List<ImageRow> rows, Localized damaged, TransferPlan transfer, Localized unfit) {}

    /**
     * A tarball to send is checked against its own digests; one the bundle names a checksum for, against that too.
     *
     * @throws TransferException naming the file and what is wrong, when it is damaged
     */
    static ImageRow.Checksum verify(ImageStatus s) throws TransferException {
        if (s.tarball() == null || !s.needsUpload()) {
            return ImageRow.Checksum.NONE;
        }
        ImageArchive archive = s.tarball().archive();
        String expected = s.image().sha256();
        boolean named = expected != null && !expected.isBlank();
        if (archive == null) {
            return named ? (ImageArchive.sha256Of(s.tarball().file()).equalsIgnoreCase(expected)
                    ? ImageRow.Checksum.OK : ImageRow.Checksum.BAD) : ImageRow.Checksum.NONE;
        }
        archive.verify();
        if (named && !archive.fileSha256().equalsIgnoreCase(expected)) {
            return ImageRow.Checksum.BAD;
        }
        return ImageRow.Checksum.OK;
    }

    /** What crosses the link for these images ("4.1 GB of 18.3 GB must be sent …"), once scanned. */
    public ObjectProperty<Localized> planProperty() {
        return plan;
    }

    public ObservableList<ImageRow> rows() {
        return rows;
    }

    public ObjectProperty<Path> folderProperty() {
        return folder;
    }
}
