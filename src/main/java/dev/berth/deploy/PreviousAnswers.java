package dev.berth.deploy;

import dev.berth.target.ServerCommands;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.Parameter;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.text.Localized;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers a deployment was made with, as the server keeps them, so a redeploy from any laptop keeps the secrets
 * Berth generated: a database password must not change under the data it protects. Three places, in this order:
 * the live release's {@code .berth/answers.yaml}; the install's {@code .berth/secrets.yaml} (every generated value
 * as first used, written before each job starts, so it survives a first deploy that failed); the last job's
 * release's answers (a first deploy that failed under an older Berth). A file that is absent is fine; one that is
 * there but cannot be read or parsed stops the deploy.
 */
public final class PreviousAnswers {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PreviousAnswers() {}

    /**
     * Every answer the server has on record (the live release's first, gaps filled from the kept secrets, then from
     * the last job's release); empty when there is none.
     *
     * @throws PreviousAnswersException when one of them is there but cannot be read
     */
    public static Map<String, Object> read(RemoteShell shell, ServerCommands commands, ReleaseLayout layout)
            throws SshException, PreviousAnswersException {
        OnServer on = readAll(shell, commands, layout);
        Map<String, Object> merged = new LinkedHashMap<>(on.live());
        fillGaps(merged, on.kept());
        fillGaps(merged, on.lastJob());
        return merged;
    }

    /** The kept secrets alone (the install's {@code secrets.yaml}); empty when absent. */
    static Map<String, Object> readKept(RemoteShell shell, ServerCommands commands, ReleaseLayout layout)
            throws SshException, PreviousAnswersException {
        return readAll(shell, commands, layout).kept();
    }

    private record OnServer(Map<String, Object> kept, Map<String, Object> live, Map<String, Object> lastJob) {}

    private static OnServer readAll(RemoteShell shell, ServerCommands commands, ReleaseLayout layout)
            throws SshException, PreviousAnswersException {
        String live = layout.current() + "/.berth/answers.yaml";
        ExecResult r = shell.exec(commands.readPreviousAnswers(layout.keptSecrets(), live, layout.releasesDir(),
                layout.lastJobFile()), Duration.ofSeconds(20));
        List<String> lines = r.stdout().lines().toList();
        if (!r.ok() || lines.size() != 3) {
            String why = r.stderr().strip().isEmpty() ? "exit " + r.exitCode() : r.stderr().strip();
            throw cannotRead(layout.keptSecrets() + ", " + live, why);
        }
        return new OnServer(parse(lines.get(0), layout.keptSecrets()), parse(lines.get(1), live),
                parse(lines.get(2), layout.releasesDir() + "/<last job>/.berth/answers.yaml"));
    }

    /**
     * The kept secrets after this release: what was kept, plus the value of every generated parameter that has none
     * kept yet. A value once kept is never replaced here (an operator who changes one gives it; the live release then
     * carries it); null when nothing is new.
     */
    static Map<String, Object> keptAfter(Bundle bundle, ResolvedAnswers answers, Map<String, Object> kept) {
        Map<String, Object> out = new LinkedHashMap<>(kept);
        boolean added = false;
        for (Parameter p : bundle.parameters()) {
            Object v = answers.values().get(p.name());
            if (p.generate() != null && v != null && !out.containsKey(p.name())) {
                out.put(p.name(), v);
                added = true;
            }
        }
        return added ? out : null;
    }

    static byte[] toYaml(Map<String, Object> values) {
        try {
            return YAML.writeValueAsBytes(values);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The operator's answers plus, for every secret Berth generates that the operator left out, the value the server
     * has on record. Answers the operator gave always win.
     */
    public static Map<String, Object> keepGeneratedSecrets(Bundle bundle, Map<String, Object> given,
                                                           Map<String, Object> previous) {
        Map<String, Object> merged = new HashMap<>(given);
        for (Parameter p : bundle.parameters()) {
            if (p.generate() != null && !merged.containsKey(p.name()) && previous.get(p.name()) != null) {
                merged.put(p.name(), previous.get(p.name()));
            }
        }
        return merged;
    }

    private static void fillGaps(Map<String, Object> into, Map<String, Object> from) {
        from.forEach(into::putIfAbsent);
    }

    /** One line of the read command's output: absent, unreadable, or present with the file in base64. */
    private static Map<String, Object> parse(String line, String file) throws PreviousAnswersException {
        if (line.equals("absent")) {
            return Map.of();
        }
        if (!line.startsWith("present ")) {
            throw cannotRead(file, "unreadable");
        }
        byte[] content;
        try {
            content = Base64.getMimeDecoder().decode(line.substring("present ".length()).strip());
        } catch (IllegalArgumentException e) {
            throw cannotRead(file, "damaged transfer");
        }
        try {
            Object v = YAML.readValue(new ByteArrayInputStream(content), Object.class);
            if (v instanceof Map<?, ?> m) {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, val) -> out.put(String.valueOf(k), val));
                return out;
            }
        } catch (Exception e) {
            // the sentence below says it; the parser's message could quote a secret
        }
        throw cannotRead(file, new String(content, StandardCharsets.UTF_8).isBlank() ? "empty" : "not valid YAML");
    }

    private static PreviousAnswersException cannotRead(String file, String why) {
        return new PreviousAnswersException(Localized.of(
                "Berth 无法读取服务器上的 " + file + "（" + why + "），其中保存着此前部署所用的答案和生成的密钥；"
                        + "为免密钥被换掉、服务连不上自己的数据，本次没有部署。请修复该文件后重试。",
                "Berth cannot read " + file + " on the server (" + why + "), which holds the answers and generated secrets"
                        + " of the earlier deploys; so that no secret is replaced under existing data, nothing was deployed."
                        + " Repair that file and try again."));
    }
}
