package dev.berth.target;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request to make from the target. Header values and the body may carry secrets: they travel to the
 * server only on stdin, and {@link #toString()} never shows them.
 */
public record HttpRequest(String id, String method, String url, Map<String, String> headers, String body,
                          int timeoutSeconds) {
    public HttpRequest {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
    }

    @Override
    public String toString() {
        return "HttpRequest[" + id + " " + method + " " + url + " headers=" + headers.keySet() + "]";
    }
}
