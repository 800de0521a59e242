package dev.berth.transfer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which layer chains an engine has. {@code docker load} skips a layer when the chain up to it (the layer on exactly
 * these parents) exists, without opening its file; the same diffID on other parents is another chain and needs the
 * file. A chain's ID is the OCI ChainID: the first layer's diffID, then sha256 of "parent-chain diffID".
 */
public final class LayerChains {
    private final Set<String> present = new HashSet<>();
    /** Chains this deploy brings with an earlier tarball (not on the server before it). */
    private final Set<String> brought = new HashSet<>();

    /** @param imageLayers each image's diffIDs, base first (the probe's section layers) */
    public LayerChains(Collection<List<String>> imageLayers) {
        imageLayers.forEach(layers -> present.addAll(chainIds(layers)));
    }

    /** The chain ID of each layer of an image, base first. */
    public static List<String> chainIds(List<String> diffIds) {
        List<String> out = new ArrayList<>(diffIds.size());
        String chain = null;
        for (String diff : diffIds) {
            chain = chain == null ? diff : "sha256:" + Sha256.hex(chain + " " + diff);
            out.add(chain);
        }
        return out;
    }

    public boolean has(String chainId) {
        return present.contains(chainId);
    }

    /** After an image is loaded its chains are there for the next tarball of the same deploy. */
    public void add(List<String> diffIds) {
        for (String chain : chainIds(diffIds)) {
            if (present.add(chain)) {
                brought.add(chain);
            }
        }
    }

    /** True when the chain was on the server before this deploy, not brought by an earlier tarball of it. */
    public boolean onServer(String chainId) {
        return present.contains(chainId) && !brought.contains(chainId);
    }
}
