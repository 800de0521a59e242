package dev.berth.ui;

import javafx.application.Application;

/**
 * Starts the wizard. Not an Application itself: a main class that extends Application cannot start from a plain
 * classpath jar, which is how berth.jar ships JavaFX.
 */
public final class BerthLauncher {
    private BerthLauncher() {}

    public static void main(String[] args) {
        Application.launch(BerthApp.class, args);
    }

    /** True when there is a screen to open a window on (Windows and macOS always have one). */
    public static boolean hasDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
