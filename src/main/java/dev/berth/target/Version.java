package dev.berth.target;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dotted version as tools print it: "20.10.24", "v2.24.5", "26.1.3-ce", "20.10.24+dfsg1", "1.13.1". Only the
 * leading numbers count; a suffix after them is kept for display but ignored when comparing, and missing parts
 * are zero ("20.10" equals "20.10.0").
 */
public record Version(List<Integer> parts, String text) implements Comparable<Version> {

    private static final Pattern LEADING = Pattern.compile("^[vV]?(\\d+(?:\\.\\d+)*)");

    public Version {
        parts = List.copyOf(parts);
    }

    /** Parses the leading dotted numbers; text without any gives an empty version that sorts lowest. */
    public static Version parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = LEADING.matcher(t);
        List<Integer> parts = new ArrayList<>();
        if (m.find()) {
            for (String p : m.group(1).split("\\.")) {
                try {
                    parts.add(Integer.parseInt(p));
                } catch (NumberFormatException e) {
                    parts.add(Integer.MAX_VALUE);
                }
            }
        }
        return new Version(parts, t);
    }

    public boolean isKnown() {
        return !parts.isEmpty();
    }

    public int major() {
        return parts.isEmpty() ? 0 : parts.get(0);
    }

    public boolean atLeast(Version other) {
        return compareTo(other) >= 0;
    }

    public boolean atLeast(String other) {
        return atLeast(parse(other));
    }

    @Override
    public int compareTo(Version o) {
        int n = Math.max(parts.size(), o.parts.size());
        for (int i = 0; i < n; i++) {
            int a = i < parts.size() ? parts.get(i) : 0;
            int b = i < o.parts.size() ? o.parts.get(i) : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
