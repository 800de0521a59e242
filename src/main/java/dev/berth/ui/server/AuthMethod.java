package dev.berth.ui.server;

/** How the operator logs in to the server. */
public enum AuthMethod {
    KEY_FILE("server.auth.key"), AGENT("server.auth.agent"), PASSWORD("server.auth.password");

    private final String labelKey;

    AuthMethod(String labelKey) {
        this.labelKey = labelKey;
    }

    public String labelKey() {
        return labelKey;
    }
}
