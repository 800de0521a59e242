package dev.berth.ui.profiles;

import dev.berth.ui.server.NodeRow;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;

/**
 * Waits for the tests of a node table's rows to end (each test ends on the UI thread, in any order): tells once
 * whether every row passed, then stops listening.
 */
final class NodeTests {
    private NodeTests() {}

    /** Call before the tests start: a direct executor ends them before the call that starts them returns. */
    static void whenSettled(List<NodeRow> rows, Consumer<Boolean> done) {
        ChangeListener<NodeRow.Test> listener = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends NodeRow.Test> o, NodeRow.Test a,
                                NodeRow.Test b) {
                if (rows.stream().anyMatch(r -> r.testProperty().get() == NodeRow.Test.UNTESTED
                        || r.testProperty().get() == NodeRow.Test.TESTING)) {
                    return;
                }
                rows.forEach(r -> r.testProperty().removeListener(this));
                done.accept(rows.stream().allMatch(r -> r.testProperty().get() == NodeRow.Test.OK));
            }
        };
        rows.forEach(r -> r.testProperty().addListener(listener));
    }
}
