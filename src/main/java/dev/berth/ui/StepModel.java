package dev.berth.ui;

import dev.berth.text.Localized;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The view model of one step: whether Next may be pressed, whether work is running, and its one-line problem. */
public abstract class StepModel {
    protected final WizardModel model;
    protected final BooleanProperty valid = new SimpleBooleanProperty(false);
    protected final BooleanProperty busy = new SimpleBooleanProperty(false);
    protected final ObjectProperty<Localized> problem = new SimpleObjectProperty<>();

    protected StepModel(WizardModel model) {
        this.model = model;
    }

    public abstract Step step();

    /** Called each time the step is shown, going forward or back. */
    public void enter() {}

    /** Called when Next is pressed on a valid step; false keeps the operator here (a warning declined). */
    public boolean beforeNext() {
        return true;
    }

    /** True while the step runs something on the server that must not be abandoned silently. */
    public boolean runningOnServer() {
        return false;
    }

    /** True while the step sends files before anything on the server changes: closing stops it harmlessly. */
    public boolean sendingToServer() {
        return false;
    }

    public BooleanProperty validProperty() {
        return valid;
    }

    public boolean isValid() {
        return valid.get();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public boolean isBusy() {
        return busy.get();
    }

    public ObjectProperty<Localized> problemProperty() {
        return problem;
    }

    public Localized getProblem() {
        return problem.get();
    }

    /** One sentence for any failure of background work: the engine's own sentence when it has one. */
    public static Localized sentenceOf(Throwable e) {
        if (e instanceof dev.berth.text.BerthException b) {
            return b.sentence();
        }
        if (e instanceof dev.berth.deploy.InstallDirRule.Refused r) {
            return r.sentence();
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Localized.of("出错了：" + m, "Something went wrong: " + m);
    }
}
