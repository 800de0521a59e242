package dev.berth.preflight;

import dev.berth.bundle.Requirements;
import dev.berth.target.Facts;
import java.util.Map;

/** Everything an analyzer judges. */
public record PreflightInput(Requirements req, Facts facts, Map<String, Integer> portsByParam,
                             PreflightContext ctx) {
    public PreflightInput {
        portsByParam = portsByParam == null ? Map.of() : Map.copyOf(portsByParam);
        ctx = ctx == null ? PreflightContext.of("") : ctx;
    }
}
