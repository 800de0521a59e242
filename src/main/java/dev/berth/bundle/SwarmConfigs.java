package dev.berth.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.text.Localized;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Release files a service bind-mounts, as Swarm configs (or secrets, for a file only its owner may read): a node that
 * runs a task has no release folder, but every node gets the configs from the managers. Each is named after its path
 * and the digest of its content, because a Swarm config cannot change: an unchanged file keeps its name, so a redeploy
 * leaves the service alone, and a changed one gets a new name, which rolls the service.
 */
final class SwarmConfigs {
    /** What Swarm takes as one config or secret (swarmkit's MaxConfigSize and MaxSecretSize). */
    static final int MAX_BYTES = 500 * 1024;
    /** The longest name Swarm accepts for a config or secret. */
    static final int MAX_NAME = 64;

    private final Map<String, RenderedFile> files = new LinkedHashMap<>();
    private final String releaseDir;
    private final String project;
    private final ObjectNode configs;
    private final ObjectNode secrets;
    /** The top-level key each release path got, and back, so two paths never share one. */
    private final Map<String, String> keyOfPath = new HashMap<>();
    private final Map<String, String> pathOfKey = new HashMap<>();

    /**
     * @param root the stack; its top-level {@code configs:} and {@code secrets:} receive the files, and the keys it
     *             already has there are never reused
     */
    SwarmConfigs(ObjectNode root, List<RenderedFile> files, String releaseDir, String project) {
        for (RenderedFile f : files) {
            this.files.put(f.path(), f);
        }
        this.releaseDir = releaseDir.endsWith("/") ? releaseDir.substring(0, releaseDir.length() - 1) : releaseDir;
        this.project = project;
        this.configs = section(root, "configs");
        this.secrets = section(root, "secrets");
        configs.fieldNames().forEachRemaining(k -> pathOfKey.put(k, null));
        secrets.fieldNames().forEachRemaining(k -> pathOfKey.put(k, null));
    }

    private static ObjectNode section(ObjectNode root, String name) {
        return root.get(name) instanceof ObjectNode o ? o : root.putObject(name);
    }

    /** Removes the empty sections again, so a stack without release files has none. */
    void finish(ObjectNode root) {
        for (String name : List.of("configs", "secrets")) {
            if (root.get(name) instanceof ObjectNode o && o.isEmpty()) {
                root.remove(name);
            }
        }
    }

    /**
     * A compose file's own {@code configs:}/{@code secrets:} with a relative {@code file:} point into the release: the
     * stage file is written elsewhere, and a relative path would be read from there.
     */
    void anchorOwnFiles() {
        for (ObjectNode section : List.of(configs, secrets)) {
            for (JsonNode entry : section) {
                if (entry instanceof ObjectNode o && o.path("file").isTextual()) {
                    String file = o.get("file").asText();
                    String path = releasePath(file);
                    if (path != null && !file.startsWith("/")) {
                        o.put("file", path.isEmpty() ? releaseDir : releaseDir + "/" + path);
                    }
                }
            }
        }
    }

    /** Every bind mount of the service that names release files becomes configs and secrets of the service. */
    void convert(String service, ObjectNode svc, List<Localized> changes, List<Localized> problems) {
        if (!(svc.get("volumes") instanceof ArrayNode volumes)) {
            return;
        }
        String at = "service " + service;
        for (Iterator<JsonNode> it = volumes.iterator(); it.hasNext(); ) {
            Mount m = Mount.of(it.next());
            if (m == null) {
                continue;
            }
            String path = releasePath(m.source());
            if (path == null) {
                continue; // a data folder, a socket: stays a bind mount on its node
            }
            List<RenderedFile> named = below(path);
            if (named.isEmpty()) {
                problems.add(Localized.of(at + "：挂载的 " + m.source() + " 不是发布中的文件或目录。",
                        at + ": the mount " + m.source() + " names no file or folder of the release."));
                continue;
            }
            for (RenderedFile f : named) {
                if (f.content().length > MAX_BYTES) {
                    problems.add(Localized.of(at + "：" + f.path() + " 有 " + f.content().length
                                    + " 字节，Swarm 配置最多 500 KB。",
                            at + ": " + f.path() + " is " + f.content().length
                                    + " bytes; a Swarm config holds at most 500 KB."));
                    continue;
                }
                String rest = f.path().equals(path) ? "" : f.path().substring(path.isEmpty() ? 0 : path.length() + 1);
                attach(svc, f, rest.isEmpty() ? m.target() : m.target().replaceAll("/+$", "") + "/" + rest);
            }
            it.remove();
            String n = String.valueOf(named.size());
            changes.add(m.readOnly()
                    ? Localized.of(at + "：" + m.source() + " → " + n + " 个 Swarm 配置/密钥（只读）",
                            at + ": " + m.source() + " → " + n + " Swarm configs/secrets (read-only)")
                    : Localized.of(at + "：" + m.source() + " → " + n + " 个 Swarm 配置/密钥（只读；原挂载可写）",
                            at + ": " + m.source() + " → " + n
                                    + " Swarm configs/secrets (read-only; the mount was writable)"));
        }
        if (volumes.isEmpty()) {
            svc.remove("volumes");
        }
    }

    /** A secret when only the file's owner may read it (0600, 0400): Swarm keeps secrets encrypted at rest. */
    static boolean isSecret(RenderedFile f) {
        return (f.mode() & 077) == 0;
    }

    private void attach(ObjectNode svc, RenderedFile f, String target) {
        boolean secret = isSecret(f);
        String key = keyOf(f.path());
        ObjectNode section = secret ? secrets : configs;
        if (!section.has(key)) {
            ObjectNode entry = section.putObject(key);
            entry.put("name", name(project, key, f.content()));
            entry.put("file", releaseDir + "/" + f.path());
        }
        String listName = secret ? "secrets" : "configs";
        ArrayNode list = svc.get(listName) instanceof ArrayNode a ? a : svc.putArray(listName);
        ObjectNode ref = list.addObject();
        ref.put("source", key);
        ref.put("target", target);
        if (f.owner() != null) {
            String[] ids = f.owner().split(":", 2);
            // The 3.x schema docker stack reads has uid and gid as strings, mode as a number.
            ref.put("uid", ids[0]);
            ref.put("gid", ids.length > 1 ? ids[1] : ids[0]);
        }
        ref.put("mode", f.mode());
    }

    /** The path with every character a key may not hold as '-'; a second path that would spell the same is told apart. */
    private String keyOf(String path) {
        String known = keyOfPath.get(path);
        if (known != null) {
            return known;
        }
        String key = sanitized(path);
        if (pathOfKey.containsKey(key)) {
            key = key + "-" + sha256(path.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
        }
        keyOfPath.put(path, key);
        pathOfKey.put(key, path);
        return key;
    }

    static String sanitized(String path) {
        return path.replaceAll("[^A-Za-z0-9_.-]", "-");
    }

    /**
     * {@code <project>_<key>_<first 12 hex of sha256(content)>}; a key too long for Swarm's 64 characters keeps its
     * end (the file's name says most).
     */
    static String name(String project, String key, byte[] content) {
        String digest = sha256(content).substring(0, 12);
        int room = MAX_NAME - project.length() - digest.length() - 2;
        String part = key.length() > room ? key.substring(key.length() - Math.max(room, 1)) : key;
        return project + "_" + part + "_" + digest;
    }

    /** The release files a mount of {@code path} shows: the file itself, or every file below the folder. */
    private List<RenderedFile> below(String path) {
        List<RenderedFile> out = new ArrayList<>();
        for (RenderedFile f : files.values()) {
            if (path.isEmpty() || f.path().equals(path) || f.path().startsWith(path + "/")) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * The release-relative path a bind-mount source names ("" for the release root), or null when it is outside the
     * release (an absolute path elsewhere, a home directory); a relative path that climbs out of the release is ""
     * and its own segment: it names no release file.
     */
    String releasePath(String source) {
        String rel;
        if (source.startsWith("~")) {
            return null;
        } else if (source.equals(releaseDir)) {
            return "";
        } else if (source.startsWith(releaseDir + "/")) {
            rel = source.substring(releaseDir.length() + 1);
        } else if (source.startsWith("/")) {
            return null;
        } else {
            rel = source;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String p : rel.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return "../" + rel; // outside the release: matches no release file
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One bind mount of a service, short ({@code ./conf:/etc/app:ro}) or long ({@code type: bind}) syntax. */
    record Mount(String source, String target, boolean readOnly) {
        /** The bind mount, or null for a volume, a tmpfs or an anonymous volume. */
        static Mount of(JsonNode v) {
            if (v.isTextual()) {
                String[] parts = v.asText().split(":", 3);
                if (parts.length < 2 || !isPath(parts[0])) {
                    return null;
                }
                boolean ro = parts.length == 3 && List.of(parts[2].split(",")).contains("ro");
                return new Mount(parts[0], parts[1], ro);
            }
            if (v.isObject() && v.path("type").asText("").equals("bind") && v.path("source").isTextual()) {
                return new Mount(v.path("source").asText(), v.path("target").asText(""),
                        v.path("read_only").asBoolean(false));
            }
            return null;
        }

        /** As Compose tells a short-syntax path from a volume name. */
        private static boolean isPath(String source) {
            return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
        }
    }
}
