package dev.berth.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.text.Localized;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an answers file: a YAML mapping of parameter names to values. */
public final class AnswersFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private AnswersFile() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) throws AnswersException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw fail("找不到答案文件 " + file + "。", "the answers file " + file + " does not exist.");
        } catch (IOException e) {
            throw fail("无法读取答案文件 " + file + "：" + e.getMessage() + "。",
                    "the answers file " + file + " cannot be read: " + e.getMessage() + ".");
        }
        Object root;
        try {
            root = text.isBlank() ? Map.of() : YAML.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().split("\n")[0];
            throw fail("答案文件 " + file + " 第 " + line + " 行不是有效的 YAML：" + what + "。",
                    "the answers file " + file + " is not valid YAML at line " + line + ": " + what + ".");
        }
        if (root == null) {
            return new LinkedHashMap<>();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw fail("答案文件 " + file + " 必须是“名称: 值”的映射。",
                    "the answers file " + file + " must be a mapping of NAME: value lines.");
        }
        return new LinkedHashMap<>((Map<String, Object>) map);
    }

    private static AnswersException fail(String zh, String en) {
        return new AnswersException(List.of(Localized.of(zh, en)));
    }
}
