package dev.berth.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Recorded probe outputs under src/test/resources/probe/. */
public final class Fixtures {
    private Fixtures() {}

    public static String raw(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/probe/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Facts facts(String name) {
        return FactsParser.parse(raw(name));
    }
}
