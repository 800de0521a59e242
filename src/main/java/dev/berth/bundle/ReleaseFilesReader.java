package dev.berth.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.samskivert.mustache.MustacheException;
import dev.berth.bundle.YamlNode.MapNode;
import dev.berth.text.Localized;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads the bundle's files: {@code templates/} and {@code files/}, {@code formats:}, the templates' references and
 * syntax, and the compose file's services (rendered with stand-in values).
 */
final class ReleaseFilesReader {
    /** The release folder Berth keeps its own files in (plan, job library, answers). */
    private static final String RESERVED = ".berth";

    private final Path dir;
    private final ManifestReader r;
    private final List<BundleProblem> problems;
    /** The compose file rendered with stand-ins and parsed (null when that failed). */
    private JsonNode composeRoot;
    /** The templates that reference a secret (rendered 0600). */
    private final Set<String> secretTemplates = new HashSet<>();

    ReleaseFilesReader(Path dir, ManifestReader r, List<BundleProblem> problems) {
        this.dir = dir;
        this.r = r;
        this.problems = problems;
    }

    JsonNode composeRoot() {
        return composeRoot;
    }

    Set<String> secretTemplates() {
        return secretTemplates;
    }

    Set<String> list(String sub) {
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

    Map<String, Format> formats(MapNode m, Set<String> templates) {
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

    Map<String, String> checkTemplates(Set<String> templates, String compose, Map<String, Format> formats,
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

    String readUtf8(Path path, String label) {
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
    Set<String> composeServices(String compose, Set<String> templates, Set<String> files,
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
}
