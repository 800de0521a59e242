package dev.berth.text;

/**
 * Which parser reads a {@code .env} file: they disagree on quotes, escapes and {@code $}, so a value is spelled for
 * the one that will read it.
 */
public enum DotenvDialect {
    /** docker-compose 1.x (python-dotenv): expands <code>${NAME}</code> even in single quotes, no escape for it. */
    PYTHON_DOTENV,
    /**
     * Compose v2 (compose-go): single quotes are literal (no escape but <code>\'</code>); double quotes take
     * <code>\\ \" \n \r</code> and expand <code>$NAME</code>, with <code>$$</code> for a literal dollar.
     */
    COMPOSE_GO
}
