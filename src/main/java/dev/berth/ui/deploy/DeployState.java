package dev.berth.ui.deploy;

/**
 * Where the deploy step is. One value instead of a set of booleans, so no two flags can disagree; the view's
 * running/disconnected/succeeded properties are derived from it.
 */
public enum DeployState {
    /** Nothing sent or followed yet. */
    IDLE(false, false, false),
    /** Uploading and running the job started from this step. */
    RUNNING(true, false, false),
    /** Following a job again after a dropped link or after Berth was reopened. */
    REATTACHING(true, false, false),
    /** The link dropped; the job goes on on the server and Reattach follows it again. */
    DISCONNECTED(true, true, false),
    SUCCEEDED(false, false, true),
    FAILED(false, false, false);

    final boolean running;
    final boolean disconnected;
    final boolean succeeded;

    DeployState(boolean running, boolean disconnected, boolean succeeded) {
        this.running = running;
        this.disconnected = disconnected;
        this.succeeded = succeeded;
    }
}
