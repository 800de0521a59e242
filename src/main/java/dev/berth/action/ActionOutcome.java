package dev.berth.action;

/**
 * What one run of an operator action gave.
 *
 * @param exitCode   the command's exit status (0 = done)
 * @param outputFile the saved file on the server, or null when the action has no output or it failed
 * @param stdout     the command's standard output (empty when it went to the output file)
 * @param stderr     the last lines of its error output, for the operator when it failed
 */
public record ActionOutcome(int exitCode, String outputFile, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }
}
