package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The help an operator reads, in both languages. */
class CliHelpTest {

    @Test
    void everyCommandIsDescribedInBothLanguages() {
        for (String lang : new String[] {"en", "zh"}) {
            CliRun r = CliRun.run("--help", "--lang", lang);
            assertEquals(ExitCode.OK, r.exitCode(), r.toString());
            for (String name : new CommandLine(new BerthCommand()).getSubcommands().keySet()) {
                String line = r.out().lines().filter(l -> l.strip().startsWith(name + " ")).findFirst().orElse("");
                assertTrue(line.strip().length() > name.length() + 5, lang + ": '" + name + "' has a description: " + r);
            }
        }
        assertTrue(CliRun.run("--help", "--lang", "zh").out().contains("部署"), "the Chinese help is Chinese");
    }

    @Test
    void theChineseMessagesHaveEveryKeyTheEnglishHave() throws Exception {
        Set<String> missing = new TreeSet<>(keys("messages.properties"));
        missing.removeAll(keys("messages_zh_CN.properties"));
        assertEquals(Set.of(), missing);
    }

    private static Set<String> keys(String file) throws Exception {
        java.util.Properties p = new java.util.Properties();
        try (var in = CliHelpTest.class.getResourceAsStream("/dev/berth/cli/" + file)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p.stringPropertyNames();
    }
}
