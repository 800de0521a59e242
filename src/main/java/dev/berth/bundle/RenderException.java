package dev.berth.bundle;

import dev.berth.text.BerthException;
import dev.berth.text.Localized;

/** A release could not be rendered (a template and the answers do not fit together). */
public class RenderException extends BerthException {

    public RenderException(Localized problem, Throwable cause) {
        super(Category.INVALID_INPUT, problem, cause);
    }
}
