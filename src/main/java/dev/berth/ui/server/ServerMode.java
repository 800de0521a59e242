package dev.berth.ui.server;

/** Where the stack goes: one server, or several forming a Docker Swarm. */
public enum ServerMode {
    ONE("server.mode.one"), CLUSTER("server.mode.cluster");

    private final String labelKey;

    ServerMode(String labelKey) {
        this.labelKey = labelKey;
    }

    public String labelKey() {
        return labelKey;
    }
}
