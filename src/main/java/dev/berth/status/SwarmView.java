package dev.berth.status;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What runs on a swarm as one manager sees it: every node, and every service of the stacks read with the task of each
 * of its slots.
 */
public record SwarmView(List<NodeRow> nodes, List<ServiceRow> services) {
    public SwarmView {
        nodes = List.copyOf(nodes);
        services = List.copyOf(services);
    }

    /** The stacks that have services here, sorted. */
    public List<String> stacks() {
        return services.stream().map(ServiceRow::stack).distinct().sorted().toList();
    }

    /** The services of one stack, sorted by name. */
    public List<ServiceRow> servicesOf(String stack) {
        return services.stream().filter(s -> s.stack().equals(stack)).toList();
    }

    /**
     * One node.
     *
     * @param status        Ready, Down, Unknown or Disconnected, as {@code docker node ls} words them
     * @param availability  Active, Pause or Drain
     * @param managerStatus Leader, Reachable or Unreachable for a manager; empty for a worker
     * @param cpus          the engine's CPUs (NanoCPUs / 1e9)
     * @param labels        the node's {@code berth.*} labels, without the prefix
     */
    public record NodeRow(String id, String hostname, String role, String status, String availability,
                          String managerStatus, double cpus, long memoryBytes, String engineVersion, String address,
                          Map<String, String> labels) {
        public NodeRow {
            // Sorted, so that they print the same every time.
            labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        }

        public boolean ready() {
            return "Ready".equals(status);
        }

        public boolean manager() {
            return "manager".equals(role);
        }
    }

    /**
     * One service of a stack.
     *
     * @param name    its name in the stack (without the {@code stack_} prefix Swarm gives it)
     * @param mode    replicated or global
     * @param running tasks running (healthy, where the service has a healthcheck) on a Ready node
     * @param desired the replicas Swarm wants (for a global service, the nodes it may run on)
     */
    public record ServiceRow(String stack, String name, String mode, int running, int desired, String image,
                             List<TaskRow> tasks) {
        public ServiceRow {
            tasks = List.copyOf(tasks);
        }

        /** Swarm's own name for it: {@code stack_name}. */
        public String swarmName() {
            return stack + "_" + name;
        }

        public boolean complete() {
            return running >= desired;
        }
    }

    /**
     * The task a slot runs now (or, when none runs, the last one it ran).
     *
     * @param slot     the replica's number, or for a global service the node it belongs to
     * @param node     the host name of the node it is on ("" while it waits for one)
     * @param state    Swarm's word for it: new, pending, assigned, preparing, starting, running, failed, …
     * @param health   healthy, starting (its healthcheck has not passed yet) or none (no healthcheck, or not up)
     * @param restarts the slot's earlier tasks that failed or that Swarm replaced (a node lost), within Swarm's task
     *                 history (5 tasks a slot unless the swarm says otherwise)
     * @param error    why it is not running, in Swarm's words (its own, or its slot's last failure while it waits to
     *                 be started again); "" when nothing is wrong
     */
    public record TaskRow(String slot, String node, String desiredState, String state, String health, int restarts,
                          String error) {}
}
