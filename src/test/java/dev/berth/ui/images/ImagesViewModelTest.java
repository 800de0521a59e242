package dev.berth.ui.images;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.ImageRef;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.PreflightReport;
import dev.berth.target.Fixtures;
import dev.berth.testsupport.TestTarget;
import dev.berth.transfer.ImageStatus;
import dev.berth.transfer.ImageTarball;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The images step: missing tarballs named with the folder looked in; checksums that do not match refused. The server
 * side is a recorded CentOS 7 probe (src/test/resources/probe/centos7.txt), which has none of the demo's images.
 */
@IntegrationTest
class ImagesViewModelTest {
    @Test
    void missingImagesAreNamedAndBlockNext() throws Exception {
        WizardModel model = UiTestModels.model(new ScriptedDialogs());
        model.bundleProperty().set(UiTestModels.bundle("demo"));
        model.answersProperty().set(AnswersResolver.resolve(model.bundle(), Map.of()));
        model.reportProperty().set(new PreflightReport(List.of(), Outcome.PASS, Fixtures.facts("centos7.txt")));
        ImagesViewModel vm = new ImagesViewModel(model);
        Path empty = TestTarget.tempDir("no-images");
        model.imagesDirProperty().set(empty);
        assertEquals(2, vm.rows().size());
        assertTrue(vm.rows().stream().allMatch(r -> r.status().state() == ImageStatus.State.MISSING));
        assertFalse(vm.isValid());
        String why = vm.getProblem().en();
        assertTrue(why.contains("web-1.0.tar") && why.contains(empty.toString()), why);

        // With the real tarballs of the test target the images are found.
        model.imagesDirProperty().set(TestTarget.get().imagesDir());
        assertTrue(vm.isValid(), () -> String.valueOf(vm.getProblem()));
        assertTrue(vm.rows().stream().allMatch(r -> r.status().state() != ImageStatus.State.MISSING));
    }

    @Test
    void aChecksumIsVerifiedBeforeAnythingIsSent() throws Exception {
        Path file = Files.writeString(TestTarget.tempDir("tarball").resolve("x.tar"), "not really an image");
        String sha = dev.berth.transfer.ImageArchive.sha256Of(file);
        ImageTarball t = new ImageTarball(file, Files.size(file), "sha256:" + "0".repeat(64), List.of("x:1"));
        ImageStatus good = new ImageStatus(new ImageRef("x:1", "x.tar", sha), t, ImageStatus.State.TO_UPLOAD);
        ImageStatus bad = new ImageStatus(new ImageRef("x:1", "x.tar", "f".repeat(64)), t, ImageStatus.State.TO_UPLOAD);
        assertEquals(ImageRow.Checksum.OK, ImagesViewModel.verify(good));
        assertEquals(ImageRow.Checksum.BAD, ImagesViewModel.verify(bad));
        assertFalse(new ImageRow(bad, ImageRow.Checksum.BAD).acceptable());
    }
}
