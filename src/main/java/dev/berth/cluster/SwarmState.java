package dev.berth.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One engine's view of its swarm ({@code docker info --format '{{json .Swarm}}'}).
 *
 * @param state   inactive, pending, active, locked or error
 * @param manager whether this node manages the swarm (ControlAvailable)
 */
public record SwarmState(String state, String nodeId, String nodeAddr, boolean manager, String error) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return null when the output is not docker's swarm info */
    public static SwarmState parse(String json) {
        try {
            JsonNode n = JSON.readTree(json.strip());
            if (n == null || !n.has("LocalNodeState")) {
                return null;
            }
            return new SwarmState(n.path("LocalNodeState").asText(), n.path("NodeID").asText(""),
                    n.path("NodeAddr").asText(""), n.path("ControlAvailable").asBoolean(), n.path("Error").asText(""));
        } catch (IOException e) {
            return null;
        }
    }

    public boolean active() {
        return "active".equals(state);
    }

    public boolean inactive() {
        return "inactive".equals(state);
    }
}
