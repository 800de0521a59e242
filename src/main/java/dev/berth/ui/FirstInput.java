package dev.berth.ui;

import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Control;

/**
 * Where the keyboard starts when a step opens: its first enabled, visible input (a field, a list, a choice), or,
 * on a step with no input, its first button. Found in the scene graph's order, which is also Tab's order.
 */
public final class FirstInput {
    private FirstInput() {}

    public static void focus(Parent view) {
        if (view.getScene() == null) {
            return;
        }
        find(view, false).or(() -> find(view, true)).ifPresent(Node::requestFocus);
    }

    /** The first focusable control under {@code n}: an input, or (when {@code buttons}) a button too. */
    public static Optional<Node> find(Node n, boolean buttons) {
        if (!n.isVisible() || n.isDisabled()) {
            return Optional.empty();
        }
        if (n instanceof Control c && c.isFocusTraversable() && (buttons || !(c instanceof ButtonBase))) {
            return Optional.of(n);
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                Optional<Node> found = find(child, buttons);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
