package dev.berth.deploy;

import dev.berth.text.Localized;

/** What a deployment reports while it runs; the CLI prints it, the wizard binds it to its Deploy step. */
public interface DeployListener {
    /** A laptop-side phase begins (uploading images, uploading the release, starting the job). */
    default void phase(Localized what) {}

    /** Upload progress of one image tarball and of all of them. */
    default void upload(UploadTick tick) {}

    /** One journal event of the server-side job, in order, each exactly once. */
    default void event(JournalEvent event) {}

    DeployListener NONE = new DeployListener() {};
}
