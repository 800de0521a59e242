package dev.berth.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * Finds text the operator cannot read in full: a Labeled whose skin shows an ellipsis instead of its text (JavaFX 21
 * has no textTruncated property, so the rendered Text node is compared with the label's own text), or a label that
 * runs past the window's right edge.
 */
public final class ClippedText {
    private ClippedText() {}

    public static List<String> in(Parent root) {
        root.applyCss();
        root.layout();
        List<String> out = new ArrayList<>();
        walk(root, root.getScene().getWidth(), out);
        return out;
    }

    private static void walk(Node n, double sceneWidth, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            String own = l.getText();
            for (Node c : l.getChildrenUnmodifiable()) {
                if (c instanceof Text t && c.isVisible() && t.getText() != null) {
                    String shown = t.getText();
                    String ellipsis = l.getEllipsisString();
                    boolean cut = !ellipsis.isEmpty() && shown.endsWith(ellipsis) && !own.endsWith(ellipsis)
                            || shown.isEmpty();
                    if (cut) {
                        out.add(describe(l) + " shows \"" + shown + "\" (" + Math.round(l.getWidth()) + " px wide, needs "
                                + Math.round(l.prefWidth(-1)) + ")");
                    }
                }
            }
            Bounds b = l.localToScene(l.getLayoutBounds());
            if (!l.isWrapText() && b.getMaxX() > sceneWidth + 0.5) {
                out.add(describe(l) + " runs past the window's edge (to x=" + Math.round(b.getMaxX()) + ")");
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, sceneWidth, out);
            }
        }
    }

    private static String describe(Labeled l) {
        return l.getClass().getSimpleName() + (l.getId() == null ? "" : "#" + l.getId()) + " \"" + l.getText() + "\"";
    }
}
