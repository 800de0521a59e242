package dev.berth.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.bundle.YamlNode.MapNode;
import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code serviceUsers} and {@code fileOwners}, and checks that a non-root service can read the secret files it
 * mounts (docs/bundle-format.md, "Modes").
 */
final class OwnershipReader {
    private static final Pattern OWNER_PAIR = Pattern.compile("\\d{1,10}:\\d{1,10}");
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");

    private final ManifestReader r;
    private final List<BundleProblem> problems;

    OwnershipReader(ManifestReader r, List<BundleProblem> problems) {
        this.r = r;
        this.problems = problems;
    }

    /** {@code serviceUsers: {apisix: "636:636"}}: who a non-root service runs as, declared once. */
    Map<String, String> serviceUsers(MapNode m, Set<String> services) {
        MapNode u = r.map(m, "serviceUsers", "bundle.yaml");
        Map<String, String> out = new LinkedHashMap<>();
        if (u == null) {
            return out;
        }
        for (YamlNode.Entry e : u.entries().values()) {
            String owner = r.text(e.value(), "serviceUsers." + e.key());
            if (services != null && !services.contains(e.key())) {
                r.problem(e.value().line(), "serviceUsers 引用的服务 " + e.key() + " 不在 compose 文件中（有："
                        + String.join(", ", services) + "）。", "serviceUsers names service " + e.key()
                        + ", which the compose file does not define (" + String.join(", ", services) + ").");
            }
            if (owner == null) {
                continue;
            }
            if (!OWNER_PAIR.matcher(owner).matches()) {
                r.problem(e.value().line(), "serviceUsers." + e.key() + " 必须是数字形式的 uid:gid，例如 \"636:636\"。",
                        "serviceUsers." + e.key() + " must be a numeric uid:gid such as \"636:636\".");
                continue;
            }
            out.put(e.key(), owner);
        }
        return out;
    }

    /** A non-root service must be able to read the secret files it mounts (see {@link MountedSecrets}). */
    void checkMountedSecrets(MapNode m, String compose, JsonNode composeRoot, Map<String, String> serviceUsers,
            List<FileOwner> fileOwners, Set<String> secretTemplates) {
        if (composeRoot == null) {
            return;
        }
        MapNode u = r.value(m, "serviceUsers") instanceof MapNode x ? x : null;
        for (MountedSecrets.Mismatch x : MountedSecrets.mismatches(composeRoot, serviceUsers)) {
            r.problem(u.get(x.service()).keyLine(), "serviceUsers." + x.service() + " 是 " + x.declared()
                    + "，但 compose 文件中它的 user: 是 " + x.compose() + "。", "serviceUsers." + x.service() + " is "
                    + x.declared() + ", but its user: in the compose file is " + x.compose() + ".");
        }
        String composeDir = compose.contains("/") ? compose.substring(0, compose.lastIndexOf('/')) : "";
        for (MountedSecrets.Unreadable x : MountedSecrets.find(composeRoot, composeDir,
                MountedSecrets.users(composeRoot, serviceUsers), secretTemplates, fileOwners)) {
            int line = u != null && u.get(x.service()) != null ? u.get(x.service()).keyLine() : 0;
            String fix = serviceUsers.containsKey(x.service()) ? "{path: " + x.file() + ", for: " + x.service() + "}"
                    : "{path: " + x.file() + ", owner: \"" + x.user() + "\"}";
            Localized msg = Localized.of("服务 " + x.service() + " 以 " + x.user() + " 运行，并挂载了含有密钥的 " + x.file()
                    + "；该文件以 0600 属于 root 写入，服务读不到它。请在 fileOwners 中加入 " + fix + "。",
                    "service " + x.service() + " runs as " + x.user() + " and mounts " + x.file() + ", which holds"
                            + " secrets and is written 0600 for root, so the service cannot read it; add " + fix
                            + " to fileOwners.");
            if (line > 0) {
                r.problem(line, msg.zh(), msg.en());
            } else {
                problems.add(new BundleProblem("templates/" + compose, 0, msg));
            }
        }
    }

    String userFor(String service, Map<String, String> serviceUsers, int line) {
        String owner = serviceUsers.get(service);
        if (owner == null) {
            r.problem(line, "for 中的 " + service + " 不在 serviceUsers 中；请在那里写明它以哪个 uid:gid 运行。",
                    "for names " + service + ", but " + service + " is not in serviceUsers; declare the uid:gid it"
                            + " runs as there.");
        }
        return owner;
    }

    /**
     * {@code fileOwners: [{path, owner | for, mode}]}: release files a non-root container reads, given to its user.
     * A path naming a folder covers every file under it.
     */
    List<FileOwner> fileOwners(MapNode m, Set<String> templates, Set<String> files,
            Map<String, String> serviceUsers, Set<String> secretTemplates) {
        List<FileOwner> out = new ArrayList<>();
        for (YamlNode n : r.list(m, "fileOwners", "bundle.yaml")) {
            MapNode f = r.map(n, "fileOwners[]");
            if (f == null) {
                continue;
            }
            r.keys(f, "fileOwners[]", "path", "owner", "for", "mode");
            String path = r.text(f, "path", "fileOwners[]", true);
            String owner = r.text(f, "owner", "fileOwners[]", false);
            String forService = r.text(f, "for", "fileOwners[]", false);
            String modeText = r.text(f, "mode", "fileOwners[]", false);
            if (path == null) {
                continue;
            }
            String at = "fileOwners " + path;
            if ((owner == null) == (forService == null)) {
                r.problem(f.line(), at + "：请写 owner（uid:gid）或 for（serviceUsers 中的服务）之一。",
                        at + ": give either owner (uid:gid) or for (a service of serviceUsers), one of them.");
                continue;
            }
            if (owner != null && !OWNER_PAIR.matcher(owner).matches()) {
                r.problem(r.value(f, "owner").line(), at + "：owner 必须是数字形式的 uid:gid，例如 \"636:636\"。",
                        at + ": owner must be a numeric uid:gid such as \"636:636\".");
                continue;
            }
            if (forService != null) {
                owner = userFor(forService, serviceUsers, r.value(f, "for").line());
                if (owner == null) {
                    continue;
                }
            }
            String clean = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            List<String> covered = new ArrayList<>();
            for (Set<String> set : List.of(templates, files)) {
                for (String p : set) {
                    if (p.equals(clean) || p.startsWith(clean + "/")) {
                        covered.add(p);
                    }
                }
            }
            if (covered.isEmpty()) {
                r.problem(r.value(f, "path").line(), at + "：templates/ 和 files/ 中都没有这个文件或文件夹。",
                        at + ": this is neither a file nor a folder under templates/ or files/.");
                continue;
            }
            Integer mode = null;
            if (modeText != null) {
                YamlNode modeNode = r.value(f, "mode");
                if (!MODE.matcher(modeText).matches()) {
                    r.problem(modeNode.line(), at + "：mode 必须是八进制权限，写成带引号的文本，例如 \"0640\"。",
                            at + ": mode must be octal permissions written as quoted text, such as \"0640\".");
                    continue;
                }
                mode = Integer.parseInt(modeText, 8);
                if ((mode & 022) != 0) {
                    r.problem(modeNode.line(), at + "：mode " + modeText + " 让组或其他用户可以写入；只有属主可以写。",
                            at + ": mode " + modeText + " makes it writable by group or others; only its owner may"
                                    + " write it.");
                    continue;
                }
                List<String> secret = covered.stream().filter(secretTemplates::contains).toList();
                if ((mode & 07) != 0 && !secret.isEmpty()) {
                    r.problem(modeNode.line(), at + "：" + secret.get(0) + " 含有密钥，mode " + modeText
                            + " 会让所有用户都能读取；请用 \"0600\" 或 \"0640\"。", at + ": " + secret.get(0)
                            + " holds secrets, and mode " + modeText + " would let every user read it; use"
                            + " \"0600\" or \"0640\".");
                    continue;
                }
            }
            for (String p : covered) {
                if (out.stream().anyMatch(o -> o.path().equals(p))) {
                    r.problem(f.line(), at + "：" + p + " 已经在 fileOwners 中出现过。",
                            at + ": " + p + " is already given an owner above.");
                    continue;
                }
                out.add(new FileOwner(p, owner, mode));
            }
        }
        return out;
    }
}
