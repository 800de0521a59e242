package dev.berth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.profile.Profile;
import dev.berth.profile.ProfileException;
import dev.berth.profile.ProfileListing;
import dev.berth.profile.ProfileProblem;
import dev.berth.profile.ProfileStore;
import dev.berth.text.Localized;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth profiles}: the saved deployments (never their secrets); {@code --delete NAME} removes one. */
@Command(name = "profiles", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
final class ProfilesCommand implements Callable<Integer> {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    @Option(names = "--json", descriptionKey = "json")
    boolean json;

    @Option(names = "--delete", descriptionKey = "profile-delete", paramLabel = "NAME")
    String delete;

    @Override
    public Integer call() throws Exception {
        Output out = Output.get();
        ProfileStore store = ProfileStore.atDefaultHome();
        try {
            if (delete != null) {
                store.delete(delete);
                out.info(Localized.of("已删除配置档 " + delete + "。", "Deleted profile " + delete + "."));
                return ExitCode.OK;
            }
            ProfileListing all = store.scan();
            if (json) {
                out.result(json(all));
            } else if (all.profiles().isEmpty() && all.problems().isEmpty()) {
                out.info(Localized.of(store.directory() + " 中还没有保存的配置档；部署时加 --save-profile NAME 即可保存。",
                        "No saved profiles in " + store.directory() + " yet; add --save-profile NAME to a deploy to save one."));
            } else {
                table(all, out);
            }
            for (ProfileProblem p : all.problems()) {
                out.problem(p.message());
            }
            return ExitCode.OK;
        } catch (ProfileException e) {
            throw new CliFailure(ExitCode.INVALID_INPUT, e.sentence());
        }
    }

    private static void table(ProfileListing all, Output out) {
        String row = "%-20s %-14s %-28s %-26s %s";
        out.result(String.format(Locale.ROOT, row, out.t("名称", "NAME"), out.t("应用包", "BUNDLE"), out.t("服务器", "TARGET"),
                out.t("部署目录", "INSTALL DIR"), out.t("保存时间", "SAVED AT")));
        for (Profile p : all.profiles()) {
            out.result(String.format(Locale.ROOT, row, p.name(), p.bundleId(), where(p, out),
                    p.target().installDir() == null ? "-" : p.target().installDir(), LOCAL.format(p.savedAt())));
        }
        for (ProfileProblem p : all.problems()) {
            out.result(String.format(Locale.ROOT, "%-20s %s", p.name(), out.t("（无法读取，见下）", "(cannot be read, see below)")));
        }
    }

    /** One server's login, or a cluster's node count and its first manager (where status connects). */
    static String where(Profile p, Output out) {
        if (!p.isCluster()) {
            return p.target().display();
        }
        return out.t(p.cluster().size() + " 个节点（" + p.target().host() + "）",
                p.cluster().size() + " nodes (" + p.target().host() + ")");
    }

    private static String json(ProfileListing all) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ArrayNode arr = root.putArray("profiles");
        for (Profile p : all.profiles()) {
            ObjectNode n = arr.addObject();
            n.put("name", p.name()).put("bundle", p.bundleId())
                    .put("bundleDir", p.bundleDir() == null ? null : p.bundleDir().toString())
                    .put("target", p.target().display()).put("installDir", p.target().installDir())
                    .put("hostKey", p.target().hostKey()).put("savedAt", p.savedAt().toString())
                    .put("answers", p.answers().size());
            if (p.isCluster()) {
                ArrayNode nodes = n.putArray("nodes");
                p.cluster().forEach(c -> nodes.addObject().put("name", c.name()).put("target", c.target().display())
                        .put("role", c.role()).put("hostKey", c.target().hostKey()));
            }
        }
        ArrayNode bad = root.putArray("problems");
        for (ProfileProblem p : all.problems()) {
            bad.addObject().put("name", p.name()).put("zh", p.message().zh()).put("en", p.message().en());
        }
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
