package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The compose file's values as Compose reads them with .env, since docker stack deploy reads no .env. */
class ComposeInterpolationTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, String> ENV = Map.of("PORT", "18080", "EMPTY", "", "GREETING", "Hello",
            "PRICE", "5$ or $HOME");

    private static String in(String text) throws Exception {
        return ComposeInterpolation.interpolate(text, ENV, new TreeSet<>());
    }

    @Test
    void everyFormReadsAsCompose() throws Exception {
        assertEquals("18080:8080", in("${PORT}:8080"));
        assertEquals("18080:8080", in("$PORT:8080"));
        assertEquals("Hello, world", in("$GREETING, world"), "a bare name ends where name characters end");
        assertEquals("18080", in("${PORT:-1}"));
        assertEquals("dflt", in("${EMPTY:-dflt}"), ":- takes the default for an empty value too");
        assertEquals("", in("${EMPTY-dflt}"), "- takes it only when unset");
        assertEquals("dflt", in("${UNSET-dflt}"));
        assertEquals("dflt", in("${UNSET:-dflt}"));
        assertEquals("at 18080", in("${UNSET:-at ${PORT}}"), "a default may hold a reference");
        assertEquals("18080", in("${PORT:?the port is needed}"));
        assertEquals("", in("${EMPTY?set but empty is enough}"));
        assertEquals("on", in("${PORT:+on}"));
        assertEquals("", in("${EMPTY:+on}"));
        assertEquals("on", in("${EMPTY+on}"));
        assertEquals("", in("${UNSET+on}"));
    }

    @Test
    void doubleDollarIsOneLiteralDollarAndALoneDollarStays() throws Exception {
        assertEquals("echo $HOME", in("echo $$HOME"));
        assertEquals("${PORT}", in("$${PORT}"), "an escaped reference is not substituted");
        assertEquals("costs 5$", in("costs 5$"));
        assertEquals("$1 and $ ", in("$1 and $ "), "compose-go leaves a '$' before anything but a name or brace");
    }

    @Test
    void anUnsetNameIsEmptyAndReportedOnce() throws Exception {
        Set<String> unset = new TreeSet<>();
        assertEquals("a-[]-[]", ComposeInterpolation.interpolate("a-[${NOPE}]-[$NOPE]", ENV, unset));
        assertEquals(Set.of("NOPE"), unset);
        Set<String> none = new TreeSet<>();
        ComposeInterpolation.interpolate("${NOPE:-x}${NOPE-y}${NOPE:+z}", ENV, none);
        assertTrue(none.isEmpty(), "a form with a default is no warning: " + none);
    }

    @Test
    void aRequiredVariableWithoutValueIsRefusedNamingServiceKeyAndMessage() throws Exception {
        ObjectNode root = (ObjectNode) YAML.readTree("""
                services:
                  web:
                    environment:
                      TOKEN: "${EMPTY:?set API_TOKEN in the form}"
                """);
        RenderException e = assertThrows(RenderException.class,
                () -> ComposeInterpolation.interpolateTree(root, ENV, new TreeSet<>()));
        assertEquals("service web, environment.TOKEN: required variable EMPTY is missing a value: set API_TOKEN in the"
                + " form", e.sentence().en());
        assertTrue(e.sentence().zh().contains("EMPTY"), e.sentence().zh());
        ObjectNode unset = (ObjectNode) YAML.readTree("services: {web: {image: \"app:${TAG?no tag}\"}}");
        RenderException u = assertThrows(RenderException.class,
                () -> ComposeInterpolation.interpolateTree(unset, ENV, new TreeSet<>()));
        assertEquals("service web, image: required variable TAG is missing a value: no tag", u.sentence().en());
    }

    @Test
    void aBraceThatIsNoFormIsRefusedWithoutShowingTheValue() throws Exception {
        ObjectNode root = (ObjectNode) YAML.readTree("services: {db: {command: [\"run\", \"${secret-looking value\"]}}");
        RenderException e = assertThrows(RenderException.class,
                () -> ComposeInterpolation.interpolateTree(root, ENV, new TreeSet<>()));
        assertTrue(e.sentence().en().startsWith("service db, command[1]: invalid interpolation format"),
                e.sentence().en());
        assertFalse(e.sentence().en().contains("secret-looking"), e.sentence().en());
        for (String bad : new String[] {"${}", "${1X}", "${A=b}", "${A:}", "${A"}) {
            assertThrows(ComposeInterpolation.Failure.class, () -> in(bad), bad);
        }
    }

    @Test
    void theTreeIsInterpolatedInPlaceValuesOnlyAndNumbersUntouched() throws Exception {
        ObjectNode root = (ObjectNode) YAML.readTree("""
                services:
                  web:
                    ports: ["${PORT}:8080"]
                    environment: {"$$KEY": "$GREETING"}
                    healthcheck: {retries: 3}
                """);
        ComposeInterpolation.interpolateTree(root, ENV, new TreeSet<>());
        JsonNode web = root.path("services").path("web");
        assertEquals("18080:8080", web.path("ports").get(0).asText());
        assertEquals("Hello", web.path("environment").path("$$KEY").asText(), "keys are not interpolated");
        assertTrue(web.path("healthcheck").path("retries").isInt());
    }

    @Test
    void aValueHoldingADollarComesOutDoubledForTheSecondInterpolation() throws Exception {
        ObjectNode root = (ObjectNode) YAML.readTree("""
                services:
                  shop:
                    environment: {PRICE: "${PRICE}", SHELL_LINE: "echo $$HOME"}
                    command: ["sh", "-c", "echo $${PATH}"]
                """);
        ComposeInterpolation.interpolateTree(root, ENV, new TreeSet<>());
        ComposeInterpolation.escapeDollars(root);
        JsonNode shop = root.path("services").path("shop");
        assertEquals("5$$ or $$HOME", shop.path("environment").path("PRICE").asText());
        assertEquals("echo $$HOME", shop.path("environment").path("SHELL_LINE").asText());
        assertEquals("echo $${PATH}", shop.path("command").get(2).asText());
        // What docker stack deploy then reads is exactly what Compose gave.
        assertEquals("5$ or $HOME", ComposeInterpolation.interpolate(shop.path("environment").path("PRICE").asText(),
                Map.of("HOME", "/root"), new TreeSet<>()));
    }
}
