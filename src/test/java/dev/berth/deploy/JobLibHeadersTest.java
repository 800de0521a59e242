package dev.berth.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The job library's headers say what a server needs, and the unit tier holds them to it: the sandbox's PATH has
 * the tools the headers name and nothing else, so the JobLib*Test classes passing on it prove the list is enough.
 */
class JobLibHeadersTest {
    /** The "# Needs: ..." lines of every part's header. */
    static String needs() {
        StringBuilder sb = new StringBuilder();
        for (String part : PlanScript.LIBRARY_PARTS) {
            boolean in = false;
            for (String line : PlanScript.part(part).split("\n")) {
                if (!line.startsWith("#")) {
                    break;
                }
                if (line.startsWith("# Needs: ")) {
                    in = true;
                } else if (line.startsWith("# Must keep")) {
                    in = false;
                }
                if (in) {
                    sb.append(line).append('\n');
                }
            }
        }
        return sb.toString();
    }

    @Test
    void everyToolTheSandboxOffersIsNamedInAHeader() {
        String needs = needs();
        List<String> unnamed = new ArrayList<>();
        for (String tool : JobLibSandbox.TOOLS) {
            if (!Pattern.compile("(?<![\\w-])" + Pattern.quote(tool) + "(?![\\w-])").matcher(needs).find()) {
                unnamed.add(tool);
            }
        }
        for (String fake : List.of("docker", "docker-compose", "docker compose", "curl")) {
            if (!needs.contains(fake)) {
                unnamed.add(fake);
            }
        }
        assertEquals(List.of(), unnamed, needs);
    }
}
