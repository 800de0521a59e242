package dev.berth.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.text.DotenvDialect;
import dev.berth.text.Quote;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No known secret survives in any form Berth writes, and strangers are caught by their names. */
public class SecretRedactorTest {
    public static final String HOSTILE = "p&#/,$(id)'\"\\ 中文\nsecond line of it";

    /** Every form the support bundle must not hold. */
    public static List<String> forms(String s) {
        String json = Quote.json(s);
        return List.of(s, json.substring(1, json.length() - 1), Quote.shell(s), Quote.dotenv(s, DotenvDialect.COMPOSE_GO),
                Quote.dotenv(s, DotenvDialect.PYTHON_DOTENV), s.replace("$", "$$"),
                Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)), "second line of it");
    }

    @Test
    void aKnownSecretIsGoneInEveryFormAndTheRestStays() {
        SecretRedactor r = new SecretRedactor(List.of(HOSTILE, "ab"));
        for (String f : forms(HOSTILE)) {
            String text = "before " + f + " after ab";
            String out = r.redact(text);
            assertFalse(out.contains(f), "left in: " + f + " → " + out);
            assertTrue(out.startsWith("before ") && out.endsWith(" after ab"), "the rest stays, short values too: " + out);
        }
    }

    @Test
    void valuesNamedLikeSecretsAndPrivateKeysAreRemovedWithoutBeingKnown() {
        SecretRedactor r = new SecretRedactor(List.of());
        assertEquals("MYSQL_ROOT_PASSWORD=[REDACTED] port=3306", r.redact("MYSQL_ROOT_PASSWORD=s3cr3tValue port=3306"));
        assertEquals("{\"api_key\": \"[REDACTED]\"}", r.redact("{\"api_key\": \"AKIA1234567\"}"));
        assertEquals("token: [REDACTED]\n", r.redact("token: ghp_abcdef\n"));
        assertEquals("key:\n[REDACTED]\n", r.redact("key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n"
                + "-----END OPENSSH PRIVATE KEY-----\n"));
    }
}
