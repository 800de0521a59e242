package dev.berth.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.Parameter;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers the live release was deployed with. Each release keeps them in {@code .berth/answers.yaml} (mode 0600,
 * beside rendered files that hold the same secrets), so a redeploy keeps the secrets Berth generated the first time:
 * a database password must not change under the data it protects.
 */
public final class PreviousAnswers {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PreviousAnswers() {}

    public static Map<String, Object> read(RemoteShell shell, ServerCommands commands, ReleaseLayout layout)
            throws SshException {
        String text = shell.exec(commands.readFile(layout.current() + "/.berth/answers.yaml").toShell(),
                Duration.ofSeconds(20)).stdout();
        if (text.isBlank()) {
            return Map.of();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = YAML.readValue(text, LinkedHashMap.class);
            return m == null ? Map.of() : m;
        } catch (Exception e) {
            return Map.of();
        }
    }

    /**
     * The operator's answers plus, for every secret Berth generates that the operator left out, the value the live
     * release used. Answers the operator gave always win.
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
}
