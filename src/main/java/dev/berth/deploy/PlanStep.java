package dev.berth.deploy;

import dev.berth.text.Localized;
import java.util.List;

/**
 * One step of a deploy job: an id that appears in the journal, what the operator reads, and the job-library
 * function with its arguments. Pure value: tested by equality, executed only on the server.
 */
public record PlanStep(String id, Localized label, List<String> call) {
    public PlanStep {
        if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("bad step id: " + id);
        }
        call = List.copyOf(call);
    }

    public static PlanStep of(String id, Localized label, String function, List<String> args) {
        var call = new java.util.ArrayList<String>();
        call.add(function);
        call.addAll(args);
        return new PlanStep(id, label, call);
    }
}
