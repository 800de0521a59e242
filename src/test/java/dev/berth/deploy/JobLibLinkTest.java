package dev.berth.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The links of job-lib/lifecycle.sh: {@code current} (the live release) and {@code active} (what Compose runs) are
 * replaced in one rename, so there is never a moment where a reader, or a status check, finds no release.
 */
class JobLibLinkTest extends SandboxedJobLibTest {
    static final String OLD = "20261201-100000-aaaa";

    @BeforeEach
    void oldReleaseIsCurrent() throws Exception {
        box.release(OLD);
        Files.createSymbolicLink(box.installDir.resolve("current"), Path.of("releases/" + OLD));
    }

    @Test
    void theSwitchLeavesCurrentALinkToTheNewReleaseAndNothingBeside() throws Exception {
        JobLibSandbox.Run r = box.call("switch_current");
        assertEquals(0, r.exit(), r.toString());
        Path current = box.installDir.resolve("current");
        assertTrue(Files.isSymbolicLink(current));
        assertEquals(Path.of("releases/" + JobLibSandbox.RELEASE), Files.readSymbolicLink(current));
        assertEquals("succeeded\n", box.stateFile("status"));
        try (var names = Files.list(box.installDir)) {
            assertEquals(List.of("active", "current", "releases"),
                    names.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary link is left");
        }
    }

    @Test
    void aReaderNeverFindsCurrentMissingWhileItIsSwitchedBackAndForth() throws Exception {
        // A reader in a loop beside 300 switches: it starts before the first and stops after the last.
        JobLibSandbox.Run r = box.call("""
                cd "$BERTH_INSTALL_DIR"
                ( n=0; : > reader.started
                  while [ ! -e reader.stop ]; do
                      if [ -L current ]; then n=$((n + 1)); else echo missing >> reader.misses; fi
                  done
                  echo "$n" > reader.reads ) &
                reader=$!
                while [ ! -e reader.started ]; do :; done
                for ((i = 0; i < 150; i++)); do
                    berth_link current '%s' || exit 1
                    berth_link current "$BERTH_RELEASE_ID" || exit 1
                done
                : > reader.stop
                wait "$reader"
                """.formatted(OLD));
        assertEquals(0, r.exit(), r.toString());
        assertFalse(Files.exists(box.installDir.resolve("reader.misses")), "the reader found current missing");
        assertTrue(Integer.parseInt(Files.readString(box.installDir.resolve("reader.reads")).strip()) > 0);
        assertEquals(Path.of("releases/" + JobLibSandbox.RELEASE), Files.readSymbolicLink(box.installDir.resolve("current")));
    }

    @Test
    void theLinkIsReplacedByOneRenameAndNeverRemovedFirst() throws Exception {
        // The window a reader could fall into is an rm (or unlink) of the link before the new one is moved in.
        String body = box.call("declare -f berth_link").out();
        Matcher mv = Pattern.compile("\\bmv\\b[^;\\n]*").matcher(body);
        int moves = 0;
        while (mv.find()) {
            moves++;
            assertTrue(mv.group().startsWith("mv -T "), "every move replaces the link as a file: " + mv.group());
        }
        assertEquals(1, moves, body);
        assertFalse(Pattern.compile("\\b(rm|unlink)\\b[^;\\n]*\\$link").matcher(body).find(), body);
    }

    @Test
    void aMoveThatCannotReplaceAtomicallyFailsTheSwitchAndLeavesCurrentAsItWas() throws Exception {
        // A mv without -T: rather a failed switch, which the job reports, than a moment without current.
        Files.delete(box.bin.resolve("mv"));
        Files.writeString(box.bin.resolve("mv"), """
                #!/bin/bash
                case "$1" in -T) echo "mv: invalid option -- 'T'" >&2; exit 1 ;; esac
                exec /bin/mv "$@"
                """);
        box.bin.resolve("mv").toFile().setExecutable(true);
        JobLibSandbox.Run r = box.call("switch_current");
        assertEquals(1, r.exit(), r.toString());
        assertEquals(Path.of("releases/" + OLD), Files.readSymbolicLink(box.installDir.resolve("current")));
        assertEquals(null, box.stateFile("status"), "the job does not say it succeeded");
    }

    @Test
    void aFolderWhereTheLinkShouldBeIsLeftAsItIsAndTheSwitchFails() throws Exception {
        Path current = box.installDir.resolve("current");
        Files.delete(current);
        Files.createDirectories(current);
        Files.writeString(current.resolve("operator-notes.txt"), "mine");
        JobLibSandbox.Run r = box.call("switch_current");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("cannot point the current link at release " + JobLibSandbox.RELEASE, r.lastLine());
        try (var inside = Files.list(current)) {
            assertEquals(List.of("operator-notes.txt"), inside.map(p -> p.getFileName().toString()).toList(),
                    "no link was put inside the folder");
        }
        assertEquals(null, box.stateFile("status"));
    }
}
