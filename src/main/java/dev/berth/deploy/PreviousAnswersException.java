package dev.berth.deploy;

import dev.berth.text.BerthException;
import dev.berth.text.Localized;

/**
 * The answers a deployment was made with are on the server but cannot be read (unreadable file, damaged YAML, sudo
 * refused). Berth stops here: deploying with fresh secrets would lock the services out of their own data.
 */
public final class PreviousAnswersException extends BerthException {

    public PreviousAnswersException(Localized sentence) {
        super(Category.PREFLIGHT, sentence);
    }
}
