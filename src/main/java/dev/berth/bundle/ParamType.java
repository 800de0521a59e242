package dev.berth.bundle;

import java.util.Locale;

/** The kinds of answer a parameter takes. */
public enum ParamType {
    TEXT, INT, PORT, HOST, URL, SECRET, CHOICE, BOOL, LIST;

    /** The spelling used in bundle.yaml. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
