package dev.berth.bundle;

import dev.berth.text.Localized;
import java.util.List;

/**
 * A named operator action on a running deployment (a database backup, say), run on demand rather than during a
 * deploy. {@code service} null = run on the host in the live release folder, otherwise inside that service with
 * {@code compose exec -T}. {@code command} is an argv (templates until rendered). When {@code output} is set, the
 * command's stdout is saved as that file under the data folder, with the time of the run inserted before its first
 * dot ({@code backups/mysql.sql} becomes {@code backups/mysql-20250101-120000.sql}).
 */
public record Action(String name, Localized label, Localized help, String service, List<String> command,
        String output, int timeoutSeconds) {
    public Action {
        command = List.copyOf(command);
    }
}
