package dev.berth.status;

/** One HTTP probe of the live release, answered from the server itself. */
public record ProbeResult(String name, String url, int expectedStatus, int status, String contains, boolean containsFound) {
    public boolean ok() {
        return status == expectedStatus && (contains == null || contains.isEmpty() || containsFound);
    }
}
