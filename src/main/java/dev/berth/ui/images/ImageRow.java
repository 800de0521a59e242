package dev.berth.ui.images;

import dev.berth.transfer.ImageStatus;

/**
 * One image of the Images step.
 *
 * @param checksum OK when the tarball matches the bundle's sha256, BAD when it does not, NONE when there is nothing
 *                 to compare (no tarball, or the bundle names no checksum)
 */
public record ImageRow(ImageStatus status, Checksum checksum) {
    public enum Checksum { OK, BAD, NONE }

    public boolean acceptable() {
        return status.state() != ImageStatus.State.MISSING && checksum != Checksum.BAD;
    }
}
