package dev.berth.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.berth.files.PrivateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every parameter's value after defaults, generation and checks, in the bundle's order. Values are String
 * (text, host, url, secret, choice; "" for an unset optional or hidden value), Long (int, port), Boolean (bool),
 * or {@code List<Map<String,Object>>} (list).
 */
public final class ResolvedAnswers {
    public static final String MASK = "********";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private final Map<String, Object> values;
    private final Set<String> secretNames;
    private final Set<String> hidden;
    private final Set<String> generated;
    /** Names to write back: what the operator gave, what was generated, and every visible value that is set. */
    private final Set<String> persisted;

    ResolvedAnswers(Map<String, Object> values, Set<String> secretNames, Set<String> hidden, Set<String> generated,
            Set<String> persisted) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.secretNames = Set.copyOf(secretNames);
        this.hidden = Set.copyOf(hidden);
        this.generated = Set.copyOf(generated);
        this.persisted = new LinkedHashSet<>(persisted);
    }

    public Map<String, Object> values() {
        return values;
    }

    public Object get(String name) {
        return values.get(name);
    }

    /** Secret parameters, and for lists {@code LIST.FIELD} of each secret field. */
    public Set<String> secretNames() {
        return secretNames;
    }

    public boolean isSecret(String name) {
        return secretNames.contains(name);
    }

    /** Parameters whose {@code when} is not met: neither shown nor required. */
    public Set<String> hidden() {
        return hidden;
    }

    /** Secrets Berth generated because no answer was given. */
    public Set<String> generated() {
        return generated;
    }

    /** The values with every secret replaced by {@link #MASK}, for display and logs. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> masked() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (secretNames.contains(e.getKey())) {
                v = MASK;
            } else if (v instanceof List<?> list) {
                List<Map<String, Object>> entries = new java.util.ArrayList<>();
                for (Object entry : list) {
                    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) entry);
                    copy.replaceAll((k, x) -> secretNames.contains(e.getKey() + "." + k) ? MASK : x);
                    entries.add(copy);
                }
                v = entries;
            }
            out.put(e.getKey(), v);
        }
        return Collections.unmodifiableMap(out);
    }

    /** An answers file that resolves to these same values (generated secrets included). Holds secrets. */
    public String toYaml() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : persisted) {
            out.put(name, values.get(name));
        }
        try {
            return out.isEmpty() ? "{}\n" : YAML.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@link #toYaml()} to {@code file} with mode 0600. */
    public void writeTo(Path file) throws IOException {
        PrivateFile.write(file, toYaml().getBytes(StandardCharsets.UTF_8), 0600);
    }

    @Override
    public String toString() {
        return "ResolvedAnswers" + masked();
    }
}
