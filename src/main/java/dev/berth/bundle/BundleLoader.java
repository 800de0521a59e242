package dev.berth.bundle;

import dev.berth.bundle.YamlNode.MapNode;
import dev.berth.text.Localized;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a bundle folder and checks it against docs/bundle-format.md. Every problem found is collected, so one
 * run tells the bundle author everything; each names its file and line. Each section has its reader
 * ({@link ParameterReader}, {@link ImageReader}, {@link RequirementsReader}, {@link ReleaseFilesReader},
 * {@link OwnershipReader}, {@link DataDirReader}, {@link StepReader}, {@link ActionReader},
 * {@link ServerCheckReader}); this class reads the top level and calls them in order.
 */
public final class BundleLoader {
    static final String MANIFEST = "bundle.yaml";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final Path dir;
    private final List<BundleProblem> problems = new ArrayList<>();
    private final ManifestReader r = new ManifestReader(MANIFEST, problems);

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
        ReleaseFilesReader files = new ReleaseFilesReader(dir, r, problems);
        String text = files.readUtf8(manifest, MANIFEST);
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
        Bundle bundle = read(m, files);
        if (!problems.isEmpty()) {
            // Manifest first, then templates; each file top to bottom.
            problems.sort(java.util.Comparator.comparing((BundleProblem p) -> !p.file().equals(MANIFEST))
                    .thenComparing(BundleProblem::file).thenComparingInt(BundleProblem::line));
            throw new BundleException(problems);
        }
        return bundle;
    }

    private Bundle read(MapNode m, ReleaseFilesReader releaseFiles) {
        r.keys(m, "bundle.yaml", "id", "version", "name", "description", "compose", "groups", "parameters", "images",
                "requirements", "dataDirs", "stages", "hooks", "probes", "endpoints", "formats", "actions",
                "checks", "serviceUsers", "fileOwners", "backup", "migrations", "placement");
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

        ParameterReader params = new ParameterReader(r);
        List<Group> groups = params.groups(m);
        List<Parameter> parameters = params.parameters(m, groups);
        List<ImageRef> images = new ImageReader(r).read(m, parameters);
        Requirements requirements = new RequirementsReader(r).read(m, parameters);

        // Files first: the compose file's services are needed to check stages and hooks.
        Set<String> templates = releaseFiles.list("templates");
        Set<String> files = releaseFiles.list("files");
        for (String both : templates) {
            if (files.contains(both)) {
                problems.add(new BundleProblem("templates/" + both, 0, Localized.of(
                        "templates/ 和 files/ 中都有 " + both + "，发布目录中只能有一个。",
                        both + " is in both templates/ and files/; the release can hold only one.")));
            }
        }
        Map<String, Format> formats = releaseFiles.formats(m, templates);
        ReferenceChecker checker = new ReferenceChecker(parameters);
        Map<String, String> templateTexts = releaseFiles.checkTemplates(templates, compose, formats, checker);
        Set<String> services = releaseFiles.composeServices(compose, templates, files, templateTexts, parameters, m);
        OwnershipReader owners = new OwnershipReader(r, problems);
        Map<String, String> serviceUsers = owners.serviceUsers(m, services);
        List<DataDir> dataDirs = new DataDirReader(r).read(m, owners, serviceUsers);
        List<FileOwner> fileOwners = owners.fileOwners(m, templates, files, serviceUsers,
                releaseFiles.secretTemplates());
        owners.checkMountedSecrets(m, compose, releaseFiles.composeRoot(), serviceUsers, fileOwners,
                releaseFiles.secretTemplates());

        CommandReader commands = new CommandReader(r, problems, checker);
        StepReader steps = new StepReader(r, problems, checker, commands, parameters,
                templates.contains(compose) ? templateTexts.get(compose) : null);
        List<Stage> stages = steps.stages(m, services);
        List<Hook> hooks = steps.hooks(m, stages, services);
        List<Probe> probes = steps.probes(m);
        List<Endpoint> endpoints = steps.endpoints(m);
        List<Action> actions = new ActionReader(r, steps, commands).read(m, services);
        List<ServerCheck> checks = new ServerCheckReader(r, problems, checker, parameters).read(m);
        BackupRecipe backup = new BackupReader(r, steps, commands).read(m, services);
        List<Migration> migrations = new MigrationReader(r, steps, commands).read(m, stages, services, hooks);
        Map<String, Placement> placement = new PlacementReader(r, steps).read(m, services);

        return new Bundle(id, version, name, description, compose, groups, parameters, images, requirements,
                dataDirs, stages, hooks, probes, endpoints, formats, new ArrayList<>(templates),
                new ArrayList<>(files), dir, actions, checks, serviceUsers, fileOwners, backup, migrations, placement);
    }
}
