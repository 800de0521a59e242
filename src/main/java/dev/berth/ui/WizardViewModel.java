package dev.berth.ui;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/** Navigation through the steps: which one is shown, how far the operator got, and when Back/Next may be used. */
public final class WizardViewModel {
    private final WizardModel model;
    private final List<StepModel> steps;
    private final IntegerProperty index = new SimpleIntegerProperty(-1);
    private final IntegerProperty reached = new SimpleIntegerProperty(0);
    private final ObjectProperty<StepModel> current = new SimpleObjectProperty<>();
    private final BooleanProperty canNext = new SimpleBooleanProperty(false);
    private final BooleanProperty canBack = new SimpleBooleanProperty(false);

    public WizardViewModel(WizardModel model, List<StepModel> steps) {
        this.model = model;
        this.steps = List.copyOf(steps);
        // Re-evaluated whenever the shown step or its valid/busy state changes.
        javafx.beans.InvalidationListener update = o -> {
            StepModel s = current.get();
            canNext.set(s != null && index.get() < this.steps.size() - 1 && s.isValid() && !s.isBusy());
            // After a successful deploy there is nothing to go back to; after a failed one the settings can change.
            canBack.set(s != null && index.get() > 0 && !s.isBusy() && !s.runningOnServer()
                    && s.step() != Step.DASHBOARD && !(s.step() == Step.DEPLOY && s.isValid()));
        };
        for (StepModel s : this.steps) {
            s.validProperty().addListener(update);
            s.busyProperty().addListener(update);
        }
        current.addListener(update);
        index.addListener(update);
    }

    public WizardModel model() {
        return model;
    }

    public List<StepModel> steps() {
        return steps;
    }

    @SuppressWarnings("unchecked")
    public <T extends StepModel> T step(Step s) {
        return (T) steps.stream().filter(m -> m.step() == s).findFirst().orElseThrow();
    }

    public ObjectProperty<StepModel> currentProperty() {
        return current;
    }

    public StepModel current() {
        return current.get();
    }

    public IntegerProperty indexProperty() {
        return index;
    }

    /** The furthest step shown so far: the step list marks every step before it as done. */
    public IntegerProperty reachedProperty() {
        return reached;
    }

    public ReadOnlyBooleanProperty canNextProperty() {
        return canNext;
    }

    public ReadOnlyBooleanProperty canBackProperty() {
        return canBack;
    }

    public void start() {
        show(0);
    }

    public void next() {
        if (!canNext.get() || !current().beforeNext()) {
            return;
        }
        show(index.get() + 1);
    }

    public void back() {
        if (canBack.get()) {
            show(index.get() - 1);
        }
    }

    /** Jumps to a step (a profile opened straight into its dashboard, a redeploy starting at the checks). */
    public void goTo(Step s) {
        show(steps.indexOf(step(s)));
    }

    private void show(int i) {
        // Entered before it is shown, so its view is built from the step's fresh state (the settings form).
        steps.get(i).enter();
        index.set(i);
        reached.set(Math.max(reached.get(), i));
        current.set(steps.get(i));
    }

    /**
     * Cancel: asks first when something runs on the server (it goes on without the window), or an upload would be
     * stopped (nothing on the server changed yet).
     *
     * @return true when the window may close
     */
    public boolean cancel() {
        boolean running = steps.stream().anyMatch(StepModel::runningOnServer);
        boolean sending = steps.stream().anyMatch(StepModel::sendingToServer);
        I18n i18n = model.i18n();
        String question = i18n.get(running ? "cancel.running" : sending ? "cancel.sending" : "cancel.question");
        if (!model.dialogs().confirm(i18n.get("cancel.title"), question)) {
            return false;
        }
        model.close();
        return true;
    }
}
