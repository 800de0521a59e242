package dev.berth.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Writes a PNG of the window for the README: {@code target/screenshots/<nn>-<step>-<lang>.png}, taken with
 * Monocle's headless snapshot (no Xvfb). Call on the FX thread.
 */
public final class Screenshots {
    private Screenshots() {}

    public static Path dir() {
        return Path.of(System.getProperty("berth.screenshots", "target/screenshots"));
    }

    /** A snapshot of the scene in each language; the window is left in {@code back}'s language. */
    public static void bothLanguages(Scene scene, I18n i18n, String name) {
        Locale before = i18n.locale();
        for (Locale l : new Locale[] {Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE}) {
            i18n.setLocale(l);
            write(scene, name + "-" + ("zh".equals(l.getLanguage()) ? "zh_CN" : "en"));
        }
        i18n.setLocale(before);
    }

    public static Path write(Scene scene, String name) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        WritableImage img = scene.snapshot(null);
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = img.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, r.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(dir());
            Path file = dir().resolve(name + ".png");
            ImageIO.write(out, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
