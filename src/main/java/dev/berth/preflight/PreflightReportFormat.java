package dev.berth.preflight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.text.Localized;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** Renders a report for the CLI: a text table in one language, or JSON with both languages and the raw facts. */
public final class PreflightReportFormat {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PreflightReportFormat() {}

    /**
     * One row per check (result, check, what was found), each non-passing row followed by its remedy and, when
     * Berth can repair it, the fix; then a summary line.
     */
    public static String text(PreflightReport report, Locale locale) {
        boolean zh = locale != null && "zh".equals(locale.getLanguage());
        List<String[]> rows = report.results().stream()
                .map(r -> new String[] {label(r.outcome(), zh), r.title().in(locale), r.reason().in(locale)})
                .toList();
        String[] head = zh ? new String[] {"结果", "检查项", "说明"} : new String[] {"Result", "Check", "Details"};
        int w0 = width(head[0]);
        int w1 = width(head[1]);
        for (String[] row : rows) {
            w0 = Math.max(w0, width(row[0]));
            w1 = Math.max(w1, width(row[1]));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pad(head[0], w0)).append("  ").append(pad(head[1], w1)).append("  ").append(head[2]).append('\n');
        sb.append("-".repeat(w0)).append("  ").append("-".repeat(w1)).append("  ").append("-".repeat(20)).append('\n');
        String indent = " ".repeat(w0 + w1 + 4);
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            CheckResult r = report.results().get(i);
            sb.append(pad(row[0], w0)).append("  ").append(pad(row[1], w1)).append("  ").append(row[2]).append('\n');
            if (r.outcome() != Outcome.PASS && !r.remedy().in(locale).isEmpty()) {
                sb.append(indent).append(zh ? "处理：" : "Remedy: ").append(r.remedy().in(locale)).append('\n');
            }
            r.fix().ifPresent(f -> sb.append(indent).append(zh ? "可自动修复：" : "Berth can fix: ")
                    .append(f.label().in(locale)).append('\n'));
        }
        long fail = report.withOutcome(Outcome.FAIL).size();
        long warn = report.withOutcome(Outcome.WARN).size();
        long pass = report.withOutcome(Outcome.PASS).size();
        sb.append('\n').append(zh
                ? String.format("%d 项未通过，%d 项警告，%d 项通过。", fail, warn, pass)
                : String.format("%d failed, %d warned, %d passed.", fail, warn, pass)).append('\n');
        return sb.toString();
    }

    /** JSON: worst outcome, every result in both languages with its fix command, and the facts including raw. */
    public static String json(PreflightReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("worst", report.worst().name());
        root.put("canProceed", report.canProceed());
        ArrayNode results = root.putArray("results");
        for (CheckResult r : report.results()) {
            ObjectNode n = results.addObject();
            n.put("id", r.id());
            n.put("outcome", r.outcome().name());
            n.set("title", localized(r.title()));
            n.set("reason", localized(r.reason()));
            n.set("remedy", localized(r.remedy()));
            r.fix().ifPresent(f -> {
                ObjectNode fix = n.putObject("fix");
                fix.set("label", localized(f.label()));
                fix.put("command", f.command().toShell());
                ArrayNode argv = fix.putArray("argv");
                f.command().fullArgv().forEach(argv::add);
            });
        }
        root.set("facts", JSON.valueToTree(report.facts()));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode localized(Localized l) {
        ObjectNode n = JSON.createObjectNode();
        n.put("zh", l.zh());
        n.put("en", l.en());
        return n;
    }

    private static String label(Outcome o, boolean zh) {
        return switch (o) {
            case PASS -> zh ? "通过" : "PASS";
            case WARN -> zh ? "警告" : "WARN";
            case FAIL -> zh ? "失败" : "FAIL";
        };
    }

    /** Terminal columns: CJK and full-width characters take two. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6);
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - width(s)));
    }
}
