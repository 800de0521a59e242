package dev.berth.ui.images;

import static dev.berth.testsupport.ImageTarballWriter.noise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersResolver;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.PreflightReport;
import dev.berth.target.Facts;
import dev.berth.target.Fixtures;
import dev.berth.testsupport.ImageTarballWriter;
import dev.berth.transfer.ImageArchive;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Images step says what must cross the link, and refuses — before Deploy — a damaged tarball, an image for
 * another CPU and a server without room. The server is the recorded probe of the Debian 12 development machine
 * (src/test/resources/probe/local-debian12.txt: x86_64, none of the demo's images).
 */
class ImagesPlanTest {
    @TempDir
    Path dir;

    private static final byte[] BASE = noise(400_000, 1);

    private void demoImages(String arch) {
        ImageTarballWriter.image("berth-demo/web:1.0").architecture(arch).layer("base", BASE)
                .layer("web", noise(20_000, 2)).write(dir.resolve("web-1.0.tar"));
        ImageTarballWriter.image("berth-demo/worker:1.0").architecture(arch).layer("base", BASE)
                .layer("worker", noise(20_000, 3)).oci().write(dir.resolve("worker-1.0.tar"));
    }

    private ImagesViewModel step(Facts facts) throws Exception {
        WizardModel model = UiTestModels.model(new ScriptedDialogs());
        model.bundleProperty().set(UiTestModels.bundle("demo"));
        model.answersProperty().set(AnswersResolver.resolve(model.bundle(), Map.of()));
        model.reportProperty().set(new PreflightReport(List.of(), Outcome.PASS, facts));
        ImagesViewModel vm = new ImagesViewModel(model);
        model.imagesDirProperty().set(dir);
        return vm;
    }

    @Test
    void theStepSaysHowMuchMustBeSentSharedBaseOnce() throws Exception {
        demoImages("amd64");
        ImagesViewModel vm = step(Fixtures.facts("local-debian12.txt"));
        assertTrue(vm.isValid(), () -> String.valueOf(vm.getProblem()));
        assertTrue(vm.rows().stream().allMatch(r -> r.checksum() == ImageRow.Checksum.OK), vm.rows().toString());
        String plan = vm.planProperty().get().en();
        assertTrue(plan.matches("\\d+\\.\\d KB of \\d+\\.\\d KB must be sent \\(\\d+\\.\\d KB of layers are shared by"
                + " several images and sent once\\)\\."), plan);
        assertTrue(plan.startsWith("4"), "the 400 KB base goes once, with web: " + plan);
        assertTrue(vm.planProperty().get().zh().startsWith("需要发送 "), vm.planProperty().get().zh());
    }

    @Test
    void aDamagedTarballIsFoundOnThisStep() throws Exception {
        demoImages("amd64");
        ImageArchive worker = ImageArchive.read(dir.resolve("worker-1.0.tar"));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("worker-1.0.tar").toFile(), "rw")) {
            f.seek(worker.layers().get(1).offset() + 99);
            f.write(0);
            f.seek(worker.layers().get(1).offset() + 100);
            f.write(0);
        }
        ImagesViewModel vm = step(Fixtures.facts("local-debian12.txt"));
        assertFalse(vm.isValid());
        assertEquals(ImageRow.Checksum.BAD, vm.rows().get(1).checksum());
        assertTrue(vm.getProblem().en().startsWith("The image tarball worker-1.0.tar is damaged: layer 2 "),
                vm.getProblem().en());
    }

    @Test
    void anImageForAnotherCpuIsRefusedNamingBoth() throws Exception {
        demoImages("arm64");
        ImagesViewModel vm = step(Fixtures.facts("local-debian12.txt"));
        assertFalse(vm.isValid());
        assertEquals("The image web-1.0.tar is built for aarch64 but the server's CPU is x86_64, so it cannot run"
                + " there; bring the x86_64 build of the image.", vm.getProblem().en());
        assertTrue(vm.getProblem().zh().contains("aarch64") && vm.getProblem().zh().contains("x86_64"));
    }

    @Test
    void aServerWithoutRoomIsRefusedWithBothFigures() throws Exception {
        demoImages("amd64");
        Facts f = Fixtures.facts("local-debian12.txt");
        Facts full = new Facts(f.complete(), f.host(), f.access(), new Facts.Disk(f.disk().path(), 100_000L),
                f.installDir(), f.nvidia(), f.docker(), f.ports(), f.sysctl(), f.limits(), f.tools(), f.raw());
        ImagesViewModel vm = step(full);
        assertFalse(vm.isValid());
        String why = vm.getProblem().en();
        assertTrue(why.startsWith("The server lacks room for the images: the tarballs need ") && why.contains(
                " in " + f.disk().path() + " (97.7 KB free) and their layers ") && why.contains("under Docker's data root "
                + f.docker().rootDir()), why);
    }
}
