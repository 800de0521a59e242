package dev.berth.cli;

/** What the CLI's exit status means, so scripts can tell a refused preflight from a failed deploy. */
public final class ExitCode {
    public static final int OK = 0;
    /** Something inside Berth went wrong; the message says what. */
    public static final int INTERNAL = 1;
    /** The command line itself is wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** Preflight found a failing check; nothing was changed on the server. */
    public static final int PREFLIGHT_FAILED = 3;
    /** The deployment failed on the server; the previous release was put back (the message says if that failed too). */
    public static final int DEPLOY_FAILED = 4;
    /** The server could not be reached or refused the login or the host key. */
    public static final int CONNECTION = 5;
    /** A bundle, answers file, key file or image folder is missing or invalid. */
    public static final int INVALID_INPUT = 6;

    private ExitCode() {}
}
