package dev.berth.ui;

import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.text.Font;

/**
 * Sizes that follow the font, for what CSS cannot reach: a table column's width in ems of a label beside it, so
 * headers and cells keep their room when the font grows (HiDPI, 200 %). The operator may still drag a column.
 */
public final class EmSizes {
    private EmSizes() {}

    public static void column(Labeled reference, TableColumn<?, ?> column, double ems) {
        column.setPrefWidth(reference.getFont().getSize() * ems);
        reference.fontProperty().addListener((o, a, f) -> column.setPrefWidth((f == null ? Font.getDefault() : f).getSize() * ems));
    }
}
