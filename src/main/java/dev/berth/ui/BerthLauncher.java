package dev.berth.ui;

import javafx.application.Application;

/**
 * Starts the wizard. Not an Application itself: a main class that extends Application cannot start from a plain
 * classpath jar, which is how berth.jar ships JavaFX.
 */
public final class BerthLauncher {
    private BerthLauncher() {}

    public static void main(String[] args) {
        try {
            Application.launch(BerthApp.class, args);
        } catch (RuntimeException | LinkageError e) {
            // No window system JavaFX can use (GTK 3 or OpenGL libraries missing): one sentence, the CLI still works.
            boolean zh = java.util.Locale.getDefault().getLanguage().equals("zh");
            System.err.println(zh
                    ? "Berth 无法打开窗口（" + e.getMessage() + "）。请安装 libgtk-3-0 和 libgl1，或使用命令行：berth --help。"
                    : "Berth cannot open its window (" + e.getMessage() + "). Install libgtk-3-0 and libgl1, or use the"
                            + " command line: berth --help.");
            System.exit(1);
        }
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
