package dev.berth;

/**
 * {@code java -jar berth.jar [command]} and the packaged launcher: with no command on a desktop it opens the wizard,
 * otherwise it runs the CLI. It is the only class that knows both front ends, so neither depends on the other.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0 && dev.berth.ui.BerthLauncher.hasDisplay()) {
            // Double-clicked or started without a command on a desktop: open the wizard.
            dev.berth.ui.BerthLauncher.main(args);
            return;
        }
        dev.berth.cli.Main.main(args);
    }
}
