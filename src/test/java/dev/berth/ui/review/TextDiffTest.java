package dev.berth.ui.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextDiffTest {
    @Test
    void equalTextsHaveNoDiff() {
        assertEquals(List.of(), TextDiff.lines("a\nb\n", "a\nb\n"));
    }

    @Test
    void aChangedLineShowsWithItsContextAndGapsAreMarked() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String after = "1\n2\nthree\n4\n5\n6\n7\n8\n9\nten\n";
        assertEquals(List.of("  1", "  2", "- 3", "+ three", "  4", "  5", "…", "  8", "  9", "+ ten", "  "),
                TextDiff.lines(before, after));
    }
}
