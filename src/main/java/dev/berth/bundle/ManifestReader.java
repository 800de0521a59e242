package dev.berth.bundle;

import com.fasterxml.jackson.core.JsonToken;
import dev.berth.bundle.YamlNode.Entry;
import dev.berth.bundle.YamlNode.ListNode;
import dev.berth.bundle.YamlNode.MapNode;
import dev.berth.bundle.YamlNode.Scalar;
import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Typed access to a YAML tree that records a problem (with the node's line) for every unknown key, missing
 * key or wrong type, and carries on so that one load reports everything.
 */
final class ManifestReader {
    final String file;
    final List<BundleProblem> problems;

    ManifestReader(String file, List<BundleProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    void problem(int line, String zh, String en) {
        problems.add(new BundleProblem(file, line, Localized.of(zh, en)));
    }

    /** Reports every key of {@code m} not in {@code allowed}. */
    void keys(MapNode m, String where, String... allowed) {
        Set<String> ok = new LinkedHashSet<>(Arrays.asList(allowed));
        for (Entry e : m.entries().values()) {
            if (!ok.contains(e.key())) {
                problem(e.keyLine(), where + " 中有未知的键 '" + e.key() + "'（可用：" + String.join(", ", ok) + "）。",
                        "unknown key '" + e.key() + "' in " + where + " (allowed: " + String.join(", ", ok) + ").");
            }
        }
    }

    private void wrongType(YamlNode n, String what, String expected) {
        problem(n.line(), what + " 应为" + zh(expected) + "，实际是" + zh(n.kind()) + "。",
                what + " must be " + expected + ", not " + n.kind() + ".");
    }

    private static String zh(String kind) {
        return switch (kind) {
            case "mapping", "a mapping" -> "映射";
            case "list", "a list" -> "列表";
            case "text" -> "文本";
            case "number" -> "数字";
            case "a whole number" -> "整数";
            case "true/false" -> "true/false";
            case "a {zh, en} mapping" -> "{zh, en} 映射";
            default -> kind;
        };
    }

    YamlNode value(MapNode m, String key) {
        Entry e = m.get(key);
        if (e == null || (e.value() instanceof Scalar s && s.isNull())) {
            return null;
        }
        return e.value();
    }

    boolean has(MapNode m, String key) {
        return value(m, key) != null;
    }

    void missing(MapNode m, String key, String where) {
        problem(m.line(), where + " 缺少 '" + key + "'。", where + " is missing '" + key + "'.");
    }

    MapNode map(YamlNode n, String what) {
        if (n == null) {
            return null;
        }
        if (n instanceof MapNode m) {
            return m;
        }
        wrongType(n, what, "a mapping");
        return null;
    }

    MapNode map(MapNode m, String key, String where) {
        return map(value(m, key), where + "." + key);
    }

    /** The items of a list; a missing key gives an empty list, a wrong type a problem and an empty list. */
    List<YamlNode> list(MapNode m, String key, String where) {
        YamlNode n = value(m, key);
        if (n == null) {
            return List.of();
        }
        if (n instanceof ListNode l) {
            return l.items();
        }
        wrongType(n, where + "." + key, "a list");
        return List.of();
    }

    String text(YamlNode n, String what) {
        if (n == null) {
            return null;
        }
        if (n instanceof Scalar s && !s.isNull()) {
            return s.text();
        }
        wrongType(n, what, "text");
        return null;
    }

    String text(MapNode m, String key, String where, boolean required) {
        YamlNode n = value(m, key);
        if (n == null) {
            if (required) {
                missing(m, key, where);
            }
            return null;
        }
        return text(n, where + "." + key);
    }

    Long integer(YamlNode n, String what) {
        if (n == null) {
            return null;
        }
        if (n instanceof Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT) {
            try {
                return Long.parseLong(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                // octal/hex/huge spellings fall through to the type problem
            }
        }
        wrongType(n, what, "a whole number");
        return null;
    }

    Long integer(MapNode m, String key, String where) {
        return integer(value(m, key), where + "." + key);
    }

    Double decimal(MapNode m, String key, String where) {
        YamlNode n = value(m, key);
        if (n == null) {
            return null;
        }
        if (n instanceof Scalar s && (s.token() == JsonToken.VALUE_NUMBER_INT
                || s.token() == JsonToken.VALUE_NUMBER_FLOAT)) {
            try {
                return Double.parseDouble(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                // falls through
            }
        }
        wrongType(n, where + "." + key, "a number");
        return null;
    }

    Boolean bool(MapNode m, String key, String where) {
        YamlNode n = value(m, key);
        if (n == null) {
            return null;
        }
        if (n instanceof Scalar s && (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE)) {
            return s.token() == JsonToken.VALUE_TRUE;
        }
        wrongType(n, where + "." + key, "true/false");
        return null;
    }

    Localized localized(YamlNode n, String what) {
        if (n == null) {
            return null;
        }
        if (!(n instanceof MapNode m)) {
            wrongType(n, what, "a {zh, en} mapping");
            return null;
        }
        keys(m, what, "zh", "en");
        String zhText = text(m, "zh", what, true);
        String enText = text(m, "en", what, true);
        return zhText == null || enText == null ? null : Localized.of(zhText, enText);
    }

    Localized localized(MapNode m, String key, String where, boolean required) {
        YamlNode n = value(m, key);
        if (n == null && required) {
            missing(m, key, where);
        }
        return localized(n, where + "." + key);
    }

    List<String> texts(MapNode m, String key, String where) {
        List<String> out = new ArrayList<>();
        for (YamlNode item : list(m, key, where)) {
            String t = text(item, where + "." + key + "[]");
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }
}
