package dev.berth.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.samskivert.mustache.MustacheException;
import dev.berth.bundle.YamlNode.MapNode;
import dev.berth.bundle.YamlNode.Scalar;
import dev.berth.text.Localized;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads a bundle folder and checks it against docs/bundle-format.md. Every problem found is collected, so one
 * run tells the bundle author everything; each names its file and line.
 */
public final class BundleLoader {
    static final String MANIFEST = "bundle.yaml";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern STEP_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern DATA_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern OWNER = Pattern.compile("\\d+(:\\d+)?");
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh");
    /** A group of short options ({@code -ec}, {@code +x}); with a {@code c} in it the first operand is a script. */
    private static final Pattern SHORT_FLAGS = Pattern.compile("[-+][A-Za-z]+");
    /** The release folder Berth keeps its own files in (plan, job library, answers). */
    static final String RESERVED = ".berth";

    private final Path dir;
    private final List<BundleProblem> problems = new ArrayList<>();
    private final ManifestReader r = new ManifestReader(MANIFEST, problems);
    /** Parameters with the manifest node they came from, for checks that need every parameter first. */
    private final Map<Parameter, MapNode> paramNodes = new HashMap<>();
    /** The compose template's text and the parameters, to find the services a step's {@code when} brings in. */
    private String composeTemplate;
    private List<Parameter> allParams = List.of();
    /** The compose file rendered with stand-ins and parsed (null when that failed). */
    private JsonNode composeRoot;
    /** The templates that reference a secret (rendered 0600). */
    private final Set<String> secretTemplates = new HashSet<>();

    private BundleLoader(Path dir) {
        this.dir = dir;
    }

    public static Bundle load(Path dir) throws BundleException {
        return new BundleLoader(dir.toAbsolutePath().normalize()).run();
    }

    private Bundle run() throws BundleException {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new BundleException(List.of(new BundleProblem(MANIFEST, 0, Localized.of(
                    "文件夹 " + dir + " 中没有 bundle.yaml。", "there is no bundle.yaml in " + dir + "."))));
        }
        String text = readUtf8(manifest, MANIFEST);
        if (text == null) {
            throw new BundleException(problems);
        }
        YamlNode root;
        List<YamlNode.SyntaxError> duplicates = new ArrayList<>();
        try {
            root = YamlNode.parse(text, duplicates);
        } catch (YamlNode.SyntaxError e) {
            r.problem(e.line, "不是有效的 YAML：" + e.getMessage(), "not valid YAML: " + e.getMessage());
            throw new BundleException(problems);
        }
        for (YamlNode.SyntaxError d : duplicates) {
            r.problem(d.line, "键 '" + d.getMessage() + "' 出现了两次。", "key '" + d.getMessage() + "' is given twice.");
        }
        MapNode m = r.map(root, "bundle.yaml");
        if (m == null) {
            throw new BundleException(problems);
        }
        Bundle bundle = read(m);
        if (!problems.isEmpty()) {
            // Manifest first, then templates; each file top to bottom.
            problems.sort(java.util.Comparator.comparing((BundleProblem p) -> !p.file().equals(MANIFEST))
                    .thenComparing(BundleProblem::file).thenComparingInt(BundleProblem::line));
            throw new BundleException(problems);
        }
        return bundle;
    }

    private Bundle read(MapNode m) {
        r.keys(m, "bundle.yaml", "id", "version", "name", "description", "compose", "groups", "parameters", "images",
                "requirements", "dataDirs", "stages", "hooks", "probes", "endpoints", "formats", "actions",
                "checks", "serviceUsers", "fileOwners");
        String id = r.text(m, "id", "bundle.yaml", true);
        if (id != null && !ID.matcher(id).matches()) {
            r.problem(r.value(m, "id").line(), "id '" + id + "' 只能包含小写字母、数字和 '-'。",
                    "id '" + id + "' may only hold lower-case letters, digits and '-'.");
        }
        String version = r.text(m, "version", "bundle.yaml", true);
        Localized name = r.localized(m, "name", "bundle.yaml", true);
        Localized description = r.localized(m, "description", "bundle.yaml", false);
        String compose = r.text(m, "compose", "bundle.yaml", false);
        if (compose == null) {
            compose = "docker-compose.yml";
        }

        List<Group> groups = readGroups(m);
        List<Parameter> parameters = readParameters(m, groups);
        List<ImageRef> images = readImages(m, parameters);
        Requirements requirements = readRequirements(m, parameters);

        // Files first: the compose file's services are needed to check stages and hooks.
        Set<String> templates = listFiles("templates");
        Set<String> files = listFiles("files");
        for (String both : templates) {
            if (files.contains(both)) {
                problems.add(new BundleProblem("templates/" + both, 0, Localized.of(
                        "templates/ 和 files/ 中都有 " + both + "，发布目录中只能有一个。",
                        both + " is in both templates/ and files/; the release can hold only one.")));
            }
        }
        Map<String, Format> formats = readFormats(m, templates);
        ReferenceChecker checker = new ReferenceChecker(parameters);
        Map<String, String> templateTexts = checkTemplates(templates, compose, formats, checker);
        Set<String> services = composeServices(compose, templates, files, templateTexts, parameters, m);
        OwnershipReader owners = new OwnershipReader(r, problems);
        Map<String, String> serviceUsers = owners.serviceUsers(m, services);
        List<DataDir> dataDirs = readDataDirs(m, owners, serviceUsers);
        List<FileOwner> fileOwners = owners.fileOwners(m, templates, files, serviceUsers, secretTemplates);
        owners.checkMountedSecrets(m, compose, composeRoot, serviceUsers, fileOwners, secretTemplates);

        allParams = parameters;
        if (templates.contains(compose)) {
            composeTemplate = templateTexts.get(compose);
        }
        List<Stage> stages = readStages(m, services, checker);
        List<Hook> hooks = readHooks(m, stages, services, checker);
        List<Probe> probes = readProbes(m, checker);
        List<Endpoint> endpoints = readEndpoints(m, checker);
        List<Action> actions = readActions(m, services, checker);
        List<ServerCheck> checks = new ServerCheckReader(r, problems, checker, parameters).read(m);

        return new Bundle(id, version, name, description, compose, groups, parameters, images, requirements,
                dataDirs, stages, hooks, probes, endpoints, formats, new ArrayList<>(templates),
                new ArrayList<>(files), dir, actions, checks, serviceUsers, fileOwners);
    }

    // ---------------------------------------------------------------- groups and parameters

    private List<Group> readGroups(MapNode m) {
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

    private List<Parameter> readParameters(MapNode m, List<Group> groups) {
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
            checkWhen(p, params);
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
        Map<String, List<String>> when = readWhen(pm, at);
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

    private Map<String, List<String>> readWhen(MapNode pm, String at) {
        MapNode w = r.map(pm, "when", at);
        if (w == null) {
            return Map.of();
        }
        Map<String, List<String>> when = new LinkedHashMap<>();
        for (YamlNode.Entry e : w.entries().values()) {
            List<YamlNode> items = e.value() instanceof YamlNode.ListNode l ? l.items() : List.of(e.value());
            List<String> values = new ArrayList<>();
            for (YamlNode item : items) {
                String v = r.text(item, at + ".when." + e.key());
                if (v != null) {
                    values.add(v);
                }
            }
            when.put(e.key(), values);
        }
        return when;
    }

    private void checkWhen(Parameter p, List<Parameter> params) {
        checkWhen(p.name(), p, p.when(), paramNodes.get(p), params);
    }

    /** Checks a {@code when} of a parameter ({@code self}) or of a step ({@code self} null) found in {@code pm}. */
    private void checkWhen(String who, Parameter self, Map<String, List<String>> when, MapNode pm,
            List<Parameter> params) {
        MapNode w = pm == null ? null : r.value(pm, "when") instanceof MapNode x ? x : null;
        for (Map.Entry<String, List<String>> e : when.entrySet()) {
            int line = w == null ? pm.line() : w.get(e.getKey()).keyLine();
            Parameter other = params.stream().filter(x -> x.name().equals(e.getKey())).findFirst().orElse(null);
            Parameter p = self;
            if (other == null) {
                r.problem(line, who + " 的 when 引用了未定义的参数 " + e.getKey() + "。",
                        who + ": when names " + e.getKey() + ", which is not a parameter.");
                continue;
            }
            if (other == p) {
                r.problem(line, who + " 的 when 不能引用它自己。", who + ": when cannot name the parameter itself.");
                continue;
            }
            List<String> allowed;
            if (other.type() == ParamType.BOOL) {
                allowed = List.of("true", "false");
            } else if (other.type() == ParamType.CHOICE) {
                allowed = other.choices().stream().map(Choice::value).toList();
            } else {
                r.problem(line, who + " 的 when 只能依据 choice 或 bool 参数，" + other.name() + " 是 "
                        + other.type().yamlName() + "。", who + ": when can only test choice or bool parameters; "
                        + other.name() + " is " + other.type().yamlName() + ".");
                continue;
            }
            for (String v : e.getValue()) {
                if (!allowed.contains(v)) {
                    r.problem(line, who + " 的 when 中 " + other.name() + " 没有取值 '" + v + "'（可用："
                            + String.join(", ", allowed) + "）。", who + ": when tests " + other.name() + " for '"
                            + v + "', which is not one of its values (" + String.join(", ", allowed) + ").");
                }
            }
        }
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

    // ---------------------------------------------------------------- images, requirements, data dirs

    private List<ImageRef> readImages(MapNode m, List<Parameter> params) {
        List<ImageRef> images = new ArrayList<>();
        for (YamlNode n : r.list(m, "images", "bundle.yaml")) {
            MapNode im = r.map(n, "images[]");
            if (im == null) {
                continue;
            }
            r.keys(im, "images[]", "ref", "file", "sha256", "when");
            String ref = r.text(im, "ref", "images[]", true);
            String file = r.text(im, "file", "images[]", true);
            String sha = r.text(im, "sha256", "images[]", false);
            if (ref != null) {
                String tag = imageTag(ref);
                if (tag == null) {
                    r.problem(r.value(im, "ref").line(), "镜像 " + ref + " 没有标签；请写明版本，例如 " + ref + ":1.0。",
                            "image " + ref + " has no tag; pin a version such as " + ref + ":1.0.");
                } else if (tag.equals("latest")) {
                    r.problem(r.value(im, "ref").line(), "镜像 " + ref + " 使用 latest 标签；请写明固定版本。",
                            "image " + ref + " uses the tag latest; pin a fixed version.");
                }
            }
            if (file != null && (file.contains("/") || file.equals("..") || file.isBlank())) {
                r.problem(r.value(im, "file").line(), "镜像文件名 '" + file + "' 不能包含路径。",
                        "image file name '" + file + "' must be a plain file name.");
            }
            if (sha != null && !SHA256.matcher(sha).matches()) {
                r.problem(r.value(im, "sha256").line(), "sha256 必须是 64 个小写十六进制字符。",
                        "sha256 must be 64 lower-case hex characters.");
            }
            Map<String, List<String>> when = readWhen(im, "image " + ref);
            checkWhen("image " + ref, null, when, im, params);
            if (ref != null && file != null) {
                images.add(new ImageRef(ref, file, sha, when));
            }
        }
        return images;
    }

    /** The tag of an image reference, "@digest" for a digest reference, or null when it has none. */
    static String imageTag(String ref) {
        int at = ref.indexOf('@');
        if (at >= 0) {
            return ref.substring(at);
        }
        int colon = ref.lastIndexOf(':');
        return colon > ref.lastIndexOf('/') ? ref.substring(colon + 1) : null;
    }

    private Requirements readRequirements(MapNode m, List<Parameter> params) {
        MapNode q = r.map(m, "requirements", "bundle.yaml");
        if (q == null) {
            return Requirements.none();
        }
        String w = "requirements";
        r.keys(q, w, "arch", "os", "cores", "memoryGiB", "diskGiB", "gpu", "docker", "compose", "composeV2", "ports",
                "sysctl", "nofile", "notes");
        List<String> arch = r.texts(q, "arch", w);
        List<String> os = r.texts(q, "os", w);
        Long minCores = null;
        Long recCores = null;
        MapNode cores = r.map(q, "cores", w);
        if (cores != null) {
            r.keys(cores, w + ".cores", "min", "recommended");
            minCores = r.integer(cores, "min", w + ".cores");
            recCores = r.integer(cores, "recommended", w + ".cores");
        }
        Double minMem = null;
        Double recMem = null;
        MapNode mem = r.map(q, "memoryGiB", w);
        if (mem != null) {
            r.keys(mem, w + ".memoryGiB", "min", "recommended");
            minMem = r.decimal(mem, "min", w + ".memoryGiB");
            recMem = r.decimal(mem, "recommended", w + ".memoryGiB");
        }
        Double minDisk = null;
        MapNode disk = r.map(q, "diskGiB", w);
        if (disk != null) {
            r.keys(disk, w + ".diskGiB", "min");
            minDisk = r.decimal(disk, "min", w + ".diskGiB");
        }
        Requirements.Gpu gpu = null;
        String gpuText = r.text(q, "gpu", w, false);
        if (gpuText != null) {
            try {
                gpu = Requirements.Gpu.valueOf(gpuText.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                r.problem(r.value(q, "gpu").line(), "requirements.gpu 必须是 none、optional 或 required。",
                        "requirements.gpu must be none, optional or required.");
            }
        }
        String docker = r.text(q, "docker", w, false);
        String compose = r.text(q, "compose", w, false);
        Boolean v2 = r.bool(q, "composeV2", w);
        List<String> ports = r.texts(q, "ports", w);
        YamlNode portsNode = r.value(q, "ports");
        for (String port : ports) {
            Parameter p = params.stream().filter(x -> x.name().equals(port)).findFirst().orElse(null);
            if (p == null || p.type() != ParamType.PORT) {
                r.problem(portsNode.line(), "requirements.ports 中的 " + port + (p == null ? " 不是参数。"
                                : " 不是 port 类型的参数。"), "requirements.ports names " + port + (p == null
                                ? ", which is not a parameter." : ", which is not a port parameter."));
            }
        }
        Map<String, Long> sysctl = new LinkedHashMap<>();
        MapNode sys = r.map(q, "sysctl", w);
        if (sys != null) {
            for (YamlNode.Entry e : sys.entries().values()) {
                Long v = r.integer(e.value(), w + ".sysctl." + e.key());
                if (v != null) {
                    sysctl.put(e.key(), v);
                }
            }
        }
        Long nofile = r.integer(q, "nofile", w);
        List<Localized> notes = new ArrayList<>();
        for (YamlNode n : r.list(q, "notes", w)) {
            Localized l = r.localized(n, w + ".notes[]");
            if (l != null) {
                notes.add(l);
            }
        }
        return new Requirements(arch, os, minCores == null ? null : minCores.intValue(),
                recCores == null ? null : recCores.intValue(), minMem, recMem, minDisk, gpu, docker, compose,
                v2 != null && v2, ports, sysctl, nofile, notes);
    }

    private List<DataDir> readDataDirs(MapNode m, OwnershipReader owners, Map<String, String> serviceUsers) {
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

    // ---------------------------------------------------------------- files and templates

    private Set<String> listFiles(String sub) {
        Path root = dir.resolve(sub);
        Set<String> out = new TreeSet<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !Files.isDirectory(p)).forEach(p -> {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.equals(RESERVED) || rel.startsWith(RESERVED + "/")) {
                    problems.add(new BundleProblem(sub + "/" + rel, 0, Localized.of(
                            "发布目录中的 " + RESERVED + "/ 留给 Berth 自己的文件（部署计划、任务库、答案），模板和文件不能放在那里。",
                            RESERVED + "/ in the release is reserved for Berth's own files (plan, job library, answers);"
                                    + " no template or file may go there.")));
                } else if (!Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    problems.add(new BundleProblem(sub + "/" + rel, 0, Localized.of(
                            "只支持普通文件（不支持符号链接等）。", "only regular files are supported (no symbolic links).")));
                } else {
                    out.add(rel);
                }
            });
        } catch (IOException e) {
            problems.add(new BundleProblem(sub, 0, Localized.of("无法读取：" + e.getMessage(),
                    "cannot be read: " + e.getMessage())));
        }
        return out;
    }

    private Map<String, Format> readFormats(MapNode m, Set<String> templates) {
        Map<String, Format> formats = new LinkedHashMap<>();
        for (YamlNode n : r.list(m, "formats", "bundle.yaml")) {
            MapNode f = r.map(n, "formats[]");
            if (f == null) {
                continue;
            }
            r.keys(f, "formats[]", "path", "format");
            String path = r.text(f, "path", "formats[]", true);
            String name = r.text(f, "format", "formats[]", true);
            Format format = name == null ? null : Format.fromYamlName(name);
            if (name != null && format == null) {
                r.problem(r.value(f, "format").line(), "格式 '" + name + "' 无效（compose、yaml、env、shell、json、raw）。",
                        "format '" + name + "' is not one of compose, yaml, env, shell, json, raw.");
            }
            if (path != null && !templates.contains(path)) {
                r.problem(r.value(f, "path").line(), "formats 中的 " + path + " 不是 templates/ 中的文件。",
                        "formats names " + path + ", which is not a file under templates/.");
            }
            if (path != null && format != null) {
                formats.put(path, format);
            }
        }
        return formats;
    }

    private Map<String, String> checkTemplates(Set<String> templates, String compose, Map<String, Format> formats,
            ReferenceChecker checker) {
        secretTemplates.clear();
        Map<String, String> texts = new LinkedHashMap<>();
        for (String t : templates) {
            String file = "templates/" + t;
            String text = readUtf8(dir.resolve(file), file);
            if (text == null) {
                continue;
            }
            texts.put(t, text);
            Format format = formats.getOrDefault(t, Format.forPath(t, compose));
            int before = problems.size();
            if (checker.check(text, format == Format.RAW ? ReferenceChecker.Mode.SAFE_ONLY
                    : ReferenceChecker.Mode.QUOTED, file, 1, problems)) {
                secretTemplates.add(t);
            }
            if (problems.size() == before) {
                try {
                    TemplateEngine.compile(text, format);
                } catch (MustacheException e) {
                    problems.add(new BundleProblem(file, 0, Localized.of("模板无法解析：" + e.getMessage(),
                            "the template cannot be parsed: " + e.getMessage())));
                }
            }
        }
        return texts;
    }

    private String readUtf8(Path path, String label) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (CharacterCodingException e) {
            problems.add(new BundleProblem(label, 0, Localized.of("不是 UTF-8 文本。", "is not UTF-8 text.")));
        } catch (IOException e) {
            problems.add(new BundleProblem(label, 0, Localized.of("无法读取：" + e.getMessage(),
                    "cannot be read: " + e.getMessage())));
        }
        return null;
    }

    /**
     * The service names of the compose file, found by rendering it with stand-in values and parsing the result;
     * null when that is not possible (the reason is already reported).
     */
    private Set<String> composeServices(String compose, Set<String> templates, Set<String> files,
            Map<String, String> templateTexts, List<Parameter> params, MapNode m) {
        String text;
        String label;
        if (templates.contains(compose)) {
            text = templateTexts.get(compose);
            label = "templates/" + compose;
            if (text == null) {
                return null;
            }
            try {
                text = TemplateEngine.render(text, Format.COMPOSE, StandIns.context(params));
            } catch (MustacheException e) {
                return null; // reported by the reference check
            }
        } else if (files.contains(compose)) {
            label = "files/" + compose;
            text = readUtf8(dir.resolve(label), label);
            if (text == null) {
                return null;
            }
        } else {
            YamlNode c = r.value(m, "compose");
            r.problem(c == null ? 0 : c.line(), "找不到 compose 文件 " + compose + "（应在 templates/ 或 files/ 中）。",
                    "the compose file " + compose + " is in neither templates/ nor files/.");
            return null;
        }
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(text);
            composeRoot = root;
            JsonNode services = root == null ? null : root.get("services");
            if (services == null || !services.isObject() || services.isEmpty()) {
                problems.add(new BundleProblem(label, 0, Localized.of("compose 文件没有 services。",
                        "the compose file has no services.")));
                return null;
            }
            Set<String> names = new LinkedHashSet<>();
            services.fieldNames().forEachRemaining(names::add);
            return names;
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage()).split("\n")[0];
            problems.add(new BundleProblem(label, 0, Localized.of("用默认值渲染后不是有效的 YAML：" + msg,
                    "is not valid YAML once rendered with default values: " + msg)));
            return null;
        }
    }

    // ---------------------------------------------------------------- stages, hooks, probes, endpoints

    private List<Stage> readStages(MapNode m, Set<String> services, ReferenceChecker checker) {
        List<Stage> stages = new ArrayList<>();
        for (YamlNode n : r.list(m, "stages", "bundle.yaml")) {
            MapNode s = r.map(n, "stages[]");
            if (s == null) {
                continue;
            }
            r.keys(s, "stages[]", "name", "label", "services", "ready", "timeout", "when");
            String name = r.text(s, "name", "stages[]", true);
            if (name == null) {
                continue;
            }
            String at = "stage " + name;
            checkStepName(s, name, at);
            if (stages.stream().anyMatch(x -> x.name().equals(name))) {
                r.problem(s.line(), "阶段 " + name + " 重复定义。", "stage " + name + " is defined twice.");
            }
            Localized label = r.localized(s, "label", at, true);
            List<String> svc = r.texts(s, "services", at);
            if (svc.isEmpty()) {
                r.problem(s.line(), at + " 没有列出任何服务。", at + " lists no services.");
            }
            Map<String, List<String>> when = readStepWhen(s, at);
            checkServices(svc, servicesWhen(services, when), r.value(s, "services"), at);
            Readiness ready = readReadiness(s, at, checker);
            Long timeout = r.integer(s, "timeout", at);
            stages.add(new Stage(name, label, svc, ready, timeout == null ? 120 : timeout.intValue(), when));
        }
        return stages;
    }

    private Map<String, List<String>> readStepWhen(MapNode s, String at) {
        Map<String, List<String>> when = readWhen(s, at);
        checkWhen(at, null, when, s, allParams);
        return when;
    }

    /**
     * The compose services when a step's {@code when} is met: the compose template rendered with stand-ins whose
     * tested parameters take the first listed value. The default services when there is no condition or no
     * compose template; null when the file cannot be read that way (already reported or reported elsewhere).
     */
    private Set<String> servicesWhen(Set<String> defaults, Map<String, List<String>> when) {
        if (when.isEmpty() || composeTemplate == null || defaults == null) {
            return defaults;
        }
        Map<String, Object> ctx = StandIns.context(allParams);
        for (Map.Entry<String, List<String>> e : when.entrySet()) {
            Parameter p = allParams.stream().filter(x -> x.name().equals(e.getKey())).findFirst().orElse(null);
            if (p == null || e.getValue().isEmpty()) {
                return defaults; // reported by checkWhen
            }
            String v = e.getValue().get(0);
            ctx.put(p.name(), p.type() == ParamType.BOOL ? (Object) Boolean.valueOf(v) : v);
        }
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(
                    TemplateEngine.render(composeTemplate, Format.COMPOSE, ctx));
            JsonNode services = root == null ? null : root.get("services");
            if (services == null || !services.isObject()) {
                return defaults;
            }
            Set<String> names = new LinkedHashSet<>();
            services.fieldNames().forEachRemaining(names::add);
            return names;
        } catch (IOException | MustacheException e) {
            return defaults;
        }
    }

    private void checkStepName(MapNode s, String name, String at) {
        if (!STEP_NAME.matcher(name).matches()) {
            r.problem(r.value(s, "name").line(), at + "：名称只能包含小写字母、数字、_ 和 -。",
                    at + ": a name may only hold lower-case letters, digits, _ and -.");
        }
    }

    private void checkServices(List<String> named, Set<String> services, YamlNode node, String at) {
        if (services == null) {
            return;
        }
        for (String svc : named) {
            if (!services.contains(svc)) {
                r.problem(node.line(), at + " 引用的服务 " + svc + " 不在 compose 文件中（有：" + String.join(", ", services)
                        + "）。", at + " names service " + svc + ", which the compose file does not define ("
                        + String.join(", ", services) + ").");
            }
        }
    }

    private Readiness readReadiness(MapNode s, String at, ReferenceChecker checker) {
        YamlNode n = r.value(s, "ready");
        if (n == null) {
            return new Readiness.Healthy();
        }
        if (n instanceof Scalar sc && sc.token() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
            switch (sc.text()) {
                case "healthy":
                    return new Readiness.Healthy();
                case "running":
                    return new Readiness.Running();
                case "exited0":
                    return new Readiness.Exited0();
                default:
                    break;
            }
        } else if (n instanceof MapNode rm) {
            if (r.has(rm, "http")) {
                r.keys(rm, at + ".ready", "http", "status");
                String url = r.text(rm, "http", at + ".ready", true);
                Long status = r.integer(rm, "status", at + ".ready");
                if (url != null) {
                    checker.check(url, ReferenceChecker.Mode.SAFE_ONLY, MANIFEST, r.value(rm, "http").line(), problems);
                    refuseSecrets(url, checker, r.value(rm, "http").line(), at + ".ready");
                    return new Readiness.Http(url, status == null ? 200 : status.intValue());
                }
                return null;
            }
            if (r.has(rm, "command")) {
                r.keys(rm, at + ".ready", "command");
                List<String> argv = readArgv(rm, "command", at + ".ready", checker);
                return argv.isEmpty() ? null : new Readiness.Command(argv);
            }
        }
        r.problem(n.line(), at + " 的 ready 必须是 healthy、running、exited0、{http: URL, status: 200} 或 {command: [...]}。",
                at + ": ready must be healthy, running, exited0, {http: URL, status: 200} or {command: [...]}.");
        return null;
    }

    /** An argv list; elements are templates checked for references (a shell's -c script is quoted as shell). */
    private List<String> readArgv(MapNode m, String key, String at, ReferenceChecker checker) {
        YamlNode node = r.value(m, key);
        List<String> argv = r.texts(m, key, at);
        if (node != null && argv.isEmpty()) {
            r.problem(node.line(), at + "." + key + " 不能为空。", at + "." + key + " cannot be empty.");
        }
        for (int i = 0; i < argv.size(); i++) {
            int line = node instanceof YamlNode.ListNode l && i < l.items().size() ? l.items().get(i).line()
                    : node.line();
            checker.check(argv.get(i), isShellScript(argv, i) ? ReferenceChecker.Mode.QUOTED
                    : ReferenceChecker.Mode.ANY, MANIFEST, line, problems);
            refuseSecrets(argv.get(i), checker, line, at + "." + key);
        }
        return argv;
    }

    /**
     * Secrets never go into an argv or a URL: those land in the 0755 plan script, the journal and {@code ps}.
     */
    private void refuseSecrets(String text, ReferenceChecker checker, int line, String at) {
        for (String name : checker.secretValues(text)) {
            r.problem(line, at + " 中插入了密钥 " + name + "：命令行参数和网址会出现在部署计划脚本和进程列表中。"
                    + "请改为通过文件（引用它的模板会以 0600 写入，例如 conf/x.sh 再用 . 读入）或环境变量（.env）传递。",
                    at + " inserts the secret " + name + ", and an argv or URL shows up in the plan script and the"
                            + " process list; pass it through a file or the environment instead (a template that"
                            + " references it is written 0600, e.g. conf/x.sh read with '.', or .env).");
        }
    }

    /**
     * True for the script argument of {@code sh -c SCRIPT} and the like ({@code /bin/sh -ec}, {@code bash -lc},
     * {@code dash -e -c}, {@code bash -o pipefail -c}; sh, bash, dash, ash, zsh): it is parsed by a shell. As the
     * shells do: options run up to the first operand (or {@code --}), {@code -o}/{@code -O} take the next word, and
     * when any option group holds {@code c} the first operand is the script.
     */
    static boolean isShellScript(List<String> argv, int index) {
        if (index < 2 || index >= argv.size()) {
            return false;
        }
        String cmd = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        if (!SHELLS.contains(cmd)) {
            return false;
        }
        boolean script = false;
        int i = 1;
        while (i < argv.size()) {
            String a = argv.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (a.startsWith("--") && a.length() > 2) {
                i++; // bash's long options (--norc, --login) take no value
                continue;
            }
            if (!SHORT_FLAGS.matcher(a).matches()) {
                break;
            }
            if (a.startsWith("-") && a.indexOf('c') > 0) {
                script = true;
            }
            i += (a.endsWith("o") || a.endsWith("O")) ? 2 : 1;
        }
        return script && index == i;
    }


    private List<Hook> readHooks(MapNode m, List<Stage> stages, Set<String> services, ReferenceChecker checker) {
        List<Hook> hooks = new ArrayList<>();
        for (YamlNode n : r.list(m, "hooks", "bundle.yaml")) {
            MapNode h = r.map(n, "hooks[]");
            if (h == null) {
                continue;
            }
            r.keys(h, "hooks[]", "name", "after", "service", "command", "timeout");
            String name = r.text(h, "name", "hooks[]", true);
            if (name == null) {
                continue;
            }
            String at = "hook " + name;
            checkStepName(h, name, at);
            if (hooks.stream().anyMatch(x -> x.name().equals(name))) {
                r.problem(h.line(), "钩子 " + name + " 重复定义。", "hook " + name + " is defined twice.");
            }
            String after = r.text(h, "after", at, true);
            if (after != null && stages.stream().noneMatch(s -> s.name().equals(after))) {
                r.problem(r.value(h, "after").line(), at + " 的 after 引用了不存在的阶段 " + after + "。",
                        at + ": after names stage " + after + ", which is not defined.");
            }
            String service = r.text(h, "service", at, false);
            if (service != null) {
                // A hook runs only when its stage does, so it sees the services that stage's `when` brings in.
                Stage stage = stages.stream().filter(x -> x.name().equals(after)).findFirst().orElse(null);
                checkServices(List.of(service), stage == null ? services : servicesWhen(services, stage.when()),
                        r.value(h, "service"), at);
            }
            if (!r.has(h, "command")) {
                r.missing(h, "command", at);
            }
            List<String> command = readArgv(h, "command", at, checker);
            Long timeout = r.integer(h, "timeout", at);
            hooks.add(new Hook(name, after, service, command, timeout == null ? 60 : timeout.intValue()));
        }
        return hooks;
    }

    private List<Probe> readProbes(MapNode m, ReferenceChecker checker) {
        List<Probe> probes = new ArrayList<>();
        for (YamlNode n : r.list(m, "probes", "bundle.yaml")) {
            MapNode p = r.map(n, "probes[]");
            if (p == null) {
                continue;
            }
            r.keys(p, "probes[]", "name", "url", "status", "contains", "when");
            String name = r.text(p, "name", "probes[]", true);
            String at = "probe " + name;
            String url = r.text(p, "url", at, true);
            Long status = r.integer(p, "status", at);
            String contains = r.text(p, "contains", at, false);
            if (url != null) {
                checker.check(url, ReferenceChecker.Mode.SAFE_ONLY, MANIFEST, r.value(p, "url").line(), problems);
                refuseSecrets(url, checker, r.value(p, "url").line(), at + ".url");
            }
            Map<String, List<String>> when = readStepWhen(p, at);
            if (name != null && url != null) {
                probes.add(new Probe(name, url, status == null ? 200 : status.intValue(), contains, when));
            }
        }
        return probes;
    }

    private List<Endpoint> readEndpoints(MapNode m, ReferenceChecker checker) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (YamlNode n : r.list(m, "endpoints", "bundle.yaml")) {
            MapNode e = r.map(n, "endpoints[]");
            if (e == null) {
                continue;
            }
            r.keys(e, "endpoints[]", "label", "url", "note", "when");
            Localized label = r.localized(e, "label", "endpoints[]", true);
            String url = r.text(e, "url", "endpoints[]", true);
            Localized note = r.localized(e, "note", "endpoints[]", false);
            if (url != null) {
                checker.check(url, ReferenceChecker.Mode.SAFE_ONLY, MANIFEST, r.value(e, "url").line(), problems);
            }
            Map<String, List<String>> when = readStepWhen(e, "endpoint " + (label == null ? "?" : label.en()));
            if (label != null && url != null) {
                endpoints.add(new Endpoint(label, url, note, when));
            }
        }
        return endpoints;
    }

    private List<Action> readActions(MapNode m, Set<String> services, ReferenceChecker checker) {
        List<Action> actions = new ArrayList<>();
        for (YamlNode n : r.list(m, "actions", "bundle.yaml")) {
            MapNode a = r.map(n, "actions[]");
            if (a == null) {
                continue;
            }
            r.keys(a, "actions[]", "name", "label", "help", "service", "command", "output", "timeout");
            String name = r.text(a, "name", "actions[]", true);
            if (name == null) {
                continue;
            }
            String at = "action " + name;
            checkStepName(a, name, at);
            if (actions.stream().anyMatch(x -> x.name().equals(name))) {
                r.problem(a.line(), "操作 " + name + " 重复定义。", "action " + name + " is defined twice.");
            }
            Localized label = r.localized(a, "label", at, true);
            Localized help = r.localized(a, "help", at, false);
            String service = r.text(a, "service", at, false);
            if (service != null) {
                checkServices(List.of(service), services, r.value(a, "service"), at);
            }
            if (!r.has(a, "command")) {
                r.missing(a, "command", at);
            }
            List<String> command = readArgv(a, "command", at, checker);
            String output = r.text(a, "output", at, false);
            if (output != null && (!DATA_PATH.matcher(output).matches()
                    || List.of(output.split("/")).contains("..") || output.startsWith("."))) {
                r.problem(r.value(a, "output").line(), at + " 的 output 必须是数据目录下不含 .. 的相对文件路径（字母、数字、._-）。",
                        at + ": output must be a file path relative to the data folder, of letters, digits and ._-"
                                + " without '..'.");
            }
            Long timeout = r.integer(a, "timeout", at);
            actions.add(new Action(name, label, help, service, command, output,
                    timeout == null ? 600 : timeout.intValue()));
        }
        return actions;
    }
}
