package dev.berth.ui.images;

import dev.berth.bundle.ImageRef;
import dev.berth.text.Localized;
import dev.berth.transfer.ImagePlanner;
import dev.berth.transfer.ImageStatus;
import dev.berth.ui.Step;
import dev.berth.ui.StepModel;
import dev.berth.ui.WizardModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 5: the folder of image tarballs; each image the answers need is found, missing or already on the server,
 * and a tarball with a checksum in the bundle is verified before anything is sent.
 */
public final class ImagesViewModel extends StepModel {
    private final ObservableList<ImageRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Path> folder;

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

    /** Plans every image against the folder and the server's images (from the checks' probe). */
    public void scan() {
        if (model.bundle() == null || model.answers() == null || model.facts() == null) {
            return;
        }
        List<ImageRef> needed = model.bundle().imagesFor(model.answers());
        Map<String, String> present = model.facts().docker().images();
        Path dir = folder.get();
        busy.set(true);
        valid.set(false);
        problem.set(null);
        model.executor().run(() -> {
            List<ImageRow> out = new ArrayList<>();
            for (ImageStatus s : ImagePlanner.plan(needed, dir, present)) {
                out.add(new ImageRow(s, verify(s)));
            }
            return out;
        }, found -> {
            busy.set(false);
            rows.setAll(found);
            boolean ok = found.stream().allMatch(ImageRow::acceptable);
            valid.set(ok);
            if (!ok) {
                Localized missing = ImagePlanner.missingSentence(found.stream().map(ImageRow::status).toList(), dir);
                problem.set(missing != null ? missing : Localized.of("有镜像包的校验和不对，可能已损坏。",
                        "An image tarball does not match its checksum; it may be damaged."));
            }
        }, e -> {
            busy.set(false);
            rows.clear();
            problem.set(sentenceOf(e));
        });
    }

    static ImageRow.Checksum verify(ImageStatus s) throws IOException {
        String expected = s.image().sha256();
        if (s.tarball() == null || expected == null || expected.isBlank() || !s.needsUpload()) {
            return ImageRow.Checksum.NONE;
        }
        return sha256(s.tarball().file()).equalsIgnoreCase(expected) ? ImageRow.Checksum.OK : ImageRow.Checksum.BAD;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public ObservableList<ImageRow> rows() {
        return rows;
    }

    public ObjectProperty<Path> folderProperty() {
        return folder;
    }
}
