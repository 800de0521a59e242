package dev.berth.cluster;

import dev.berth.text.BerthException;
import dev.berth.text.Localized;

/** A cluster file Berth cannot use, or a swarm it will not form or change; the sentence says which and why. */
public final class ClusterException extends BerthException {
    public ClusterException(Category category, Localized sentence) {
        super(category, sentence);
    }
}
