package dev.berth.bundle;

import dev.berth.bundle.YamlNode.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads and checks {@code dataDirs:} of bundle.yaml (see {@link DataDir}). */
final class DataDirReader {
    /** A relative path of plain names, for data folders and action outputs. */
    static final Pattern DATA_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern OWNER = Pattern.compile("\\d+(:\\d+)?");
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");

    private final ManifestReader r;

    DataDirReader(ManifestReader r) {
        this.r = r;
    }

    List<DataDir> read(MapNode m, OwnershipReader owners, Map<String, String> serviceUsers) {
        List<DataDir> out = new ArrayList<>();
        for (YamlNode n : r.list(m, "dataDirs", "bundle.yaml")) {
            MapNode d = r.map(n, "dataDirs[]");
            if (d == null) {
                continue;
            }
            r.keys(d, "dataDirs[]", "path", "owner", "for", "mode");
            String path = r.text(d, "path", "dataDirs[]", true);
            String owner = r.text(d, "owner", "dataDirs[]", false);
            String forService = r.text(d, "for", "dataDirs[]", false);
            if (forService != null) {
                if (owner != null) {
                    r.problem(d.line(), "数据目录 '" + path + "' 只能写 owner 或 for 之一。",
                            "data dir '" + path + "' takes either owner or for, not both.");
                }
                owner = owners.userFor(forService, serviceUsers, r.value(d, "for").line());
            }
            String mode = r.text(d, "mode", "dataDirs[]", false);
            if (path != null && (!DATA_PATH.matcher(path).matches() || List.of(path.split("/")).contains(".."))) {
                r.problem(r.value(d, "path").line(), "数据目录 '" + path + "' 必须是不含 .. 的相对路径（字母、数字、._-）。",
                        "data dir '" + path + "' must be a relative path of letters, digits and ._- without '..'.");
            }
            if (owner != null && !OWNER.matcher(owner).matches()) {
                r.problem(r.value(d, "owner").line(), "owner 必须是数字形式的 uid 或 uid:gid。",
                        "owner must be a numeric uid or uid:gid.");
            }
            if (mode != null && !MODE.matcher(mode).matches()) {
                r.problem(r.value(d, "mode").line(), "mode 必须是八进制权限，写成带引号的文本，例如 \"0750\"。",
                        "mode must be octal permissions written as quoted text, such as \"0750\".");
            }
            if (path != null) {
                out.add(new DataDir(path, owner, mode));
            }
        }
        return out;
    }
}
