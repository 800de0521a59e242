package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** placement: read as written, the first manager once for a service it leaves out, and each mistake on its line. */
class PlacementReaderTest {
    @TempDir
    Path tmp;
    private int scratches;

    private ScratchBundle mini() throws Exception {
        return ScratchBundle.ofMini(tmp.resolve(Integer.toString(++scratches)));
    }

    @Test
    void aServiceRunsWhereItsPlacementSaysAndElsewhereOnceOnTheFirstManager() throws Exception {
        Bundle b = mini().append("\nplacement:\n  app: {label: app, replicas: 2}\n").load();
        assertEquals(new Placement("app", 2), b.placementOf("app"));
        assertEquals(Placement.LEADER, mini().load().placementOf("app"));
    }

    @Test
    void anUnknownServiceABadLabelOrNoReplicasAreRefused() throws Exception {
        ScratchBundle unknown = mini().append("\nplacement:\n  db: {label: data}\n");
        assertTrue(unknown.problems().stream().anyMatch(p -> p.contains("placement names service db, which the compose"
                + " file does not define")), unknown.problems().toString());
        ScratchBundle label = mini().append("\nplacement:\n  app: {label: \"Data Nodes\"}\n");
        assertTrue(label.problems().stream().anyMatch(p -> p.contains("placement.app: label may only hold lower-case"
                + " letters, digits and _.-.")), label.problems().toString());
        ScratchBundle none = mini().append("\nplacement:\n  app: {replicas: 0}\n");
        assertTrue(none.problems().stream().anyMatch(p -> p.contains("placement.app: replicas must be between 1 and"
                + " 100.")), none.problems().toString());
        assertEquals(Placement.LEADER, mini().append("\nplacement: {}\n").load().placementOf("app"));
    }
}
