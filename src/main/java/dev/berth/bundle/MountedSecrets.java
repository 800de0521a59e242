package dev.berth.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the release files a non-root service mounts that hold secrets but are not given to its user: written 0600
 * for root, the service cannot read them, and the stack does not start (the field defect this guards against).
 * A service's user is its {@code serviceUsers} entry, else a numeric {@code user:} in the compose file.
 */
final class MountedSecrets {
    private MountedSecrets() {}

    /** One file a service cannot read. */
    record Unreadable(String service, String user, String file) {}

    /** One compose {@code user:} that disagrees with {@code serviceUsers}. */
    record Mismatch(String service, String compose, String declared) {}

    /** The numeric uid:gid each service of the compose file runs as, where known and not root. */
    static Map<String, String> users(JsonNode compose, Map<String, String> serviceUsers) {
        Map<String, String> out = new LinkedHashMap<>();
        compose.path("services").fields().forEachRemaining(svc -> {
            String declared = serviceUsers.get(svc.getKey());
            String user = svc.getValue().path("user").asText("");
            if (declared != null) {
                out.put(svc.getKey(), declared);
            } else if (user.matches("\\d+(:\\d+)?") && !user.split(":")[0].equals("0")) {
                out.put(svc.getKey(), user);
            }
        });
        return out;
    }

    static List<Mismatch> mismatches(JsonNode compose, Map<String, String> serviceUsers) {
        List<Mismatch> out = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(svc -> {
            String declared = serviceUsers.get(svc.getKey());
            String user = svc.getValue().path("user").asText("");
            if (declared != null && user.matches("\\d+(:\\d+)?") && !sameIds(user, declared)) {
                out.add(new Mismatch(svc.getKey(), user, declared));
            }
        });
        return out;
    }

    private static boolean sameIds(String compose, String declared) {
        return compose.contains(":") ? compose.equals(declared) : declared.startsWith(compose + ":");
    }

    /**
     * @param composeDir the compose file's folder inside the release ("" at the root), which {@code ./} is relative to
     * @param secret     release paths of the files that hold secrets
     */
    static List<Unreadable> find(JsonNode compose, String composeDir, Map<String, String> users, Set<String> secret,
            List<FileOwner> owners) {
        List<Unreadable> out = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(svc -> {
            String user = users.get(svc.getKey());
            if (user == null) {
                return;
            }
            for (JsonNode v : svc.getValue().path("volumes")) {
                String source = v.isTextual() ? v.asText().split(":")[0] : v.path("source").asText("");
                if (!source.startsWith("./")) {
                    continue;
                }
                String rel = (composeDir.isEmpty() ? "" : composeDir + "/") + source.substring(2);
                while (rel.endsWith("/")) {
                    rel = rel.substring(0, rel.length() - 1);
                }
                for (String s : secret) {
                    if ((rel.isEmpty() || s.equals(rel) || s.startsWith(rel + "/")) && !readable(s, user, owners)) {
                        out.add(new Unreadable(svc.getKey(), user, s));
                    }
                }
            }
        });
        return out;
    }

    /** A private file is readable by its owner, and by its group when the mode gives the group read. */
    private static boolean readable(String file, String user, List<FileOwner> owners) {
        FileOwner o = owners.stream().filter(x -> x.path().equals(file)).findFirst().orElse(null);
        if (o == null) {
            return false;
        }
        String[] have = o.owner().split(":");
        String[] want = user.split(":");
        if (have[0].equals(want[0])) {
            return true;
        }
        int mode = o.mode() == null ? 0600 : o.mode();
        return want.length > 1 && have[1].equals(want[1]) && (mode & 040) != 0;
    }
}
