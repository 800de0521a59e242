package dev.berth.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The support bundle's first page: what went wrong, as far as the gathered files tell — how the last deploy job
 * ended and which step failed, the containers that are not running or not healthy (exit code 137: killed, most often
 * for lack of memory), and the kernel's OOM kills. Each finding in English, then in Chinese.
 */
final class SupportSummary {
    private static final Pattern EXITED = Pattern.compile("Exited \\((\\d+)\\)");

    private SupportSummary() {}

    static String of(String project, Map<String, String> files) {
        List<String> out = new ArrayList<>();
        out.add("Berth support bundle: " + project + " / Berth 诊断包：" + project);
        String[] releases = files.getOrDefault("server/releases.txt", "").strip().split("\n");
        String lastJob = releases.length == 0 ? "" : releases[releases.length - 1].strip();
        String journal = files.get("journals/" + lastJob + ".jsonl");
        if (journal != null) {
            String status = "did not end (still running, or the job died)";
            String failed = null;
            for (String line : journal.split("\n")) {
                JournalEvent e = JournalEvent.parse(line).orElse(null);
                if (e == null) {
                    continue;
                }
                if (e.isEnd()) {
                    status = e.status();
                }
                if (JournalEvent.STEP_FAILED.equals(e.event()) && failed == null) {
                    failed = e.step() + ": " + e.text("message");
                }
            }
            out.add("- Last deploy job " + lastJob + ": " + status + (failed == null ? "" : "; first failed step " + failed));
            out.add("  最近一次部署任务 " + lastJob + "：" + status + (failed == null ? "" : "；首个失败步骤 " + failed));
        } else {
            out.add("- No deploy job journal found. / 没有找到部署任务日志。");
        }
        int bad = 0;
        for (String line : files.getOrDefault("docker/ps.txt", "").split("\n")) {
            String[] f = line.split("\t");
            if (f.length < 3) {
                continue;
            }
            String state = f[2];
            if (state.startsWith("Up") && !state.contains("unhealthy")) {
                continue;
            }
            bad++;
            Matcher m = EXITED.matcher(state);
            if (m.find() && m.group(1).equals("137")) {
                out.add("- " + f[0] + ": " + state + " — killed (exit code 137), most often for lack of memory; see"
                        + " server/memory.txt and server/kernel-oom.txt");
                out.add("  " + f[0] + "：" + state + " — 被强制终止（退出码 137），多数是内存不足；见 server/memory.txt 与"
                        + " server/kernel-oom.txt");
            } else {
                out.add("- " + f[0] + ": " + state + " (its last lines: logs/" + f[0] + ".log)");
                out.add("  " + f[0] + "：" + state + "（最近的日志：logs/" + f[0] + ".log）");
            }
        }
        if (bad == 0) {
            out.add("- Every container of the project is up and not unhealthy. / 项目的容器都在运行且没有不健康的。");
        }
        long ooms = files.getOrDefault("server/kernel-oom.txt", "").lines().filter(l -> !l.isBlank()).count();
        if (ooms > 0) {
            out.add("- The kernel logged " + ooms + " out-of-memory lines (server/kernel-oom.txt).");
            out.add("  内核记录了 " + ooms + " 行内存不足（OOM）信息（server/kernel-oom.txt）。");
        }
        out.add("Every secret Berth knows, and anything that looks like a password, token or key, reads " + SecretRedactor.MARK
                + ". / Berth 已知的所有密钥，以及看似密码、令牌或密钥的内容，均已替换为 " + SecretRedactor.MARK + "。");
        return String.join("\n", out) + "\n";
    }
}
