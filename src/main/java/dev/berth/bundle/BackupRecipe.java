package dev.berth.bundle;

import java.util.List;

/**
 * How a bundle's data is copied consistently ({@code backup:} in bundle.yaml): commands run inside their services
 * before the copy (a database's own dump or flush), and the services stopped while the copy is taken.
 *
 * @param stop the services stopped during the copy; null means every service (the safe default for a bundle that
 *             says nothing), empty means none (the commands make the files consistent while everything runs)
 */
public record BackupRecipe(List<Command> commands, List<String> stop) {

    /** What a bundle without {@code backup:} gets: nothing run, everything stopped for the copy. */
    public static final BackupRecipe STOP_ALL = new BackupRecipe(List.of(), null);

    public BackupRecipe {
        commands = List.copyOf(commands);
        stop = stop == null ? null : List.copyOf(stop);
    }

    public boolean stopsAll() {
        return stop == null;
    }

    /**
     * One command run inside a service before the copy.
     *
     * @param output the file (under the backup's {@code dumps/}) that keeps what the command prints, or null when its
     *               output is only a log line (a flush such as {@code redis-cli SAVE})
     */
    public record Command(String service, List<String> command, String output, int timeoutSeconds) {
        public Command {
            command = List.copyOf(command);
        }
    }
}
