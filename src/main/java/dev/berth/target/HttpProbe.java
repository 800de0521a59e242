package dev.berth.target;

import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes HTTP requests from the target itself, all in one exec: the same network path the stack's containers will
 * use (a model server the laptop can reach may still be out of the server's reach). Each request goes as a curl
 * config on stdin — URL, headers and body never appear in an argv, a process list or a log — and the answers come
 * back as plain lines, parsed by {@link #parse(String)} without any I/O.
 */
public final class HttpProbe {
    /** Bytes of each answer's body kept: enough for an error message or the {@code model} field. */
    public static final int BODY_LIMIT = 4096;
    static final String NO_CURL = "BERTH-NO-CURL";
    static final String ANSWER = "BERTH-HTTP";

    // Reads "ID BASE64-CURL-CONFIG" lines; prints per request "BERTH-HTTP ID CURL-EXIT HTTP-CODE", then the body
    // and curl's error, each base64 on one line. The private temp dir holds the configs only while it runs.
    static final String SCRIPT = String.join("\n",
            "command -v curl >/dev/null 2>&1 || { echo " + NO_CURL + "; exit 0; }",
            "umask 077",
            "d=$(mktemp -d 2>/dev/null || mktemp -d -t berth.XXXXXX) || exit 3",
            "trap 'rm -rf \"$d\"' EXIT",
            "while read -r id cfg; do",
            "  [ -n \"$id\" ] || continue",
            "  printf '%s' \"$cfg\" | base64 -d > \"$d/cfg\" 2>/dev/null || printf '%s' \"$cfg\" | base64 --decode > \"$d/cfg\"",
            "  : > \"$d/body\"; : > \"$d/err\"",
            "  code=$(curl -K \"$d/cfg\" -s -S -o \"$d/body\" -w '%{http_code}' 2>\"$d/err\" </dev/null); rc=$?",
            "  echo \"" + ANSWER + " $id $rc ${code:-000}\"",
            "  head -c " + BODY_LIMIT + " \"$d/body\" | base64 | tr -d '\\n'; echo",
            "  head -c 400 \"$d/err\" | base64 | tr -d '\\n'; echo",
            "done",
            "");

    private HttpProbe() {}

    /** The command run on the target; it carries no value of any request (those go through stdin). */
    public static RemoteCommand command() {
        return RemoteCommand.script(SCRIPT);
    }

    /** What is fed to the command's stdin: one line per request. */
    public static byte[] stdin(List<HttpRequest> requests) {
        StringBuilder sb = new StringBuilder();
        for (HttpRequest r : requests) {
            if (!r.id().matches("[A-Za-z0-9._:-]+")) {
                throw new IllegalArgumentException("request id must be a plain token: " + r.id());
            }
            sb.append(r.id()).append(' ').append(Base64.getEncoder().encodeToString(
                    curlConfig(r).getBytes(StandardCharsets.UTF_8))).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** curl's config-file form of one request (curl -K); every value double-quoted with curl's escapes. */
    static String curlConfig(HttpRequest r) {
        StringBuilder sb = new StringBuilder();
        sb.append("url = ").append(quote(r.url())).append('\n');
        sb.append("request = ").append(quote(r.method())).append('\n');
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            sb.append("header = ").append(quote(h.getKey() + ": " + h.getValue())).append('\n');
        }
        if (r.body() != null) {
            sb.append("data-binary = ").append(quote(r.body())).append('\n');
        }
        sb.append("max-time = ").append(Math.max(1, r.timeoutSeconds())).append('\n');
        sb.append("connect-timeout = ").append(Math.max(1, Math.min(10, r.timeoutSeconds()))).append('\n');
        return sb.toString();
    }

    /** A double-quoted curl config string: backslash, quote and control characters escaped. */
    static String quote(String v) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** The result of one run: the answers by request id, or that the server has no curl. */
    public record Result(boolean curlMissing, Map<String, HttpAnswer> answers, String raw) {
        public Result {
            answers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        }
    }

    /** Runs every request in one exec. */
    public static Result run(RemoteShell shell, List<HttpRequest> requests) throws SshException {
        if (requests.isEmpty()) {
            return new Result(false, Map.of(), "");
        }
        int total = requests.stream().mapToInt(r -> Math.max(1, r.timeoutSeconds())).sum();
        ExecResult r = shell.exec(command(), stdin(requests), Duration.ofSeconds(total + 30L));
        return parse(r.stdout());
    }

    /** Parses the script's output; pure, so a kept raw output can be judged again. */
    public static Result parse(String stdout) {
        List<String> lines = new ArrayList<>(stdout.lines().toList());
        if (lines.stream().anyMatch(NO_CURL::equals)) {
            return new Result(true, Map.of(), stdout);
        }
        Map<String, HttpAnswer> answers = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] w = lines.get(i).split(" ");
            if (w.length != 4 || !w[0].equals(ANSWER)) {
                continue;
            }
            String body = i + 1 < lines.size() ? decode(lines.get(i + 1)) : "";
            String err = i + 2 < lines.size() ? decode(lines.get(i + 2)).strip() : "";
            answers.put(w[1], new HttpAnswer(w[1], toInt(w[2]), toInt(w[3]), body, err));
            i += 2;
        }
        return new Result(false, answers, stdout);
    }

    private static String decode(String b64) {
        try {
            return new String(Base64.getDecoder().decode(b64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static int toInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
