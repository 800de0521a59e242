package dev.berth.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.berth.ssh.LoginMethod;
import dev.berth.ssh.TargetSpec;
import dev.berth.text.Localized;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A profile's {@code cluster:}: the node list in the cluster file's own shape (docs/cluster.md), so it can be copied
 * into a cluster.yaml as it is. The rules are the cluster file's; {@code cluster.ClusterFile} still reads the file a
 * cluster deploy is given, so a profile cannot hold a list that file would refuse.
 */
public final class ClusterNodes {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private static final Set<String> NODE_KEYS = Set.of("name", "target", "identity", "hostKey", "jump", "role", "labels",
            "login");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private ClusterNodes() {}

    /** The {@code nodes:} mapping as the cluster file writes it (identity paths absolute). */
    public static Map<String, Object> toYaml(List<ProfileNode> nodes) {
        List<Object> list = new ArrayList<>();
        for (ProfileNode n : nodes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", n.name());
            TargetSpec t = n.target();
            m.put("target", new TargetSpec(t.user(), t.host(), t.port(), null, null, null, null).display());
            if (t.identity() != null) {
                m.put("identity", t.identity().toAbsolutePath().toString());
            }
            if (t.hostKey() != null) {
                m.put("hostKey", t.hostKey());
            }
            if (t.jump() != null) {
                m.put("jump", t.jump().display());
            }
            m.put("role", n.role());
            if (n.login() != LoginMethod.KEY) {
                m.put("login", n.login().word());
            }
            if (!n.labels().isEmpty()) {
                m.put("labels", n.labels());
            }
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("nodes", list);
        return root;
    }

    /** A cluster file's text for these nodes (what {@code berth deploy --cluster} reads). */
    public static String clusterFile(List<ProfileNode> nodes) {
        try {
            return "# Written by Berth from a cluster profile.\n" + YAML.writeValueAsString(toYaml(nodes));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code cluster:} of profile {@code profile}; a bad list is one sentence naming the node and the key. */
    static List<ProfileNode> read(String profile, Object cluster) throws ProfileException {
        if (!(cluster instanceof Map<?, ?> root) || !(root.get("nodes") instanceof List<?> entries) || entries.isEmpty()) {
            throw bad(profile, "需要 nodes: 列表，每台服务器一项", "needs a nodes: list with one entry per server");
        }
        for (Object key : root.keySet()) {
            if (!"nodes".equals(key)) {
                throw bad(profile, "有未知的键 " + key, "has an unknown key " + key);
            }
        }
        List<ProfileNode> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        int i = 0;
        for (Object entry : entries) {
            i++;
            String at = "nodes[" + i + "]";
            if (!(entry instanceof Map<?, ?> n)) {
                throw bad(profile, at + " 不是映射", at + " is not a mapping");
            }
            for (Object key : n.keySet()) {
                if (!NODE_KEYS.contains(String.valueOf(key))) {
                    throw bad(profile, at + " 有未知的键 " + key, at + " has an unknown key " + key);
                }
            }
            String name = text(n.get("name"));
            if (name == null || !NAME.matcher(name).matches()) {
                throw bad(profile, at + " 的 name 必须是小写字母、数字和 -", at + ": name must be lower-case letters, digits and -");
            }
            at = "node " + name;
            if (!names.add(name)) {
                throw bad(profile, at + " 出现了两次", at + " is listed twice");
            }
            TargetSpec target;
            try {
                target = TargetSpec.parse(text(n.get("target")) == null ? "" : text(n.get("target")));
                if (n.get("jump") != null) {
                    target = target.withJump(TargetSpec.parse(text(n.get("jump"))));
                }
            } catch (IllegalArgumentException e) {
                throw bad(profile, at + " 的 target：" + e.getMessage(), at + ": target: " + e.getMessage());
            }
            if (!addresses.add(target.host() + ":" + target.port())) {
                throw bad(profile, at + " 与另一台节点的地址相同（" + target.host() + "）",
                        at + " has the same address as another node (" + target.host() + ")");
            }
            if (n.get("identity") != null) {
                target = target.withIdentity(Path.of(text(n.get("identity"))));
            }
            if (n.get("hostKey") != null) {
                String fp = text(n.get("hostKey"));
                if (!fp.startsWith("SHA256:")) {
                    throw bad(profile, at + " 的 hostKey 应为 SHA256:... 形式的指纹",
                            at + ": hostKey takes a fingerprint of the form SHA256:...");
                }
                target = target.withHostKey(fp);
            }
            String role = n.get("role") == null ? "worker" : text(n.get("role"));
            if (!role.equals("manager") && !role.equals("worker")) {
                throw bad(profile, at + " 的 role 必须是 manager 或 worker（写的是 " + role + "）",
                        at + ": role must be manager or worker (it says " + role + ")");
            }
            List<String> labels = new ArrayList<>();
            if (n.get("labels") != null && !(n.get("labels") instanceof List<?>)) {
                throw bad(profile, at + " 的 labels 应为列表", at + ": labels takes a list");
            }
            for (Object l : n.get("labels") == null ? List.of() : (List<?>) n.get("labels")) {
                String label = String.valueOf(l);
                if (!LABEL.matcher(label).matches()) {
                    throw bad(profile, at + " 的标签 " + label + " 只能包含小写字母、数字和 _.-",
                            at + ": label " + label + " may only hold lower-case letters, digits and _.-");
                }
                labels.add(label);
            }
            String word = n.get("login") == null ? "key" : text(n.get("login"));
            LoginMethod login = LoginMethod.of(word);
            if (login == null) {
                throw bad(profile, at + " 的 login 必须是 key、agent 或 password", at + ": login must be key, agent or password");
            }
            nodes.add(new ProfileNode(name, target, role.equals("manager"), labels, login));
        }
        long managers = nodes.stream().filter(ProfileNode::manager).count();
        if (managers != 1 && managers != 3 && managers != 5) {
            // As the cluster file: a swarm's managers decide by majority.
            throw bad(profile, "需要 1、3 或 5 台 manager（列了 " + managers + " 台）",
                    "needs 1, 3 or 5 managers (it lists " + managers + ")");
        }
        return nodes;
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static ProfileException bad(String profile, String zh, String en) {
        return new ProfileException(Localized.of("配置档 " + profile + " 的 cluster: " + zh + "。",
                "Profile " + profile + ": cluster: " + en + "."));
    }
}
