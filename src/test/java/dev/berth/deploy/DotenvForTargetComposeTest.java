package dev.berth.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.target.ComposeVariant;
import dev.berth.target.Facts;
import dev.berth.target.Fixtures;
import dev.berth.text.DotenvDialect;
import dev.berth.text.Quote;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The release's {@code .env} is spelled for the Compose the probe found on the target: Compose v1 and v2 read the
 * same bytes differently (python-dotenv's <code>$${}{</code> is <code>${}{</code> to compose-go).
 */
class DotenvForTargetComposeTest {
    static final String VALUE = "ab'cd\"ef\\gh${HOME}$x";

    @Test
    void aV2PluginTargetGetsComposeGoSpelling() throws Exception {
        Facts facts = Fixtures.facts("ubuntu1804-gpu.txt");
        assertEquals(ComposeVariant.V2_PLUGIN, facts.docker().compose().orElseThrow().variant());
        assertEquals("TEXT=" + Quote.dotenv(VALUE, DotenvDialect.COMPOSE_GO), firstEnvLine(facts));
    }

    @Test
    void aV1TargetGetsPythonDotenvSpelling() throws Exception {
        Facts facts = Fixtures.facts("local-debian12.txt");
        assertEquals(ComposeVariant.V1_STANDALONE, facts.docker().compose().orElseThrow().variant());
        assertEquals("TEXT=" + Quote.dotenv(VALUE, DotenvDialect.PYTHON_DOTENV), firstEnvLine(facts));
    }

    private static String firstEnvLine(Facts facts) throws Exception {
        Path project = Path.of(System.getProperty("berth.projectDir", System.getProperty("user.dir")));
        Bundle mini = BundleLoader.load(project.resolve("src/test/resources/bundles/mini"));
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("TEXT", VALUE);
        raw.put("TOKEN", "tok");
        raw.put("TLS", true);
        raw.put("CERT", "c");
        raw.put("MODELS", List.of(Map.of("NAME", "a")));
        PreparedRelease release = new Deployer(null, facts.access().privilege(), new ReleaseLayout("/srv/mini"),
                Clock.systemUTC()).prepare(facts, mini, AnswersResolver.resolve(mini, raw), null, "10.0.0.5");
        return release.rendered().file(".env").text().split("\n")[0];
    }
}
