package dev.berth.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.bundle.BackupRecipe;
import dev.berth.bundle.Endpoint;
import dev.berth.bundle.Probe;
import dev.berth.text.Quote;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The small files Berth keeps in every release's {@code .berth/} so the server alone can answer "what is this":
 * {@code release.json} (bundle, version, compose command, endpoints) and {@code probes.tsv} (read by the status
 * collector without the bundle at hand).
 */
final class ReleaseMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReleaseMetadata() {}

    static byte[] releaseJson(PreparedRelease r, String project, List<String> compose, Instant created) {
        ObjectNode n = JSON.createObjectNode();
        n.put("release", r.releaseId());
        n.put("bundle", r.bundle().id());
        n.put("version", r.bundle().version());
        n.put("project", project);
        n.put("composeFile", r.rendered().composeFile());
        ArrayNode c = n.putArray("compose");
        compose.forEach(c::add);
        n.put("created", created.toString());
        // What the next upgrade compares itself with ("images old → new").
        ArrayNode imgs = n.putArray("images");
        r.bundle().imagesFor(r.answers()).forEach(i -> imgs.add(i.ref()));
        ArrayNode eps = n.putArray("endpoints");
        for (Endpoint e : r.rendered().endpoints()) {
            ObjectNode o = eps.addObject();
            o.put("url", e.url());
            o.putObject("label").put("zh", e.label().zh()).put("en", e.label().en());
            if (e.note() != null) {
                o.putObject("note").put("zh", e.note().zh()).put("en", e.note().en());
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code backup.plan}: how the server backs this release up when it is live, without the bundle at hand (a backup
     * from another laptop, or before an upgrade to a bundle that backs up differently). One line a command,
     * {@code command TIMEOUT SERVICE OUTPUT ARGV...}, then {@code stop SERVICE...} when the bundle names what to stop
     * (no line: everything is stopped). Every word shell-quoted: the job reads each line with {@code eval set --}.
     */
    static byte[] backupPlan(BackupRecipe recipe) {
        StringBuilder sb = new StringBuilder();
        for (BackupRecipe.Command c : recipe.commands()) {
            sb.append("command ").append(Quote.shell(Integer.toString(c.timeoutSeconds()))).append(' ')
                    .append(Quote.shell(c.service())).append(' ').append(Quote.shell(c.output() == null ? "" : c.output()));
            c.command().forEach(a -> sb.append(' ').append(Quote.shell(a)));
            sb.append('\n');
        }
        if (!recipe.stopsAll()) {
            sb.append("stop");
            recipe.stop().forEach(svc -> sb.append(' ').append(Quote.shell(svc)));
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] probesTsv(List<Probe> probes) {
        StringBuilder sb = new StringBuilder();
        for (Probe p : probes) {
            sb.append(clean(p.name())).append('\t').append(clean(p.url())).append('\t').append(p.status()).append('\t')
                    .append(p.contains() == null ? "" : clean(p.contains())).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A tab or line break would split a record; probe fields never need them. */
    private static String clean(String s) {
        return s.replaceAll("[\\t\\r\\n]", " ");
    }
}
