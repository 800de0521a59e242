package dev.berth.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.ssh.LoginMethod;
import dev.berth.ssh.TargetSpec;
import dev.berth.text.BerthException.Category;
import dev.berth.text.Localized;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a cluster file ({@code --cluster cluster.yaml}, docs/cluster.md): the servers of a cluster target, each with
 * its login, role and labels. Every refusal is one sentence naming the node and the key.
 */
public final class ClusterFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private static final Set<String> NODE_KEYS = Set.of("name", "target", "identity", "hostKey", "jump", "role", "labels",
            "login");

    private ClusterFile() {}

    public static ClusterSpec read(Path file) throws ClusterException {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw refused(file, "无法读取（" + e.getMessage() + "）", "cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject() || !root.path("nodes").isArray() || root.path("nodes").isEmpty()) {
            throw refused(file, "需要一个 nodes: 列表，每台服务器一项", "needs a nodes: list with one entry per server");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("nodes")) {
                throw refused(file, "有未知的键 " + key, "has an unknown key " + key);
            }
        }
        Path base = file.toAbsolutePath().getParent();
        List<ClusterNode> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        int i = 0;
        for (JsonNode n : root.path("nodes")) {
            i++;
            String at = "nodes[" + i + "]";
            if (!n.isObject()) {
                throw refused(file, at + " 不是一个映射", at + " is not a mapping");
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!NODE_KEYS.contains(key)) {
                    throw refused(file, at + " 有未知的键 " + key, at + " has an unknown key " + key);
                }
            }
            String name = n.path("name").asText("");
            if (!NAME.matcher(name).matches()) {
                throw refused(file, at + " 的 name 必须是小写字母、数字和 -", at + ": name must be lower-case letters, digits and -");
            }
            at = "node " + name;
            if (!names.add(name)) {
                throw refused(file, at + " 出现了两次", at + " is listed twice");
            }
            TargetSpec target;
            try {
                target = TargetSpec.parse(n.path("target").asText(""));
                if (n.hasNonNull("jump")) {
                    target = target.withJump(TargetSpec.parse(n.path("jump").asText()));
                }
            } catch (IllegalArgumentException e) {
                throw refused(file, at + " 的 target：" + e.getMessage(), at + ": target: " + e.getMessage());
            }
            if (!addresses.add(target.host() + ":" + target.port())) {
                throw refused(file, at + " 与另一台节点的地址相同（" + target.host() + "）",
                        at + " has the same address as another node (" + target.host() + ")");
            }
            if (n.hasNonNull("identity")) {
                Path key = base.resolve(expandHome(n.path("identity").asText()));
                if (!Files.isReadable(key)) {
                    throw refused(file, at + " 的私钥文件 " + key + " 无法读取", at + ": the key file " + key + " cannot be read");
                }
                target = target.withIdentity(key);
            }
            if (n.hasNonNull("hostKey")) {
                String fp = n.path("hostKey").asText();
                if (!fp.startsWith("SHA256:")) {
                    throw refused(file, at + " 的 hostKey 应为 SHA256:... 形式的指纹",
                            at + ": hostKey takes a fingerprint of the form SHA256:...");
                }
                target = target.withHostKey(fp);
            }
            String role = n.path("role").asText("worker");
            ClusterNode.Role r = switch (role) {
                case "manager" -> ClusterNode.Role.MANAGER;
                case "worker" -> ClusterNode.Role.WORKER;
                default -> throw refused(file, at + " 的 role 必须是 manager 或 worker（写的是 " + role + "）",
                        at + ": role must be manager or worker (it says " + role + ")");
            };
            List<String> labels = new ArrayList<>();
            for (JsonNode l : n.path("labels")) {
                if (!LABEL.matcher(l.asText()).matches()) {
                    throw refused(file, at + " 的标签 " + l.asText() + " 只能包含小写字母、数字和 _.-",
                            at + ": label " + l.asText() + " may only hold lower-case letters, digits and _.-");
                }
                labels.add(l.asText());
            }
            String word = n.path("login").asText("key");
            LoginMethod login = LoginMethod.of(word);
            if (login == null) {
                throw refused(file, at + " 的 login 必须是 key、agent 或 password（写的是 " + word + "）",
                        at + ": login must be key, agent or password (it says " + word + ")");
            }
            nodes.add(new ClusterNode(name, target, r, labels, login));
        }
        long managers = nodes.stream().filter(ClusterNode::manager).count();
        if (managers != 1 && managers != 3 && managers != 5) {
            // Raft needs a majority: 2 managers survive no loss better than 1, and an even count splits votes.
            throw refused(file, "需要 1、3 或 5 台 manager（写了 " + managers + " 台）：Swarm 的管理节点靠多数票工作",
                    "needs 1, 3 or 5 managers (it lists " + managers + "): a swarm's managers work by majority");
        }
        return new ClusterSpec(nodes);
    }

    private static String expandHome(String path) {
        return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }

    private static ClusterException refused(Path file, String zh, String en) {
        return new ClusterException(Category.INVALID_INPUT, Localized.of("集群文件 " + file + " " + zh + "。",
                "The cluster file " + file + " " + en + "."));
    }
}
