package dev.berth.target;

/**
 * What one request made from the target got back.
 *
 * @param curlExit curl's exit code (0 = an HTTP answer came; 6 name unknown, 7 refused, 28 timed out, ...)
 * @param status   the HTTP status, 0 when nothing answered
 * @param body     the first bytes of the answer's body (UTF-8, at most {@link HttpProbe#BODY_LIMIT} bytes)
 * @param error    curl's own error line, empty when it had none
 */
public record HttpAnswer(String id, int curlExit, int status, String body, String error) {}
