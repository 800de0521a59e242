package dev.berth.transfer;

import dev.berth.bundle.ImageRef;

/**
 * One image the bundle needs, as the Images step shows it.
 *
 * @param tarball the tarball found in the operator's folder, or null
 */
public record ImageStatus(ImageRef image, ImageTarball tarball, State state) {
    public enum State {
        /** Already on the server with the same image ID: nothing to send. */
        ON_SERVER,
        /** The tarball is here and will be uploaded. */
        TO_UPLOAD,
        /** Neither on the server nor in the folder. */
        MISSING
    }

    public boolean needsUpload() {
        return state == State.TO_UPLOAD;
    }
}
