package dev.berth.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.target.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leftover data folder's fix, run for real in a local shell: the folder is moved aside whole and named, never
 * deleted; a live deployment's data is refused.
 */
class DataSetAsideTest {
    private record Ran(int exit, String out, String err) {}

    private static Ran run(Path installDir) throws Exception {
        List<String> argv = DataFolderCheck.setAside(installDir.toString(), Fixtures.facts("local-debian12.txt"))
                .command().argv();
        // The fix's own argv, without the sudo a non-root login would get.
        Process p = new ProcessBuilder(argv.subList(argv.indexOf("sh"), argv.size())).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(p.waitFor(), out, err);
    }

    @Test
    void theLeftoverFolderIsMovedAsideWholeUnderANameWithTheTime(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data/mysql"));
        Files.writeString(data.resolve("ibdata1"), "half-initialised");
        Ran r = run(dir);
        assertEquals(0, r.exit(), r.toString());
        Path aside = Path.of(r.out().strip());
        assertTrue(aside.getFileName().toString().matches("data\\.leftover-\\d{8}-\\d{6}"), r.out());
        assertEquals("half-initialised", Files.readString(aside.resolve("mysql/ibdata1")), "kept, not deleted");
        assertTrue(Files.notExists(dir.resolve("data")), "the next deploy starts on an empty data folder");
    }

    @Test
    void aLiveDeploymentsDataIsNeverLeftOvers(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data/web"));
        Files.createDirectories(dir.resolve("releases/r1"));
        Files.createSymbolicLink(dir.resolve("current"), Path.of("releases/r1"));
        Ran r = run(dir);
        assertEquals(75, r.exit(), r.toString());
        assertTrue(r.err().contains("a deployment is live in " + dir + ": its data is not left over"), r.err());
        assertTrue(Files.isDirectory(dir.resolve("data/web")), "nothing moved");
    }
}
