package dev.berth.bundle;

import dev.berth.text.Localized;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules one answer to one scalar parameter (or list field) follows: required, type, range, choices, length,
 * pattern, no NUL; secret values are never echoed. Answer resolution applies them to every value and the wizard
 * to one field as it is typed, so a field is explained exactly as a deploy would explain it.
 */
public final class AnswerValidator {
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

    private final List<Localized> problems;

    private AnswerValidator(List<Localized> problems) {
        this.problems = problems;
    }

    /**
     * The problems of one answer to a shown parameter, each one sentence naming it; empty when the answer is fine.
     * No answer (null or "") takes the default; with neither, a secret with a generator is fine (one is
     * generated) and a required parameter is missing.
     */
    public static List<Localized> problems(Parameter p, Object answer) {
        Object v = answer != null && !(answer instanceof String s && s.isEmpty()) ? answer : p.defaultValue();
        List<Localized> out = new ArrayList<>();
        if (v != null || p.generate() == null) {
            check(p, p.name(), v, true, out);
        }
        return out;
    }

    /**
     * Checks and normalises one value (null: none, after default and generator) into {@code problems}: Long for
     * int/port, Boolean for bool, String otherwise; "" (bool: false) when there is none. A wrong value is
     * returned as given. {@code needed}: the parameter is shown, so a missing required value is a problem.
     */
    static Object check(Parameter p, String label, Object v, boolean needed, List<Localized> problems) {
        if (v == null) {
            if (p.required() && needed) {
                problems.add(Localized.of(label + " 是必填项。", label + " is required."));
            }
            return p.type() == ParamType.BOOL ? Boolean.FALSE : "";
        }
        return new AnswerValidator(problems).check(p, label, v);
    }

    /** Type-checks and normalises one value; reports and returns it as given when it is wrong. */
    private Object check(Parameter p, String label, Object v) {
        switch (p.type()) {
            case INT, PORT -> {
                Long n = toLong(v);
                boolean port = p.type() == ParamType.PORT;
                long lo = p.min() != null ? p.min() : port ? 1 : Long.MIN_VALUE;
                long hi = p.max() != null ? p.max() : port ? 65535 : Long.MAX_VALUE;
                if (port) {
                    lo = Math.max(lo, 1);
                    hi = Math.min(hi, 65535);
                }
                String range = rangeText(lo, hi);
                String rangeZh = (port ? "端口" : "整数") + (range.isEmpty() ? "" : "（" + rangeZh(lo, hi) + "）");
                if (n == null) {
                    problems.add(Localized.of(label + " 必须是" + rangeZh + "；实际是 " + v + "。", label + " must be "
                            + (port ? "a port" : "a whole number") + range + "; got " + v + "."));
                    return v;
                }
                if (n < lo || n > hi) {
                    problems.add(withMessage(p, label, Localized.of(label + " 必须是" + rangeZh + "；实际是 " + n + "。",
                            label + " must be " + (port ? "a port" : "a whole number") + range + "; got " + n + ".")));
                }
                return n;
            }
            case BOOL -> {
                if (v instanceof Boolean b) {
                    return b;
                }
                String s = String.valueOf(v).trim();
                if (s.equals("true") || s.equals("false")) {
                    return Boolean.valueOf(s);
                }
                problems.add(Localized.of(label + " 必须是 true 或 false；实际是 " + v + "。",
                        label + " must be true or false; got " + v + "."));
                return v;
            }
            case LIST -> throw new IllegalStateException("lists are resolved apart");
            default -> {
                if (v instanceof Map<?, ?> || v instanceof List<?>) {
                    problems.add(Localized.of(label + " 必须是单个值，不能是列表或映射。",
                            label + " must be a single value, not a list or mapping."));
                    return v;
                }
                String s = String.valueOf(v);
                checkText(p, label, s);
                return s;
            }
        }
    }

    private static String rangeText(long lo, long hi) {
        if (lo == Long.MIN_VALUE && hi == Long.MAX_VALUE) {
            return "";
        }
        if (hi == Long.MAX_VALUE) {
            return " from " + lo + " up";
        }
        if (lo == Long.MIN_VALUE) {
            return " up to " + hi;
        }
        return " from " + lo + " to " + hi;
    }

    private static String rangeZh(long lo, long hi) {
        if (hi == Long.MAX_VALUE) {
            return "不小于 " + lo;
        }
        if (lo == Long.MIN_VALUE) {
            return "不大于 " + hi;
        }
        return lo + " 到 " + hi;
    }

    private void checkText(Parameter p, String label, String s) {
        boolean secret = p.isSecret();
        String shown = secret ? "" : "；实际是 " + s;
        String shownEn = secret ? "" : "; got " + s;
        switch (p.type()) {
            case CHOICE -> {
                List<String> allowed = p.choices().stream().map(Choice::value).toList();
                if (!allowed.contains(s)) {
                    problems.add(Localized.of(label + " 必须是以下之一：" + String.join(", ", allowed) + shown + "。",
                            label + " must be one of " + String.join(", ", allowed) + shownEn + "."));
                }
                return;
            }
            case HOST -> {
                if (!(HOSTNAME.matcher(s).matches() || (IPV6.matcher(s).matches() && isIpv6(s)))) {
                    problems.add(Localized.of(label + " 必须是主机名或 IP 地址" + shown + "。",
                            label + " must be a host name or IP address" + shownEn + "."));
                    return;
                }
            }
            case URL -> {
                if (!isHttpUrl(s)) {
                    problems.add(Localized.of(label + " 必须是以 http:// 或 https:// 开头的网址" + shown + "。",
                            label + " must be a URL starting with http:// or https://" + shownEn + "."));
                    return;
                }
            }
            default -> { }
        }
        if (s.indexOf('\0') >= 0) {
            problems.add(Localized.of(label + " 不能包含 NUL 字符。", label + " cannot contain a NUL character."));
        }
        if (!p.lengths().isEmpty()) {
            int bytes = s.getBytes(StandardCharsets.UTF_8).length;
            if (!p.lengths().contains(bytes)) {
                String ls = p.lengths().stream().map(String::valueOf).collect(Collectors.joining(", "));
                problems.add(withMessage(p, label, Localized.of(label + " 的长度必须是 " + ls + " 字节之一；实际是 "
                        + bytes + " 字节。", label + " must be " + ls + " bytes long; got " + bytes + " bytes.")));
            }
        }
        if (p.pattern() != null && !Pattern.compile(p.pattern()).matcher(s).matches()) {
            problems.add(withMessage(p, label, Localized.of(label + " 的格式不符合要求（" + p.pattern() + "）" + shown
                    + "。", label + " does not match the required form " + p.pattern() + shownEn + ".")));
        }
    }

    /** The bundle's own message when it has one, still naming the parameter. */
    private static Localized withMessage(Parameter p, String label, Localized fallback) {
        if (p.message() == null) {
            return fallback;
        }
        return Localized.of(label + "：" + p.message().zh(), label + ": " + p.message().en());
    }

    private static Long toLong(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof String s && INTEGER.matcher(s.trim()).matches()) {
            return Long.parseLong(s.trim());
        }
        return null;
    }

    private static boolean isIpv6(String s) {
        try {
            return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI u = new URI(s);
            return (u.getScheme() != null && (u.getScheme().equals("http") || u.getScheme().equals("https")))
                    && u.getHost() != null && !s.chars().anyMatch(Character::isWhitespace);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
