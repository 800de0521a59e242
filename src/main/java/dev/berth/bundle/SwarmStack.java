package dev.berth.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.berth.text.Localized;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A bundle's compose file as a Swarm stack, for a cluster target: the same services with their placement, and what
 * Swarm reads differently converted where there is a faithful equivalent ({@code restart} becomes
 * {@code deploy.restart_policy}, {@code mem_limit} and {@code cpus} become {@code deploy.resources}, Berth's stages
 * replace {@code depends_on}, {@code container_name} goes: services are found by name); what has none refused,
 * each problem naming the service and the key. Pure: the compose document in, the stack document out
 * ({@link #convert}), or for a cluster deploy one stack document per stage ({@link #stages}: interpolated with
 * {@link ComposeInterpolation}, release files as Swarm configs by {@link SwarmConfigs}, cut by {@link StackStages}).
 */
public final class SwarmStack {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    /** The compose file version whose keys `docker stack deploy` reads (Docker 20.10 and later). */
    static final String VERSION = "3.8";

    /** The stack and what was changed on the way, for the Review step. */
    public record Result(String yaml, List<Localized> changes) {
        public Result {
            changes = List.copyOf(changes);
        }
    }

    /**
     * A cluster deploy's stack files and what was changed on the way.
     *
     * @param stageFiles stage name → its stack document, in stage order
     * @param services   every service of the stack, sorted
     */
    public record Stacks(Map<String, String> stageFiles, List<String> services, List<Localized> changes) {
        public Stacks {
            stageFiles = Collections.unmodifiableMap(new LinkedHashMap<>(stageFiles));
            services = List.copyOf(services);
            changes = List.copyOf(changes);
        }
    }

    private SwarmStack() {}

    /**
     * @param compose   the rendered compose file
     * @param placement where each service runs ({@link Bundle#placementOf})
     * @param dataDir   the install's data folder: a service that bind-mounts below it keeps data on its node
     * @throws RenderException listing every key Swarm cannot run, each with its service
     */
    public static Result convert(String compose, Function<String, Placement> placement, String dataDir)
            throws RenderException {
        ObjectNode root = parse(compose);
        List<Localized> changes = new ArrayList<>();
        List<Localized> problems = new ArrayList<>();
        root.put("version", VERSION);
        ObjectNode services = (ObjectNode) root.get("services");
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue() instanceof ObjectNode svc) {
                service(e.getKey(), svc, placement.apply(e.getKey()), dataDir, changes, problems);
            }
        }
        refuseIfAny(problems);
        return new Result(write(root), changes);
    }

    /**
     * The stack files of a cluster deploy, one per stage, each for {@code docker stack deploy --resolve-image never
     * -c FILE PROJECT} run in stage order without {@code --prune}: the compose file interpolated as Compose would with
     * {@code .env} (the stack command reads none), the release files the services mount as Swarm configs and
     * secrets, and each stage's services with only the configs and secrets they use.
     *
     * @param environment what the bundle's {@code .env} gives ({@link Renderer#composeEnvironment})
     * @param files       the release's files ({@link RenderedRelease#files()}): what a relative bind mount names
     * @param releaseDir  the release's folder on the manager, where the configs' files are read
     * @param project     the stack's name: the prefix of every config and secret name
     * @param stages      the release's stages, in order
     * @throws RenderException listing every key Swarm cannot run and every mount that names no release file, or the
     *                         first value that cannot be interpolated
     */
    public static Stacks stages(String compose, Function<String, Placement> placement, String dataDir,
                                Map<String, String> environment, List<RenderedFile> files, String releaseDir,
                                String project, List<Stage> stages) throws RenderException {
        if (stages.isEmpty()) {
            throw new RenderException(Localized.of("发布中没有可部署的阶段。", "The release has no stage to deploy."), null);
        }
        ObjectNode root = parse(compose);
        List<Localized> changes = new ArrayList<>();
        Set<String> unset = new TreeSet<>();
        ComposeInterpolation.interpolateTree(root, environment, unset);
        for (String name : unset) {
            changes.add(Localized.of("变量 " + name + " 未在 .env 中设置：按 Compose 的做法代入空字符串。",
                    "variable " + name + " is not set in .env: an empty string is used, as Compose does."));
        }
        ObjectNode services = (ObjectNode) root.get("services");
        Map<String, String> stageOf = StackStages.assign(services, stages, changes);
        SwarmConfigs configs = new SwarmConfigs(root, files, releaseDir, project);
        configs.anchorOwnFiles();
        List<Localized> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue() instanceof ObjectNode svc) {
                configs.convert(e.getKey(), svc, changes, problems);
                service(e.getKey(), svc, placement.apply(e.getKey()), dataDir, changes, problems);
            }
        }
        refuseIfAny(problems);
        configs.finish(root);
        Map<String, String> stageFiles = new LinkedHashMap<>();
        for (Stage s : stages) {
            ObjectNode doc = StackStages.document(root, s.name(), stageOf);
            ComposeInterpolation.escapeDollars(doc);
            stageFiles.put(s.name(), write(doc));
        }
        List<String> all = new ArrayList<>();
        services.fieldNames().forEachRemaining(all::add);
        Collections.sort(all);
        return new Stacks(stageFiles, all, changes);
    }

    private static ObjectNode parse(String compose) throws RenderException {
        try {
            JsonNode n = YAML.readTree(compose);
            if (!(n instanceof ObjectNode o) || !o.path("services").isObject()) {
                throw new RenderException(Localized.of("compose 文件中没有 services。", "The compose file has no services."),
                        null);
            }
            return o;
        } catch (IOException e) {
            throw new RenderException(Localized.of("compose 文件不是有效的 YAML。", "The compose file is not valid YAML."), e);
        }
    }

    private static void refuseIfAny(List<Localized> problems) throws RenderException {
        if (!problems.isEmpty()) {
            StringBuilder zh = new StringBuilder("这个 compose 文件不能作为 Swarm 栈运行：");
            StringBuilder en = new StringBuilder("This compose file cannot run as a Swarm stack:");
            for (Localized p : problems) {
                zh.append("\n  ").append(p.zh());
                en.append("\n  ").append(p.en());
            }
            throw new RenderException(Localized.of(zh.toString(), en.toString()), null);
        }
    }

    private static String write(ObjectNode doc) {
        try {
            return YAML.writeValueAsString(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void service(String name, ObjectNode svc, Placement where, String dataDir, List<Localized> changes,
                                List<Localized> problems) {
        String at = "service " + name;
        for (String key : List.of("build", "devices", "network_mode", "links", "external_links", "volumes_from",
                "cgroup_parent", "ipc", "pid", "userns_mode")) {
            if (svc.has(key)) {
                problems.add(Localized.of(at + "：Swarm 不支持 " + key + "。", at + ": Swarm has no " + key + "."));
            }
        }
        if (svc.path("privileged").asBoolean(false)) {
            problems.add(Localized.of(at + "：Swarm 不运行 privileged 容器。", at + ": Swarm runs no privileged container."));
        }
        if (svc.path("deploy").path("resources").path("reservations").has("devices")
                || svc.path("runtime").asText("").equals("nvidia")) {
            problems.add(Localized.of(at + "：GPU 需要在节点上配置 generic resources，集群部署尚不支持。",
                    at + ": a GPU needs the nodes' generic resources set up, which cluster deploys do not support yet."));
        }
        if (svc.remove("depends_on") != null) {
            changes.add(Localized.of(at + "：去掉 depends_on（Berth 按阶段依次启动）。",
                    at + ": depends_on dropped (Berth starts the stages in order)."));
        }
        if (svc.remove("container_name") != null) {
            changes.add(Localized.of(at + "：去掉 container_name（服务按名称访问）。",
                    at + ": container_name dropped (services are reached by name)."));
        }
        ObjectNode deploy = svc.has("deploy") && svc.get("deploy").isObject() ? (ObjectNode) svc.get("deploy")
                : svc.putObject("deploy");
        JsonNode restart = svc.remove("restart");
        if (restart != null && !deploy.has("restart_policy")) {
            String condition = switch (restart.asText()) {
                case "no", "false" -> "none";
                case "on-failure" -> "on-failure";
                default -> "any";
            };
            deploy.putObject("restart_policy").put("condition", condition);
            changes.add(Localized.of(at + "：restart: " + restart.asText() + " → deploy.restart_policy.condition: " + condition,
                    at + ": restart: " + restart.asText() + " → deploy.restart_policy.condition: " + condition));
        }
        for (String[] pair : new String[][] {{"mem_limit", "limits", "memory"}, {"cpus", "limits", "cpus"},
                {"mem_reservation", "reservations", "memory"}}) {
            JsonNode v = svc.remove(pair[0]);
            if (v != null) {
                ObjectNode res = deploy.has("resources") ? (ObjectNode) deploy.get("resources") : deploy.putObject("resources");
                ObjectNode part = res.has(pair[1]) ? (ObjectNode) res.get(pair[1]) : res.putObject(pair[1]);
                part.put(pair[2], v.asText());
                changes.add(Localized.of(at + "：" + pair[0] + " → deploy.resources." + pair[1] + "." + pair[2],
                        at + ": " + pair[0] + " → deploy.resources." + pair[1] + "." + pair[2]));
            }
        }
        if (where.replicas() > 1 && keepsData(svc, dataDir)) {
            problems.add(Localized.of(at + "：它在节点上保存数据（数据目录或数据卷），不能有 " + where.replicas() + " 个副本。",
                    at + ": it keeps data on its node (a data folder or a volume), so it cannot have " + where.replicas()
                            + " replicas."));
        }
        deploy.put("replicas", where.replicas());
        ObjectNode placement = deploy.has("placement") ? (ObjectNode) deploy.get("placement") : deploy.putObject("placement");
        ArrayNode constraints = placement.putArray("constraints");
        constraints.add("node.labels.berth." + (where.label() == null ? "leader" : where.label()) + " == true");
    }

    /** Bind-mounts something below the data folder, or mounts a named volume (local volumes live on one node). */
    private static boolean keepsData(ObjectNode svc, String dataDir) {
        for (JsonNode v : svc.path("volumes")) {
            String source;
            String type;
            if (v.isTextual()) {
                String[] parts = v.asText().split(":", 2);
                source = parts[0];
                type = parts.length < 2 ? "volume" : source.startsWith("/") || source.startsWith(".") ? "bind" : "volume";
            } else {
                source = v.path("source").asText("");
                type = v.path("type").asText("volume");
            }
            if (type.equals("volume") && parts(v) > 1) {
                return true;
            }
            if (type.equals("bind") && (source.equals(dataDir) || source.startsWith(dataDir + "/"))) {
                return true;
            }
        }
        return false;
    }

    /** 2 for a mount with a source (a named volume or a path), 1 for an anonymous volume. */
    private static int parts(JsonNode v) {
        return v.isTextual() ? v.asText().split(":", 2).length : v.path("source").asText("").isEmpty() ? 1 : 2;
    }
}
