package dev.berth.deploy;

import dev.berth.text.DotenvDialect;
import dev.berth.text.Quote;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text that leaves the server in a support bundle: every value Berth knows to be secret, in
 * every form Berth or a service may have written it (as it is, each of its lines, JSON-escaped, shell-quoted,
 * .env-quoted for both Compose dialects, with compose's {@code $$}, URL-encoded, base64), and then anything that
 * looks like a password, token or key by its name ({@code password: ...}, {@code API_KEY=...}) or a PEM private key.
 */
public final class SecretRedactor {
    public static final String MARK = "[REDACTED]";
    /** Shorter values would also match ordinary text; they are still caught by name. */
    static final int MIN_LENGTH = 4;
    private static final Pattern NAMED = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)"
                    + "[\\w.-]*[\"']?\\s*[:=]\\s*[\"']?)([^\\s\"',;&}]{3,})");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\\s\\S]*?-----END \\1PRIVATE KEY-----");

    private final List<String> forms;

    public SecretRedactor(Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s == null || s.length() < MIN_LENGTH) {
                continue;
            }
            addForms(s, all);
            for (String line : s.split("\\R")) {
                if (line.length() >= MIN_LENGTH + 2) {
                    addForms(line, all);
                }
            }
        }
        List<String> sorted = new ArrayList<>(all);
        // Longest first: a quoted form is removed whole, not left with its quotes around the mark.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.forms = List.copyOf(sorted);
    }

    private static void addForms(String s, Set<String> out) {
        out.add(s);
        String json = Quote.json(s);
        out.add(json);
        out.add(json.substring(1, json.length() - 1));
        out.add(Quote.shell(s));
        out.add(s.replace("$", "$$"));
        for (DotenvDialect d : DotenvDialect.values()) {
            try {
                out.add(Quote.dotenv(s, d));
            } catch (RuntimeException e) {
                // a value that dialect cannot hold was never written in it
            }
        }
        out.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.add(Base64.getEncoder().encodeToString(bytes));
        out.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        out.removeIf(f -> f.length() < MIN_LENGTH);
    }

    public String redact(String text) {
        String out = text;
        for (String f : forms) {
            if (out.contains(f)) {
                out = out.replace(f, MARK);
            }
        }
        out = PEM.matcher(out).replaceAll(MARK);
        Matcher m = NAMED.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(2).startsWith(MARK) ? m.group() : m.group(1) + MARK));
        }
        return m.appendTail(sb).toString();
    }
}
