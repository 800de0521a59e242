package dev.berth.bundle;

import dev.berth.text.Localized;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Checks the Mustache references of one template against the bundle's parameters: every name defined, sections
 * balanced, and unquoted insertion only for values that cannot carry syntax.
 */
final class ReferenceChecker {

    /** Names under {@code berth.}; their values are restricted by {@link Builtins} so they carry no syntax. */
    static final Set<String> BUILTINS = Set.of("installDir", "dataDir", "releaseDir", "releaseId", "project", "host");

    enum Mode {
        /** A rendered file with a quoting format: {@code {{X}}} any type, {@code {{&X}}} safe types only. */
        QUOTED,
        /** Raw files and URLs: every reference must be a safe type. */
        SAFE_ONLY,
        /** An argv element: values are inserted as they are and never re-parsed, so any type. */
        ANY
    }

    private final List<Parameter> parameters;

    ReferenceChecker(List<Parameter> parameters) {
        this.parameters = parameters;
    }

    /** What a name resolves to: a parameter, a list's {@code index}, a builtin, or null when undefined. */
    private record Target(Parameter parameter, boolean safe) {}

    /**
     * @param baseLine the line the text starts on in {@code file} (1 for template files)
     * @return true when the text references a secret parameter
     */
    boolean check(String text, Mode mode, String file, int baseLine, List<BundleProblem> out) {
        boolean secret = false;
        Deque<Open> open = new ArrayDeque<>();
        Deque<Parameter> lists = new ArrayDeque<>();
        for (TemplateTag tag : TemplateTag.scan(text)) {
            int line = baseLine + tag.line() - 1;
            switch (tag.kind()) {
                case COMMENT -> { }
                case UNSUPPORTED -> out.add(new BundleProblem(file, line, Localized.of(
                        "不支持的模板标签 {{" + tag.name() + "}}（只能用变量、区块和注释）。",
                        "unsupported template tag {{" + tag.name() + "}} (only variables, sections and comments"
                                + " are allowed).")));
                case CLOSE -> {
                    Open top = open.peek();
                    if (top == null || !top.tag().name().equals(tag.name())) {
                        out.add(new BundleProblem(file, line, Localized.of(
                                "{{/" + tag.name() + "}} 没有对应的开始标签。",
                                "{{/" + tag.name() + "}} closes a section that is not open.")));
                    } else {
                        open.pop();
                        if (top.list()) {
                            lists.pop();
                        }
                    }
                }
                case SECTION, INVERTED -> {
                    Target t = resolve(tag.name(), lists);
                    if (t == null) {
                        out.add(undefined(file, line, tag.name()));
                    } else if (t.parameter() != null && t.parameter().isSecret()) {
                        secret = true;
                    }
                    boolean list = t != null && t.parameter() != null && t.parameter().type() == ParamType.LIST
                            && tag.kind() == TemplateTag.Kind.SECTION;
                    open.push(new Open(tag, list));
                    if (list) {
                        lists.push(t.parameter());
                    }
                }
                case VARIABLE, UNQUOTED -> {
                    Target t = resolve(tag.name(), lists);
                    if (t == null) {
                        out.add(undefined(file, line, tag.name()));
                        continue;
                    }
                    Parameter p = t.parameter();
                    if (p != null && p.type() == ParamType.LIST) {
                        out.add(new BundleProblem(file, line, Localized.of(
                                tag.name() + " 是列表，只能作为区块使用：{{#" + tag.name() + "}}…{{/" + tag.name() + "}}。",
                                tag.name() + " is a list and can only be used as a section: {{#" + tag.name()
                                        + "}}…{{/" + tag.name() + "}}.")));
                        continue;
                    }
                    if (p != null && p.isSecret()) {
                        secret = true;
                    }
                    boolean unquoted = mode == Mode.SAFE_ONLY
                            || (mode == Mode.QUOTED && tag.kind() == TemplateTag.Kind.UNQUOTED);
                    if (unquoted && !t.safe()) {
                        out.add(new BundleProblem(file, line, Localized.of(
                                tag.name() + " 的类型（" + p.type().yamlName() + "）可能含有特殊字符，不能不加引号插入"
                                        + (mode == Mode.SAFE_ONLY ? "（此处的引用都不加引号）" : "") + "。",
                                tag.name() + " is of type " + p.type().yamlName() + ", which may carry syntax, so it"
                                        + " cannot be inserted unquoted" + (mode == Mode.SAFE_ONLY
                                        ? " (every reference here is unquoted)" : "") + ".")));
                    }
                }
                default -> { }
            }
        }
        for (Open o : open) {
            TemplateTag t = o.tag();
            out.add(new BundleProblem(file, baseLine + t.line() - 1, Localized.of(
                    "区块 {{#" + t.name() + "}} 没有结束标签。", "section {{#" + t.name() + "}} is never closed.")));
        }
        return secret;
    }

    private record Open(TemplateTag tag, boolean list) {}

    /**
     * The secret parameters (and secret list fields) whose values the text inserts, in order; a section over a
     * secret only tests it and is not counted. Undefined names are left to {@link #check}.
     */
    Set<String> secretValues(String text) {
        Set<String> out = new java.util.LinkedHashSet<>();
        Deque<Parameter> lists = new ArrayDeque<>();
        Deque<Boolean> openIsList = new ArrayDeque<>();
        for (TemplateTag tag : TemplateTag.scan(text)) {
            switch (tag.kind()) {
                case SECTION, INVERTED -> {
                    Target t = resolve(tag.name(), lists);
                    boolean list = t != null && t.parameter() != null && t.parameter().type() == ParamType.LIST
                            && tag.kind() == TemplateTag.Kind.SECTION;
                    openIsList.push(list);
                    if (list) {
                        lists.push(t.parameter());
                    }
                }
                case CLOSE -> {
                    if (!openIsList.isEmpty() && openIsList.pop()) {
                        lists.pop();
                    }
                }
                case VARIABLE, UNQUOTED -> {
                    Target t = resolve(tag.name(), lists);
                    if (t != null && t.parameter() != null && t.parameter().isSecret()) {
                        out.add(tag.name());
                    }
                }
                default -> { }
            }
        }
        return out;
    }

    private Target resolve(String name, Deque<Parameter> lists) {
        Parameter list = lists.peek();
        if (list != null) {
            Parameter field = list.field(name);
            if (field != null) {
                return new Target(field, field.carriesNoSyntax());
            }
            if (name.equals("index")) {
                return new Target(null, true);
            }
        }
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return new Target(p, p.carriesNoSyntax());
            }
        }
        if (name.startsWith("berth.") && BUILTINS.contains(name.substring(6))) {
            return new Target(null, true);
        }
        return null;
    }

    private static BundleProblem undefined(String file, int line, String name) {
        return new BundleProblem(file, line, Localized.of(
                "模板引用了未定义的参数 " + name + "。", "the template references " + name
                        + ", which is not a parameter (nor berth.* or a list's index)."));
    }
}
