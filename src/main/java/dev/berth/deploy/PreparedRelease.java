package dev.berth.deploy;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.RenderedRelease;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.transfer.ImageStatus;
import dev.berth.transfer.Codec;
import dev.berth.transfer.TransferPlan;
import java.util.List;

/**
 * A release ready to go: rendered files, what happens to each image and what of it is sent, and the job's steps. Nothing has touched the
 * server yet; the wizard's Review step shows exactly this.
 */
public record PreparedRelease(Bundle bundle, ResolvedAnswers answers, String releaseId, RenderedRelease rendered,
                              List<ImageStatus> images, DeployPlan plan, TransferPlan transfer, Upgrade upgrade) {
    public PreparedRelease {
        images = List.copyOf(images);
    }

    /** Not an upgrade (a first deploy, or the same version and images again). */
    public PreparedRelease(Bundle bundle, ResolvedAnswers answers, String releaseId, RenderedRelease rendered,
                           List<ImageStatus> images, DeployPlan plan, TransferPlan transfer) {
        this(bundle, answers, releaseId, rendered, images, plan, transfer, null);
    }

    /** The backup whose data this deploy puts back (a restore), or null. */
    public String restoreId() {
        return argOf("restore_data");
    }

    /** The backup this deploy takes before it changes anything, or null. */
    public String backupId() {
        return argOf("take_backup");
    }

    private String argOf(String function) {
        return plan.steps().stream().filter(s -> s.call().get(0).equals(function)).map(s -> s.call().get(1))
                .findFirst().orElse(null);
    }

    /** A release whose server layers are not known: every layer of each tarball to upload is sent. */
    public PreparedRelease(Bundle bundle, ResolvedAnswers answers, String releaseId, RenderedRelease rendered,
                           List<ImageStatus> images, DeployPlan plan) {
        this(bundle, answers, releaseId, rendered, images, plan, TransferPlan.of(images, null, Codec.GZIP));
    }
}
