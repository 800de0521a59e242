package dev.berth.deploy;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.RenderedRelease;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.transfer.ImageStatus;
import java.util.List;

/**
 * A release ready to go: rendered files, what happens to each image, and the job's steps. Nothing has touched the
 * server yet; the wizard's Review step shows exactly this.
 */
public record PreparedRelease(Bundle bundle, ResolvedAnswers answers, String releaseId, RenderedRelease rendered,
                              List<ImageStatus> images, DeployPlan plan) {
    public PreparedRelease {
        images = List.copyOf(images);
    }
}
