package dev.berth.ui.profiles;

import dev.berth.ui.server.NodeRow;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;

/**
 * Waits for the tests of a node table's rows to end (each test ends on the UI thread, in any order) and tells once
 * whether they all passed, then stops listening. A row says OK before the step has handed the model the cluster (and
 * its first manager's login); the step turning valid comes after, so that is what "passed" waits for.
 */
final class NodeTests {
    private NodeTests() {}

    /** Call before the tests start: a direct executor ends them before the call that starts them returns. */
    static void whenSettled(List<NodeRow> rows, ObservableBooleanValue stepValid, Consumer<Boolean> done) {
        // A change listener, not an invalidation one: it is called on every change, read or not since.
        ChangeListener<Object> listener = new ChangeListener<>() {
            private boolean told;

            @Override
            public void changed(ObservableValue<?> o, Object before, Object after) {
                if (told || rows.stream().anyMatch(r -> r.testProperty().get() == NodeRow.Test.UNTESTED
                        || r.testProperty().get() == NodeRow.Test.TESTING)) {
                    return;
                }
                boolean failed = rows.stream().anyMatch(r -> r.testProperty().get() != NodeRow.Test.OK);
                if (!failed && !stepValid.get()) {
                    return; // every row passed: the step's own update follows
                }
                told = true;
                rows.forEach(r -> r.testProperty().removeListener(this));
                stepValid.removeListener(this);
                done.accept(!failed);
            }
        };
        rows.forEach(r -> r.testProperty().addListener(listener));
        stepValid.addListener(listener);
    }
}
