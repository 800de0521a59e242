package dev.berth.deploy;

/**
 * A field of a journal event, as job-lib.sh writes it: its JSON key and whether its value is a number (written
 * with a {@code key#} marker by {@code berth_event}) or a string. One field has one meaning in every event it
 * appears in. The contract between the job library and the laptop: see {@link JournalEventType}.
 */
public enum JournalField {
    STEP("step", false, "the step id of the plan (or rollback)"),
    RELEASE("release", false, "a release id"),
    PREVIOUS("previous", false, "the release that was current when the job began (empty on a first deploy)"),
    PID("pid", true, "the job's process id on the server"),
    MS("ms", true, "how long the step ran, in milliseconds"),
    EXIT("exit", true, "the step's exit status (143: stopped by a signal or the deadline)"),
    MESSAGE("message", false, "one line saying why"),
    STATUS("status", false, "succeeded, failed or refused"),
    CURRENT("current", false, "the release that serves after the job (empty: none is known to)"),
    FAILED_SERVICE("failedService", false, "the first service that failed its readiness"),
    SERVICE("service", false, "a compose service"),
    LINES("lines", false, "the service's last 40 log lines"),
    OUTPUT("output", false, "the container's last healthcheck outputs"),
    FILE("file", false, "an image tarball's file name"),
    REF("ref", false, "an image reference"),
    ID("id", false, "an image id"),
    PENDING("pending", false, "what is still awaited: services, or a URL"),
    TEXT("text", false, "the last 40 lines a hook printed"),
    BACKUP("backup", false, "a backup id (its folder under <installDir>/backups)"),
    BYTES("bytes", true, "a size in bytes: the backup archive's (so far, in backup-progress), the images forwarded"),
    TOTAL("total", true, "the bytes a backup copies, before compression"),
    DOWN("down", true, "how long the services stopped for a backup were down, in milliseconds (0: none was)"),
    NODE("node", false, "a node of a cluster target, as the cluster file names it"),
    IMAGES("images", false, "image references, comma-separated"),
    KIND("kind", false, "config or secret (of Swarm)"),
    NAME("name", false, "a Swarm config's or secret's name");

    private final String key;
    private final boolean number;
    private final String meaning;

    JournalField(String key, boolean number, String meaning) {
        this.key = key;
        this.number = number;
        this.meaning = meaning;
    }

    /** The JSON key. */
    public String key() {
        return key;
    }

    /** True when the value is a JSON number. */
    public boolean number() {
        return number;
    }

    public String meaning() {
        return meaning;
    }
}
