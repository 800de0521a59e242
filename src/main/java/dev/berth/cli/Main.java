package dev.berth.cli;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;

/** {@code java -jar berth.jar <command>}: the headless twin of the wizard ({@link dev.berth.Main} picks one). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line and returns its exit code; used by tests with captured streams. */
    public static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        if (args.length > 0 && args[0].equals("--self-test")) {
            args = args.clone();
            args[0] = "self-test"; // the packaged launcher's documented spelling
        }
        Locale locale = localeFrom(args);
        Locale previous = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            Output.set(new Output(out, err, locale, System.console() != null));
            CommandLine cli = new CommandLine(new BerthCommand());
            cli.setOut(new java.io.PrintWriter(out, true));
            cli.setErr(new java.io.PrintWriter(err, true));
            cli.setDefaultValueProvider(new ProfileDefaults());
            cli.setParameterExceptionHandler((ex, a) -> {
                Output o = Output.get();
                if (ex.getCause() instanceof CliFailure f) { // a --profile that cannot be read
                    o.problem(f.sentence());
                    return f.exitCode();
                }
                o.problem(dev.berth.text.Localized.of("命令行有误：" + ex.getMessage(), "Wrong command line: " + ex.getMessage()));
                o.info("用 --help 查看用法。", "Run with --help to see how to use it.");
                return ExitCode.USAGE;
            });
            cli.setExecutionExceptionHandler((ex, c, parsed) -> {
                CliFailure f = Failures.toCli(ex);
                Output.get().problem(f.sentence());
                if (System.getenv("BERTH_DEBUG") != null) {
                    ex.printStackTrace(err);
                }
                return f.exitCode();
            });
            return cli.execute(args);
        } finally {
            Locale.setDefault(previous);
        }
    }

    private static Locale localeFrom(String[] args) {
        int i = Arrays.asList(args).indexOf("--lang");
        if (i >= 0 && i + 1 < args.length) {
            return args[i + 1].toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        }
        for (String a : args) {
            if (a.startsWith("--lang=")) {
                return a.substring(7).toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
            }
        }
        return Output.detectLocale();
    }
}
