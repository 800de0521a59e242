package dev.berth.bundle;

import dev.berth.bundle.YamlNode.MapNode;
import dev.berth.bundle.YamlNode.Scalar;
import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads and checks {@code groups:} and {@code parameters:} of bundle.yaml (see {@link Parameter}). */
final class ParameterReader {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final ManifestReader r;
    private final WhenReader whens;
    /** Parameters with the manifest node they came from: a {@code when} is checked once every parameter is read. */
    private final Map<Parameter, MapNode> paramNodes = new HashMap<>();

    ParameterReader(ManifestReader r) {
        this.r = r;
        this.whens = new WhenReader(r);
    }

    List<Group> groups(MapNode m) {
        List<Group> groups = new ArrayList<>();
        for (YamlNode n : r.list(m, "groups", "bundle.yaml")) {
            MapNode g = r.map(n, "groups[]");
            if (g == null) {
                continue;
            }
            r.keys(g, "groups[]", "id", "label");
            String gid = r.text(g, "id", "groups[]", true);
            Localized label = r.localized(g, "label", "groups[]", true);
            if (gid != null) {
                if (groups.stream().anyMatch(x -> x.id().equals(gid))) {
                    r.problem(g.line(), "分组 '" + gid + "' 重复定义。", "group '" + gid + "' is defined twice.");
                }
                groups.add(new Group(gid, label));
            }
        }
        return groups;
    }

    List<Parameter> parameters(MapNode m, List<Group> groups) {
        List<Parameter> params = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode n : r.list(m, "parameters", "bundle.yaml")) {
            Parameter p = readParameter(n, "parameters[]", false);
            if (p == null) {
                continue;
            }
            MapNode node = (MapNode) n;
            if (!names.add(p.name())) {
                r.problem(node.line(), "参数 " + p.name() + " 重复定义。", "parameter " + p.name() + " is defined twice.");
                continue;
            }
            if (p.group() != null && groups.stream().noneMatch(g -> g.id().equals(p.group()))) {
                r.problem(r.value(node, "group").line(), p.name() + " 的分组 '" + p.group() + "' 未在 groups 中定义。",
                        p.name() + " names group '" + p.group() + "', which groups does not define.");
            }
            params.add(p);
            paramNodes.put(p, node);
        }
        for (Parameter p : params) {
            whens.check(p.name(), p, p.when(), paramNodes.get(p), params);
        }
        return params;
    }

    private Parameter readParameter(YamlNode n, String where, boolean field) {
        MapNode pm = r.map(n, where);
        if (pm == null) {
            return null;
        }
        if (field) {
            r.keys(pm, where, "name", "type", "label", "help", "default", "required", "min", "max", "pattern",
                    "message", "length", "choices", "generate");
        } else {
            r.keys(pm, where, "name", "type", "group", "label", "help", "default", "required", "min", "max",
                    "pattern", "message", "length", "choices", "generate", "when", "fields");
        }
        String name = r.text(pm, "name", where, true);
        if (name == null) {
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            r.problem(r.value(pm, "name").line(), "参数名 '" + name + "' 必须由大写字母、数字和 _ 组成，并以字母开头。",
                    "parameter name '" + name + "' must be upper-case letters, digits and _, starting with a letter.");
        }
        String at = field ? "field " + name : name;
        String typeText = r.text(pm, "type", at, true);
        ParamType type = null;
        if (typeText != null) {
            for (ParamType t : ParamType.values()) {
                if (t.yamlName().equals(typeText)) {
                    type = t;
                }
            }
            if (type == null || (field && type == ParamType.LIST)) {
                r.problem(r.value(pm, "type").line(), at + " 的类型 '" + typeText + "' 无效。",
                        at + " has type '" + typeText + "'; use text, int, port, host, url, secret, choice, bool"
                                + (field ? "" : " or list") + ".");
                return null;
            }
        } else {
            return null;
        }
        String group = field ? null : r.text(pm, "group", at, false);
        Localized label = r.localized(pm, "label", at, true);
        Localized help = r.localized(pm, "help", at, false);
        Boolean required = r.bool(pm, "required", at);
        Long min = r.integer(pm, "min", at);
        Long max = r.integer(pm, "max", at);
        if ((min != null || max != null) && type != ParamType.INT && type != ParamType.PORT
                && type != ParamType.LIST) {
            r.problem(pm.line(), at + "：min/max 只适用于 int、port 和 list。",
                    at + ": min/max apply only to int, port and list.");
        }
        String pattern = r.text(pm, "pattern", at, false);
        if (pattern != null) {
            if (type != ParamType.TEXT && type != ParamType.SECRET && type != ParamType.HOST && type != ParamType.URL) {
                r.problem(r.value(pm, "pattern").line(), at + "：pattern 只适用于 text、secret、host 和 url。",
                        at + ": pattern applies only to text, secret, host and url.");
            }
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                r.problem(r.value(pm, "pattern").line(), at + " 的 pattern 不是有效的正则表达式：" + e.getDescription(),
                        at + " has a pattern that is not a valid regular expression: " + e.getDescription() + ".");
            }
        }
        Localized message = r.localized(pm, "message", at, false);
        List<Integer> lengths = readLengths(pm, at, type);
        List<Choice> choices = readChoices(pm, at, type);
        Generate generate = readGenerate(pm, at, type);
        Map<String, List<String>> when = whens.read(pm, at);
        List<Parameter> fields = new ArrayList<>();
        if (r.has(pm, "fields") && type != ParamType.LIST) {
            r.problem(r.value(pm, "fields").line(), at + "：fields 只适用于 list。", at + ": fields apply only to list.");
        }
        if (type == ParamType.LIST) {
            Set<String> fieldNames = new HashSet<>();
            for (YamlNode f : r.list(pm, "fields", at)) {
                Parameter fp = readParameter(f, at + ".fields[]", true);
                if (fp != null) {
                    if (!fieldNames.add(fp.name())) {
                        r.problem(f.line(), at + " 的字段 " + fp.name() + " 重复定义。",
                                at + " defines field " + fp.name() + " twice.");
                    }
                    fields.add(fp);
                }
            }
            if (fields.isEmpty()) {
                r.problem(pm.line(), at + " 是列表，但没有 fields。", at + " is a list but has no fields.");
            }
        }
        Object def = readDefault(pm, at, type, choices);
        return new Parameter(name, type, group, label, help, def, required == null || required, min, max, pattern,
                message, lengths, choices, generate, when, fields);
    }

    private List<Integer> readLengths(MapNode pm, String at, ParamType type) {
        YamlNode n = r.value(pm, "length");
        if (n == null) {
            return List.of();
        }
        if (type != ParamType.TEXT && type != ParamType.SECRET) {
            r.problem(n.line(), at + "：length 只适用于 text 和 secret。", at + ": length applies only to text and secret.");
        }
        List<Integer> out = new ArrayList<>();
        List<YamlNode> items = n instanceof YamlNode.ListNode l ? l.items() : List.of(n);
        for (YamlNode item : items) {
            Long v = r.integer(item, at + ".length");
            if (v != null) {
                if (v <= 0) {
                    r.problem(item.line(), at + " 的 length 必须大于 0。", at + ": each length must be above 0.");
                } else {
                    out.add(v.intValue());
                }
            }
        }
        return out;
    }

    private List<Choice> readChoices(MapNode pm, String at, ParamType type) {
        List<Choice> choices = new ArrayList<>();
        List<YamlNode> items = r.list(pm, "choices", at);
        if (!items.isEmpty() && type != ParamType.CHOICE) {
            r.problem(r.value(pm, "choices").line(), at + "：choices 只适用于 choice。", at + ": choices apply only to choice.");
        }
        for (YamlNode item : items) {
            MapNode c = r.map(item, at + ".choices[]");
            if (c == null) {
                continue;
            }
            r.keys(c, at + ".choices[]", "value", "label");
            String value = r.text(c, "value", at + ".choices[]", true);
            Localized label = r.localized(c, "label", at + ".choices[]", true);
            if (value != null) {
                if (choices.stream().anyMatch(x -> x.value().equals(value))) {
                    r.problem(c.line(), at + " 的选项 '" + value + "' 重复。", at + " lists choice '" + value + "' twice.");
                }
                choices.add(new Choice(value, label));
            }
        }
        if (type == ParamType.CHOICE && items.isEmpty()) {
            r.problem(pm.line(), at + " 是 choice，但没有 choices。", at + " is a choice but has no choices.");
        }
        return choices;
    }

    private Generate readGenerate(MapNode pm, String at, ParamType type) {
        MapNode g = r.map(pm, "generate", at);
        if (g == null) {
            return null;
        }
        if (type != ParamType.SECRET) {
            r.problem(g.line(), at + "：generate 只适用于 secret。", at + ": generate applies only to secret.");
        }
        r.keys(g, at + ".generate", "bytes", "alphabet");
        Long bytes = r.integer(g, "bytes", at + ".generate");
        if (bytes == null) {
            if (!r.has(g, "bytes")) {
                r.missing(g, "bytes", at + ".generate");
            }
            return null;
        }
        if (bytes < 1 || bytes > 1024) {
            r.problem(g.line(), at + " 的 generate.bytes 必须在 1 到 1024 之间。",
                    at + ": generate.bytes must be from 1 to 1024.");
            return null;
        }
        String alphabet = r.text(g, "alphabet", at + ".generate", false);
        Generate.Alphabet a = Generate.Alphabet.HEX;
        if (alphabet != null) {
            try {
                a = Generate.Alphabet.valueOf(alphabet.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                r.problem(r.value(g, "alphabet").line(), at + " 的 generate.alphabet 必须是 hex、alnum 或 base64url。",
                        at + ": generate.alphabet must be hex, alnum or base64url.");
                return null;
            }
        }
        return new Generate(bytes.intValue(), a);
    }

    /** The default normalised to the type (Long for int/port, Boolean for bool, String otherwise). */
    private Object readDefault(MapNode pm, String at, ParamType type, List<Choice> choices) {
        YamlNode n = r.value(pm, "default");
        if (n == null || type == null) {
            return null;
        }
        switch (type) {
            case INT, PORT -> {
                return r.integer(n, at + ".default");
            }
            case BOOL -> {
                if (n instanceof Scalar s && (s.token() == com.fasterxml.jackson.core.JsonToken.VALUE_TRUE
                        || s.token() == com.fasterxml.jackson.core.JsonToken.VALUE_FALSE)) {
                    return s.token() == com.fasterxml.jackson.core.JsonToken.VALUE_TRUE;
                }
                r.problem(n.line(), at + ".default 应为 true 或 false。", at + ".default must be true or false.");
                return null;
            }
            case LIST -> {
                r.problem(n.line(), at + "：list 不能有 default。", at + ": a list cannot have a default.");
                return null;
            }
            default -> {
                String v = r.text(n, at + ".default");
                if (v != null && type == ParamType.CHOICE && !choices.isEmpty()
                        && choices.stream().noneMatch(c -> c.value().equals(v))) {
                    r.problem(n.line(), at + " 的默认值 '" + v + "' 不在 choices 中。",
                            at + " has default '" + v + "', which is not one of its choices.");
                }
                return v;
            }
        }
    }
}
