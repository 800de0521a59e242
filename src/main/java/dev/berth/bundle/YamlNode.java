package dev.berth.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML tree that remembers the line of every node, so manifest errors can point at it. */
sealed interface YamlNode {

    int line();

    /** What the node is, for "expected X, found Y" messages. */
    String kind();

    record Entry(String key, int keyLine, YamlNode value) {}

    record MapNode(int line, Map<String, Entry> entries) implements YamlNode {
        public String kind() {
            return "mapping";
        }

        Entry get(String key) {
            return entries.get(key);
        }
    }

    record ListNode(int line, List<YamlNode> items) implements YamlNode {
        public String kind() {
            return "list";
        }
    }

    /** A scalar with the token Jackson saw (string, int, float, true/false, null). */
    record Scalar(int line, JsonToken token, String text) implements YamlNode {
        public String kind() {
            return switch (token) {
                case VALUE_STRING -> "text";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
                case VALUE_TRUE, VALUE_FALSE -> "true/false";
                default -> "nothing";
            };
        }

        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    /** Thrown for text that is not YAML, or for a key given twice; carries the line. */
    final class SyntaxError extends Exception {
        final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    /** Parses one YAML document; keys given twice are added to {@code duplicates} (the first one is kept). */
    static YamlNode parse(String text, List<SyntaxError> duplicates) throws SyntaxError {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Scalar(1, JsonToken.VALUE_NULL, null);
            }
            return read(p, duplicates);
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    && jpe.getLocation() != null ? jpe.getLocation().getLineNr() : 0;
            String msg = e.getMessage();
            // Jackson appends the location on its own lines; the first line is what went wrong.
            int nl = msg == null ? -1 : msg.indexOf('\n');
            throw new SyntaxError(line, nl > 0 ? msg.substring(0, nl) : String.valueOf(msg));
        }
    }

    private static YamlNode read(JsonParser p, List<SyntaxError> duplicates) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = p.currentTokenLocation().getLineNr();
                p.nextToken();
                YamlNode value = read(p, duplicates);
                if (entries.containsKey(key)) {
                    duplicates.add(new SyntaxError(keyLine, key));
                } else {
                    entries.put(key, new Entry(key, keyLine, value));
                }
            }
            return new MapNode(line, entries);
        }
        if (t == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p, duplicates));
            }
            return new ListNode(line, items);
        }
        return new Scalar(line, t, t == JsonToken.VALUE_NULL ? null : p.getText());
    }
}
