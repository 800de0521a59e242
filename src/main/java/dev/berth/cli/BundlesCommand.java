package dev.berth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleCatalog;
import dev.berth.bundle.Requirements;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bundles", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
final class BundlesCommand implements Callable<Integer> {
    @Option(names = "--bundles-dir", descriptionKey = "bundles-dir", paramLabel = "DIR")
    Path bundlesDir;

    @Option(names = "--json", descriptionKey = "json")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Output out = Output.get();
        Path dir = BundleOptions.bundlesDir(bundlesDir);
        List<BundleCatalog.Entry> entries = BundleCatalog.list(dir);
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ArrayNode arr = m.createArrayNode();
            for (BundleCatalog.Entry e : entries) {
                ObjectNode n = arr.addObject();
                n.put("dir", e.dir().toString());
                if (e.ok()) {
                    Bundle b = e.bundle();
                    n.put("id", b.id()).put("version", b.version());
                    n.putObject("name").put("zh", b.name().zh()).put("en", b.name().en());
                    n.putObject("description").put("zh", b.description().zh()).put("en", b.description().en());
                    n.put("needs", needs(b.requirements(), out));
                } else {
                    n.put("error", e.error().getMessage());
                }
            }
            out.result(m.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
            return ExitCode.OK;
        }
        if (entries.isEmpty()) {
            out.info("在 " + dir + " 中没有找到应用包。", "No bundles in " + dir + ".");
            return ExitCode.OK;
        }
        for (BundleCatalog.Entry e : entries) {
            if (e.ok()) {
                Bundle b = e.bundle();
                out.result(String.format("%-14s %-8s %s", b.id(), b.version(), out.t(b.name())));
                out.result("               " + out.t(b.description()));
                out.result("               " + needs(b.requirements(), out));
            } else {
                out.result(String.format("%-14s %s", e.dir().getFileName(),
                        out.t("（无法载入）", "(cannot be loaded)")));
                for (String line : e.error().getMessage().split("\n")) {
                    out.result("               " + line);
                }
            }
        }
        return ExitCode.OK;
    }

    /** "needs: 2+ cores, 4+ GiB memory, 20+ GiB disk, GPU optional, ports WEB_PORT". */
    static String needs(Requirements r, Output out) {
        StringBuilder sb = new StringBuilder(out.t("需要：", "needs: "));
        if (r.minCores() != null) {
            sb.append(out.t(r.minCores() + "+ 核，", r.minCores() + "+ cores, "));
        }
        if (r.minMemoryGiB() != null) {
            sb.append(out.t(trim(r.minMemoryGiB()) + "+ GiB 内存，", trim(r.minMemoryGiB()) + "+ GiB memory, "));
        }
        if (r.minDiskGiB() != null) {
            sb.append(out.t(trim(r.minDiskGiB()) + "+ GiB 磁盘，", trim(r.minDiskGiB()) + "+ GiB disk, "));
        }
        switch (r.gpu()) {
            case REQUIRED -> sb.append(out.t("需要 GPU，", "GPU required, "));
            case OPTIONAL -> sb.append(out.t("GPU 可选，", "GPU optional, "));
            default -> { }
        }
        if (!r.arch().isEmpty()) {
            sb.append(String.join("/", r.arch())).append(out.t("，", ", "));
        }
        if (!r.portParams().isEmpty()) {
            sb.append(out.t("端口 ", "ports ")).append(String.join(" ", r.portParams()));
        }
        String s = sb.toString();
        return s.endsWith(", ") || s.endsWith("，") ? s.substring(0, s.length() - (s.endsWith(", ") ? 2 : 1)) : s;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
