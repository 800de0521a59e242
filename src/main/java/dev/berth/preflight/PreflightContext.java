package dev.berth.preflight;

/**
 * What preflight needs to know besides the requirements and the facts.
 *
 * @param composeProject the bundle's compose project: ports its own running containers hold are not conflicts
 */
public record PreflightContext(String composeProject) {
    public static PreflightContext of(String composeProject) {
        return new PreflightContext(composeProject == null ? "" : composeProject);
    }
}
