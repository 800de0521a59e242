package dev.berth.deploy;

import java.util.List;
import java.util.Map;

/**
 * What a deploy to a cluster target adds to its plan: the stack, one file per stage (the job deploys them in order on
 * the manager), every service the stack has (what is not among them is removed once the release is up), and which
 * images the manager forwards to which node.
 *
 * @param stageFiles stage name → its stack document, in stage order
 */
public record SwarmPlan(Map<String, String> stageFiles, List<String> services, List<Forward> forwards) {
    /** The images a node may run and lacks, sent to it by the manager (ssh at its address in the swarm). */
    public record Forward(String node, String user, String host, int port, List<String> refs) {
        public Forward {
            refs = List.copyOf(refs);
        }
    }

    public SwarmPlan {
        stageFiles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageFiles));
        services = List.copyOf(services);
        forwards = List.copyOf(forwards);
    }

    /** Where the release carries the stack files, relative to its root. */
    public static String stackFile(String stage) {
        return ".berth/stack/" + stage + ".yml";
    }

    /** The release's list of its stack's services (for the rollback's removal of what a failed release added). */
    public static final String SERVICES_FILE = ".berth/stack/services";
}
