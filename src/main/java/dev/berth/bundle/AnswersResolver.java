package dev.berth.bundle;

import dev.berth.text.Localized;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the operator's raw answers into {@link ResolvedAnswers}: defaults, generated secrets, type checks and
 * normalisation, the bundle's own rules, and {@code when}. Every problem is reported, each as one sentence.
 */
public final class AnswersResolver {
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random;
    private final List<Localized> problems = new ArrayList<>();

    private AnswersResolver(SecureRandom random) {
        this.random = random;
    }

    public static ResolvedAnswers resolve(Bundle bundle, Map<String, Object> rawAnswers) throws AnswersException {
        return resolve(bundle, rawAnswers, new SecureRandom());
    }

    public static ResolvedAnswers resolve(Bundle bundle, Map<String, Object> rawAnswers, SecureRandom random)
            throws AnswersException {
        return new AnswersResolver(random).run(bundle, rawAnswers == null ? Map.of() : rawAnswers);
    }

    private ResolvedAnswers run(Bundle bundle, Map<String, Object> raw) throws AnswersException {
        for (String key : raw.keySet()) {
            if (bundle.parameter(key) == null) {
                problems.add(Localized.of("答案中的 " + key + " 不是此部署包的参数。",
                        key + " is not a parameter of bundle " + bundle.id() + "."));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> hidden = new HashSet<>();
        for (Parameter p : bundle.parameters()) {
            values.put(p.name(), null);
        }
        Conditions conditions = Conditions.of(bundle, raw);
        for (Parameter p : bundle.parameters()) {
            if (!conditions.shown(p)) {
                hidden.add(p.name());
            }
        }
        Set<String> secrets = new LinkedHashSet<>();
        Set<String> generated = new LinkedHashSet<>();
        Set<String> persisted = new LinkedHashSet<>();
        for (Parameter p : bundle.parameters()) {
            if (p.isSecret()) {
                secrets.add(p.name());
            }
            p.fields().stream().filter(Parameter::isSecret).forEach(f -> secrets.add(p.name() + "." + f.name()));
            Object answer = given(raw.get(p.name())) ? raw.get(p.name()) : null;
            boolean isHidden = hidden.contains(p.name());
            Object value;
            if (p.type() == ParamType.LIST) {
                value = resolveList(p, answer, isHidden);
            } else {
                value = resolveScalar(p, p.name(), answer, isHidden, generated);
            }
            values.put(p.name(), value);
            if (answer != null || generated.contains(p.name()) || (!isHidden && isSet(value))) {
                persisted.add(p.name());
            }
        }
        if (!problems.isEmpty()) {
            throw new AnswersException(problems);
        }
        return new ResolvedAnswers(values, secrets, hidden, generated, persisted);
    }

    private static boolean given(Object o) {
        return o != null && !(o instanceof String s && s.isEmpty());
    }

    private static boolean isSet(Object v) {
        return v != null && !(v instanceof String s && s.isEmpty());
    }

    @SuppressWarnings("unchecked")
    private Object resolveList(Parameter p, Object answer, boolean isHidden) {
        if (answer == null) {
            if (!isHidden && p.required() && p.min() != null && p.min() > 0) {
                problems.add(Localized.of(p.name() + " 至少需要 " + p.min() + " 项。",
                        p.name() + " needs at least " + p.min() + " entries; got none."));
            }
            return List.of();
        }
        if (!(answer instanceof List<?> list)) {
            problems.add(Localized.of(p.name() + " 必须是列表。", p.name() + " must be a list of entries."));
            return List.of();
        }
        if (!isHidden && p.min() != null && list.size() < p.min()) {
            problems.add(Localized.of(p.name() + " 至少需要 " + p.min() + " 项，实际只有 " + list.size() + " 项。",
                    p.name() + " needs at least " + p.min() + " entries; got " + list.size() + "."));
        }
        if (p.max() != null && list.size() > p.max()) {
            problems.add(Localized.of(p.name() + " 最多 " + p.max() + " 项，实际有 " + list.size() + " 项。",
                    p.name() + " takes at most " + p.max() + " entries; got " + list.size() + "."));
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = p.name() + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> entry)) {
                problems.add(Localized.of(at + " 必须是字段映射。", at + " must be a mapping of fields."));
                continue;
            }
            for (Object key : entry.keySet()) {
                if (p.field(String.valueOf(key)) == null) {
                    problems.add(Localized.of(at + " 中的 " + key + " 不是 " + p.name() + " 的字段。",
                            at + "." + key + " is not a field of " + p.name() + "."));
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (Parameter f : p.fields()) {
                Object a = ((Map<String, Object>) entry).get(f.name());
                resolved.put(f.name(), resolveScalar(f, at + "." + f.name(), given(a) ? a : null, false,
                        new HashSet<>()));
            }
            entries.add(resolved);
        }
        return entries;
    }

    private Object resolveScalar(Parameter p, String label, Object answer, boolean isHidden, Set<String> generated) {
        Object v = answer != null ? answer : p.defaultValue();
        if (v == null && p.generate() != null && !isHidden) {
            generated.add(label);
            v = generate(p.generate());
        }
        if (v == null) {
            if (p.required() && !isHidden) {
                problems.add(Localized.of(label + " 是必填项。", label + " is required."));
            }
            return p.type() == ParamType.BOOL ? Boolean.FALSE : "";
        }
        return check(p, label, v);
    }

    String generate(Generate g) {
        byte[] bytes = new byte[g.bytes()];
        random.nextBytes(bytes);
        return switch (g.alphabet()) {
            case HEX -> HexFormat.of().formatHex(bytes);
            case BASE64URL -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            case ALNUM -> {
                // As many characters as carry the same entropy as the bytes asked for.
                int length = (int) Math.ceil(g.bytes() * 8 / (Math.log(ALNUM.length()) / Math.log(2)));
                StringBuilder sb = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
                }
                yield sb.toString();
            }
        };
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
