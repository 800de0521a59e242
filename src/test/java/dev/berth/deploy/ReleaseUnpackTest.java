package dev.berth.deploy;

import dev.berth.target.ServerCommands;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ssh.Privilege;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release unpack command, run for real with this machine's tar and chown (the tests run as root, as the
 * command does on the server): files a non-root container reads get that user's uid:gid before the release is named.
 */
class ReleaseUnpackTest {
    @TempDir
    Path tmp;

    private static final ServerCommands COMMANDS = new ServerCommands(Privilege.NONE);

    private static int run(String shellLine, byte[] stdin) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", shellLine).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        }
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private static String stat(Path p) throws Exception {
        Process s = new ProcessBuilder("stat", "-c", "%u:%g %a", p.toString()).start();
        String out = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, s.waitFor());
        return out;
    }

    private static byte[] release() {
        TarWriter tar = new TarWriter();
        tar.addFile("conf/web/token.sh", "API_TOKEN='x'\n".getBytes(StandardCharsets.UTF_8), 0600);
        tar.addFile("conf/apisix/config.yaml", "a: 1\n".getBytes(StandardCharsets.UTF_8), 0640);
        tar.addFile("docker-compose.yml", "services: {}\n".getBytes(StandardCharsets.UTF_8), 0644);
        return tar.finish();
    }

    @Test
    void theCommandIsAValueWithEveryOwnerAsItsOwnArgument() {
        assertEquals(List.of("sh", "-c", COMMANDS.unpackRelease("/r/1", Map.of()).argv().get(2), "sh", "/r/1",
                        "636:636", "a b/c.yaml", "1000:1000", "conf/web/token.sh"),
                COMMANDS.unpackRelease("/r/1", Map.of("conf/web/token.sh", "1000:1000", "a b/c.yaml", "636:636"))
                        .argv());
    }

    @Test
    void listedFilesGetTheirOwnerAndKeepTheirPrivateMode() throws Exception {
        Path dir = tmp.resolve("releases/r1");
        Files.createDirectories(dir.getParent());
        int exit = run(COMMANDS.unpackRelease(dir.toString(),
                Map.of("conf/web/token.sh", "1000:1000", "conf/apisix/config.yaml", "636:636")).toShell(), release());
        assertEquals(0, exit);
        assertEquals("1000:1000 600", stat(dir.resolve("conf/web/token.sh")));
        assertEquals("636:636 640", stat(dir.resolve("conf/apisix/config.yaml")));
        assertEquals("0:0 644", stat(dir.resolve("docker-compose.yml")), "not listed: root's");
        assertFalse(Files.exists(tmp.resolve("releases/r1.partial")));
    }

    @Test
    void aFailedChownLeavesNoReleaseUnderItsName() throws Exception {
        Path dir = tmp.resolve("releases/r2");
        Files.createDirectories(dir.getParent());
        int exit = run(COMMANDS.unpackRelease(dir.toString(), Map.of("conf/missing.yml", "1000:1000")).toShell(),
                release());
        assertNotEquals(0, exit);
        assertFalse(Files.exists(dir), "nothing half-written under the release's name");
        assertTrue(Files.isDirectory(tmp.resolve("releases/r2.partial")));
    }
}
