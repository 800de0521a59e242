package dev.berth.deploy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Release ids sort by time and never collide: {@code 20261122-031502-a1b2}. */
public final class ReleaseId {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern VALID = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{4}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReleaseId() {}

    public static String next(Clock clock) {
        byte[] b = new byte[2];
        RANDOM.nextBytes(b);
        return FORMAT.format(clock.instant()) + "-" + HexFormat.of().formatHex(b);
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
