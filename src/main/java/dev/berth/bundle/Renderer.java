package dev.berth.bundle;

import com.samskivert.mustache.MustacheException;
import dev.berth.text.DotenvDialect;
import dev.berth.text.Localized;
import dev.berth.text.Quote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a bundle with resolved answers into a release. Each template is rendered with the quoting of its format;
 * argv elements take values as they are (a shell's {@code -c} script takes them shell-quoted); URLs only ever
 * hold values that carry no syntax (checked when the bundle was loaded).
 */
public final class Renderer {
    private Renderer() {}

    /** For a target whose Compose is not known: .env spelled for Compose v1, as before v2 was told apart. */
    public static RenderedRelease render(Bundle bundle, ResolvedAnswers answers, Builtins builtins)
            throws RenderException {
        return render(bundle, answers, builtins, DotenvDialect.PYTHON_DOTENV);
    }

    /** @param dotenv how the target's Compose reads {@code .env} ({@code ComposeVariant.dotenvDialect()}) */
    public static RenderedRelease render(Bundle bundle, ResolvedAnswers answers, Builtins builtins,
            DotenvDialect dotenv) throws RenderException {
        Map<String, Object> ctx = RenderContext.of(answers.values(), builtins);
        ReferenceChecker checker = new ReferenceChecker(bundle.parameters());
        List<RenderedFile> files = new ArrayList<>();
        for (String t : bundle.templates()) {
            String text = LineEnds.unix(read(bundle.templateSource(t), t));
            String out = fill(text, bundle.formatOf(t), dotenv, ctx, "templates/" + t);
            boolean secret = checker.check(text, ReferenceChecker.Mode.ANY, t, 1, new ArrayList<>());
            files.add(owned(bundle, new RenderedFile(t, out.getBytes(StandardCharsets.UTF_8), secret ? 0600 : 0644)));
        }
        for (String f : bundle.files()) {
            Path src = bundle.fileSource(f);
            try {
                boolean exec = executable(src);
                files.add(owned(bundle, new RenderedFile(f, LineEnds.unixIfScript(f, Files.readAllBytes(src)),
                        exec ? 0755 : 0644)));
            } catch (IOException e) {
                throw cannotRead("files/" + f, e);
            }
        }
        Conditions conditions = Conditions.of(bundle, answers);
        List<Stage> stages = new ArrayList<>();
        for (Stage s : bundle.stages()) {
            if (!conditions.met(s.when())) {
                continue;
            }
            Readiness ready = s.ready();
            if (ready instanceof Readiness.Http h) {
                ready = new Readiness.Http(fill(h.urlTemplate(), Format.RAW, ctx, "stage " + s.name()), h.status());
            } else if (ready instanceof Readiness.Command c) {
                ready = new Readiness.Command(argv(c.argv(), ctx, "stage " + s.name()));
            }
            stages.add(new Stage(s.name(), s.label(), s.services(), ready, s.timeoutSeconds(), s.when()));
        }
        List<Hook> hooks = new ArrayList<>();
        for (Hook h : bundle.hooks()) {
            if (stages.stream().noneMatch(s -> s.name().equals(h.after()))) {
                continue; // its stage was left out
            }
            hooks.add(new Hook(h.name(), h.after(), h.service(), argv(h.command(), ctx, "hook " + h.name()),
                    h.timeoutSeconds()));
        }
        List<Probe> probes = new ArrayList<>();
        for (Probe p : bundle.probes()) {
            if (conditions.met(p.when())) {
                probes.add(new Probe(p.name(), fill(p.url(), Format.RAW, ctx, "probe " + p.name()), p.status(),
                        p.contains(), p.when()));
            }
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (Endpoint e : bundle.endpoints()) {
            if (conditions.met(e.when())) {
                endpoints.add(new Endpoint(e.label(), fill(e.url(), Format.RAW, ctx, "endpoint " + e.label().en()),
                        e.note(), e.when()));
            }
        }
        List<Action> actions = new ArrayList<>();
        for (Action a : bundle.actions()) {
            actions.add(new Action(a.name(), a.label(), a.help(), a.service(),
                    argv(a.command(), ctx, "action " + a.name()), a.output(), a.timeoutSeconds()));
        }
        List<BackupRecipe.Command> backupCommands = new ArrayList<>();
        for (BackupRecipe.Command c : bundle.backup().commands()) {
            backupCommands.add(new BackupRecipe.Command(c.service(), argv(c.command(), ctx, "backup " + c.service()),
                    c.output(), c.timeoutSeconds()));
        }
        List<Migration> migrations = new ArrayList<>();
        for (Migration g : bundle.migrations()) {
            if (stages.stream().anyMatch(s -> s.name().equals(g.after()))) {
                migrations.add(new Migration(g.name(), g.from(), g.after(), g.service(),
                        argv(g.command(), ctx, "migration " + g.name()), g.timeoutSeconds()));
            }
        }
        return new RenderedRelease(files, bundle.composeFile(), stages, hooks, probes, endpoints, actions,
                new BackupRecipe(backupCommands, bundle.backup().stop()), migrations);
    }

    /**
     * What the bundle's {@code .env} (the template beside the compose file) gives Compose, for a cluster deploy:
     * {@code docker stack deploy} reads no {@code .env}, so Berth interpolates the stack itself
     * ({@link SwarmStack#stages}). Rendered unquoted and read as {@code NAME=VALUE} lines; no such template, no values.
     *
     * @throws RenderException when the template cannot render, or a value holds a line break
     */
    public static Map<String, String> composeEnvironment(Bundle bundle, ResolvedAnswers answers, Builtins builtins)
            throws RenderException {
        String env = ComposeEnvironment.templateBeside(bundle.composeFile());
        if (!bundle.templates().contains(env)) {
            return Map.of();
        }
        String where = "templates/" + env;
        String text = LineEnds.unix(read(bundle.templateSource(env), env));
        Map<String, Object> ctx = RenderContext.of(ComposeEnvironment.markLineBreaks(answers.values()), builtins);
        return ComposeEnvironment.parse(fill(text, Format.RAW, ctx, where), where);
    }

    /** The file with the owner (and mode) {@code fileOwners:} gives it, so a non-root container can read it. */
    private static RenderedFile owned(Bundle bundle, RenderedFile f) {
        FileOwner o = bundle.ownerOf(f.path());
        if (o == null) {
            return f;
        }
        return new RenderedFile(f.path(), f.content(), o.mode() == null ? f.mode() : o.mode(), o.owner());
    }

    private static List<String> argv(List<String> templates, Map<String, Object> ctx, String where)
            throws RenderException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < templates.size(); i++) {
            Format f = CommandReader.isShellScript(templates, i) ? Format.SHELL : Format.RAW;
            out.add(fill(templates.get(i), f, ctx, where));
        }
        return out;
    }

    private static String fill(String template, Format format, DotenvDialect dotenv, Map<String, Object> ctx,
            String where) throws RenderException {
        try {
            return TemplateEngine.render(template, format, dotenv, ctx);
        } catch (MustacheException e) {
            throw cannotRender(where, e);
        } catch (Quote.Unquotable e) {
            throw refusal(e, format, ctx, where);
        }
    }

    private static String fill(String template, Format format, Map<String, Object> ctx, String where)
            throws RenderException {
        return fill(template, format, DotenvDialect.PYTHON_DOTENV, ctx, where);
    }

    /** A value its format cannot carry: one sentence naming the parameter that holds it, never the value. */
    static RenderException refusal(Quote.Unquotable e, Format format, Map<String, Object> ctx, String where) {
        String names = String.join(", ", namesHolding(ctx, e.value()));
        String zhWho = names.isEmpty() ? "某个值" : "参数 " + names + " 的值";
        String enWho = names.isEmpty() ? "A value" : "The value of parameter " + names;
        return new RenderException(Localized.of(
                zhWho + "无法原样写入 " + where + "（" + format.yamlName() + " 格式）：" + e.why().zh() + "，请修改。",
                enWho + " cannot be written byte for byte into " + where + " (" + format.yamlName() + "): "
                        + e.why().en() + "; please change it."), e);
    }

    /** The parameters (or list fields, as LIST.FIELD) whose answer is this value: what to name in a refusal. */
    private static List<String> namesHolding(Map<String, Object> ctx, String value) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Object> e : ctx.entrySet()) {
            if (value.equals(e.getValue())) {
                names.add(e.getKey());
            } else if (e.getValue() instanceof List<?> list) {
                for (Object entry : list) {
                    if (entry instanceof Map<?, ?> m) {
                        m.forEach((k, v) -> {
                            if (value.equals(v) && !names.contains(e.getKey() + "." + k)) {
                                names.add(e.getKey() + "." + k);
                            }
                        });
                    }
                }
            }
        }
        return names;
    }

    private static RenderException cannotRender(String where, MustacheException e) {
        return new RenderException(Localized.of(where + " 无法渲染：" + e.getMessage() + "。",
                where + " cannot be rendered: " + e.getMessage() + "."), e);
    }

    private static String read(Path p, String label) throws RenderException {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw cannotRead("templates/" + label, e);
        }
    }

    private static RenderException cannotRead(String label, IOException e) {
        return new RenderException(Localized.of("无法读取 " + label + "：" + e.getMessage() + "。",
                "cannot read " + label + ": " + e.getMessage() + "."), e);
    }

    /**
     * The owner-execute bit where the bundle's file system has modes; where it has none (a bundle on a Windows
     * laptop, whose installer or checkout kept no modes) a script is a file that starts with {@code #!}.
     */
    static boolean executable(Path src) throws IOException {
        if (dev.berth.files.PrivateFile.posix(src)) {
            return Files.getPosixFilePermissions(src).contains(PosixFilePermission.OWNER_EXECUTE);
        }
        try (java.io.InputStream in = Files.newInputStream(src)) {
            return in.read() == '#' && in.read() == '!';
        }
    }
}
