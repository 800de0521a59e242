package dev.berth.deploy;

import static dev.berth.deploy.JournalField.BACKUP;
import static dev.berth.deploy.JournalField.BYTES;
import static dev.berth.deploy.JournalField.CURRENT;
import static dev.berth.deploy.JournalField.DOWN;
import static dev.berth.deploy.JournalField.EXIT;
import static dev.berth.deploy.JournalField.FAILED_SERVICE;
import static dev.berth.deploy.JournalField.FILE;
import static dev.berth.deploy.JournalField.ID;
import static dev.berth.deploy.JournalField.IMAGES;
import static dev.berth.deploy.JournalField.LINES;
import static dev.berth.deploy.JournalField.MESSAGE;
import static dev.berth.deploy.JournalField.KIND;
import static dev.berth.deploy.JournalField.MS;
import static dev.berth.deploy.JournalField.NAME;
import static dev.berth.deploy.JournalField.NODE;
import static dev.berth.deploy.JournalField.PENDING;
import static dev.berth.deploy.JournalField.PID;
import static dev.berth.deploy.JournalField.PREVIOUS;
import static dev.berth.deploy.JournalField.REF;
import static dev.berth.deploy.JournalField.RELEASE;
import static dev.berth.deploy.JournalField.SERVICE;
import static dev.berth.deploy.JournalField.STATUS;
import static dev.berth.deploy.JournalField.STEP;
import static dev.berth.deploy.JournalField.TEXT;

import java.util.List;
import java.util.Optional;

/**
 * Every event the server-side job library writes to a release's journal, with the fields it may carry: the one
 * definition the CLI, the wizard and the engine read events by. A contract test holds job-lib.sh to it (each
 * {@code berth_event} names one of these, with these fields), and docs/architecture.md "The journal" is checked
 * against it. Every line also has {@code seq} and {@code ts}.
 */
public enum JournalEventType {
    JOB_START("job-start", "the job took the deployment lock and began", RELEASE, PREVIOUS, PID),
    JOB_END("job-end", "the job's last line: how it ended and which release serves now",
            STATUS, RELEASE, CURRENT, FAILED_SERVICE, MESSAGE),
    STEP_START("step-start", "a step began (for the rollback step, release is the release put back)", STEP, RELEASE),
    STEP_END("step-end", "a step succeeded", STEP, MS),
    STEP_FAILED("step-failed", "a step failed; the job rolls back or ends", STEP, EXIT, MS, MESSAGE),
    WAITING("waiting", "every 5 s of a readiness wait or probe: what is still pending", PENDING),
    IMAGE_LOADED("image-loaded", "one image tarball was loaded into the engine", FILE),
    IMAGE_RESTORED("image-restored", "a rollback tagged the previous release's image again", REF, ID),
    IMAGE_REMOVED("image-removed", "an image Berth loaded that no kept release runs was removed", ID),
    IMAGES_FORWARDED("images-forwarded", "a cluster's manager sent the images a node lacked to that node", NODE, IMAGES,
            BYTES),
    SERVICE_REMOVED("service-removed", "a stack service the new release no longer has was removed", SERVICE),
    SWARM_OBJECT_REMOVED("swarm-object-removed", "a Swarm config or secret no kept release names was removed", KIND,
            NAME),
    RELEASE_REMOVED("release-removed", "a release folder older than the last kept ones was deleted", RELEASE),
    BACKUP_TAKEN("backup-taken", "a whole backup of the live deployment was written on the server", BACKUP, BYTES, DOWN),
    BACKUP_PROGRESS("backup-progress", "every 5 s of writing a backup archive: its size so far", BYTES,
            JournalField.TOTAL),
    BACKUP_REMOVED("backup-removed", "a backup older than the last kept ones was deleted", BACKUP),
    DATA_RESTORED("data-restored", "the data, volumes and migrations record of a backup were put back", BACKUP),
    OUTPUT("output", "what a hook printed", TEXT),
    SERVICE_LOGS("service-logs", "a service failed: its last log lines", SERVICE, LINES),
    HEALTH_OUTPUT("health-output", "a service failed: its healthcheck's output", SERVICE, JournalField.OUTPUT),
    /** Sent by the job while the journal is otherwise quiet, so a follower knows the job (and the link) is alive. */
    HEARTBEAT("heartbeat", "the journal was quiet for 10 s: the job is alive, in this step", STEP);

    private final String wireName;
    private final String meaning;
    private final List<JournalField> fields;

    JournalEventType(String wireName, String meaning, JournalField... fields) {
        this.wireName = wireName;
        this.meaning = meaning;
        this.fields = List.of(fields);
    }

    /** The {@code event} value in the journal line. */
    public String wireName() {
        return wireName;
    }

    public String meaning() {
        return meaning;
    }

    /** The fields this event may carry besides seq, ts and event. */
    public List<JournalField> fields() {
        return fields;
    }

    /** The type of an {@code event} value; empty for one this Berth does not know (a newer job library). */
    public static Optional<JournalEventType> of(String wireName) {
        for (JournalEventType t : values()) {
            if (t.wireName.equals(wireName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
