package dev.berth.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.Parameter;
import dev.berth.ssh.TargetSpec;
import dev.berth.text.Localized;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of one profile file (docs/profiles.md): plain YAML for everything but secret answers, which appear
 * only under {@code secrets:} as {@code <scheme>:<sealed text>} with the value kept by a {@link SecretVault}.
 */
final class ProfileFile {
    static final int VERSION = 1;
    private static final String HEADER = """
            # Berth profile: a saved deployment. Secret answers are not in this file; each entry under
            # secrets: names where it is kept (aes-gcm: sealed with ../profile.key, keyring: the OS keyring).
            # Edit with care; see docs/profiles.md.
            """;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private ProfileFile() {}

    static String write(Profile p, Bundle bundle, SecretVault vault) throws ProfileException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("berthProfile", VERSION);
        root.put("name", p.name());
        root.put("bundle", p.bundleId());
        root.put("bundleDir", p.bundleDir() == null ? null : p.bundleDir().toAbsolutePath().normalize().toString());
        root.put("savedAt", p.savedAt().toString());
        if (p.isCluster()) {
            // The cluster file's shape under cluster:, the shared install directory beside it.
            root.put("installDir", p.target().installDir());
            root.put("cluster", ClusterNodes.toYaml(p.cluster()));
        } else {
            root.put("target", target(p.target(), true));
        }
        Map<String, Object> plain = new LinkedHashMap<>();
        Map<String, Object> secrets = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : p.answers().entrySet()) {
            String name = e.getKey();
            Object value = e.getValue();
            Parameter param = bundle.parameter(name);
            if (param != null && param.isSecret()) {
                if (value != null) {
                    secrets.put(name, seal(vault, p.name(), name, value));
                }
            } else if (param != null && value instanceof List<?> entries && param.fields().stream().anyMatch(Parameter::isSecret)) {
                plain.put(name, splitList(vault, p.name(), name, param, entries, secrets));
            } else {
                plain.put(name, value);
            }
        }
        root.put("answers", plain);
        root.put("secrets", secrets);
        try {
            return HEADER + YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Object> splitList(SecretVault vault, String profile, String name, Parameter param,
                                          List<?> entries, Map<String, Object> secrets) throws ProfileException {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                out.add(entries.get(i));
                continue;
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> f : entry.entrySet()) {
                String field = String.valueOf(f.getKey());
                Parameter fp = param.field(field);
                if (fp != null && fp.isSecret()) {
                    if (f.getValue() != null) {
                        String path = name + "[" + i + "]." + field;
                        secrets.put(path, seal(vault, profile, path, f.getValue()));
                    }
                } else {
                    copy.put(field, f.getValue());
                }
            }
            out.add(copy);
        }
        return out;
    }

    private static String seal(SecretVault vault, String profile, String path, Object value) throws ProfileException {
        return vault.scheme() + ":" + vault.seal(profile, path, String.valueOf(value));
    }

    private static Map<String, Object> target(TargetSpec t, boolean withInstallDir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", t.user());
        m.put("host", t.host());
        m.put("port", t.port());
        m.put("identity", t.identity() == null ? null : t.identity().toString());
        m.put("hostKey", t.hostKey());
        if (t.jump() != null) {
            m.put("jump", target(t.jump(), false));
        }
        if (withInstallDir) {
            m.put("installDir", t.installDir());
        }
        return m;
    }

    /** @param vaults where secrets are opened; null leaves the secret answers out */
    static Profile read(String name, String text, Map<String, SecretVault> vaults) throws ProfileException {
        Object parsed;
        try {
            parsed = text.isBlank() ? null : YAML.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw bad(name, "第 " + line + " 行不是有效的 YAML", "is not valid YAML at line " + line);
        }
        if (!(parsed instanceof Map<?, ?> root)) {
            throw bad(name, "不是 YAML 映射", "is not a YAML mapping");
        }
        Object version = root.get("berthProfile");
        if (!(version instanceof Number v) || v.intValue() != VERSION) {
            throw bad(name, "不是本版本 Berth 能读的配置档（berthProfile: " + version + "）",
                    "is not a profile this Berth reads (berthProfile: " + version + ")");
        }
        String bundle = string(root.get("bundle"));
        if (bundle == null || bundle.isBlank()) {
            throw bad(name, "缺少 bundle", "has no bundle");
        }
        String dir = string(root.get("bundleDir"));
        Instant savedAt;
        try {
            savedAt = root.get("savedAt") == null ? Instant.EPOCH : Instant.parse(String.valueOf(root.get("savedAt")));
        } catch (DateTimeParseException e) {
            throw bad(name, "savedAt 不是时间", "has a savedAt that is not a time");
        }
        List<ProfileNode> cluster = List.of();
        TargetSpec target;
        if (root.get("cluster") != null) {
            if (root.get("target") != null) {
                throw bad(name, "同时有 target 和 cluster，只能有一个", "has both a target and a cluster; it takes one");
            }
            cluster = ClusterNodes.read(name, root.get("cluster"));
            target = cluster.stream().filter(ProfileNode::manager).findFirst().orElseThrow().target()
                    .withInstallDir(string(root.get("installDir")));
        } else {
            target = target(name, root.get("target"), true);
        }
        Map<String, Object> answers = new LinkedHashMap<>();
        if (root.get("answers") instanceof Map<?, ?> a) {
            a.forEach((k, x) -> answers.put(String.valueOf(k), normalize(x)));
        } else if (root.get("answers") != null) {
            throw bad(name, "answers 不是映射", "has answers that are not a mapping");
        }
        if (vaults == null) {
            // Secrets left out on purpose.
        } else if (root.get("secrets") instanceof Map<?, ?> s) {
            for (Map.Entry<?, ?> e : s.entrySet()) {
                String path = String.valueOf(e.getKey());
                insert(name, answers, path, open(name, path, string(e.getValue()), vaults));
            }
        } else if (root.get("secrets") != null) {
            throw bad(name, "secrets 不是映射", "has secrets that are not a mapping");
        }
        return new Profile(name, bundle, dir == null ? null : Path.of(dir), target, answers, savedAt, cluster);
    }

    /** True when some secret of the file is kept by the vault of {@code scheme} (false for a file that does not parse). */
    static boolean keepsSecretsIn(String text, String scheme) {
        try {
            if (YAML.readValue(text, Object.class) instanceof Map<?, ?> root && root.get("secrets") instanceof Map<?, ?> s) {
                return s.values().stream().anyMatch(v -> String.valueOf(v).startsWith(scheme + ":"));
            }
        } catch (JsonProcessingException e) {
            // Unreadable: nothing to clean up elsewhere that Berth can name.
        }
        return false;
    }

    private static String open(String profile, String path, String stored, Map<String, SecretVault> vaults)
            throws ProfileException {
        int colon = stored == null ? -1 : stored.indexOf(':');
        SecretVault vault = colon < 0 ? null : vaults.get(stored.substring(0, colon));
        if (vault == null) {
            throw bad(profile, "密钥 " + path + " 的存放方式无法识别", "keeps the secret " + path + " in a way Berth does not know");
        }
        return vault.open(profile, path, stored.substring(colon + 1));
    }

    /** Puts a secret back: {@code NAME}, or {@code LIST[i].FIELD} into entry i of the list answer. */
    @SuppressWarnings("unchecked")
    private static void insert(String profile, Map<String, Object> answers, String path, String value) throws ProfileException {
        int open = path.indexOf('[');
        if (open < 0) {
            answers.put(path, value);
            return;
        }
        int close = path.indexOf("].", open);
        int index;
        try {
            index = close < 0 ? -1 : Integer.parseInt(path.substring(open + 1, close));
        } catch (NumberFormatException e) {
            index = -1;
        }
        Object list = answers.get(path.substring(0, open));
        if (index < 0 || !(list instanceof List<?> entries) || index >= entries.size()
                || !(entries.get(index) instanceof Map<?, ?>)) {
            throw bad(profile, "密钥 " + path + " 找不到它所属的列表项", "has the secret " + path + " but no list entry for it");
        }
        ((Map<String, Object>) entries.get(index)).put(path.substring(close + 2), value);
    }

    private static TargetSpec target(String profile, Object node, boolean top) throws ProfileException {
        if (!(node instanceof Map<?, ?> m)) {
            throw bad(profile, top ? "缺少 target" : "jump 不是映射", top ? "has no target" : "has a jump that is not a mapping");
        }
        String host = string(m.get("host"));
        if (host == null || host.isBlank()) {
            throw bad(profile, "target 缺少 host", "has a target without a host");
        }
        int port = m.get("port") instanceof Number n ? n.intValue() : TargetSpec.DEFAULT_PORT;
        if (port <= 0 || port > 65535) {
            throw bad(profile, "target 的端口 " + port + " 无效", "has a target port " + port + " out of range");
        }
        String identity = string(m.get("identity"));
        TargetSpec jump = m.get("jump") == null ? null : target(profile, m.get("jump"), false);
        return new TargetSpec(string(m.get("user")), host, port, identity == null ? null : Path.of(identity),
                string(m.get("hostKey")), jump, string(m.get("installDir")));
    }

    /** YAML reads small whole numbers as Integer; answers use Long, as the resolver does. */
    private static Object normalize(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(normalize(x)));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(String.valueOf(k), normalize(x)));
            return out;
        }
        return v;
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static ProfileException bad(String name, String zh, String en) {
        return new ProfileException(Localized.of("配置档 " + name + " " + zh + "。", "Profile " + name + " " + en + "."));
    }
}
