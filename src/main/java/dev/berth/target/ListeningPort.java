package dev.berth.target;

/**
 * One listening TCP socket from {@code ss -ltnp} or {@code netstat -ltnp}.
 *
 * @param address the local address as printed ("0.0.0.0", "*", "::", "127.0.0.1", "127.0.0.53%lo")
 * @param process the program name, or null when the probing user may not see it
 * @param pid     its pid, or null
 */
public record ListeningPort(String address, int port, String process, Integer pid) {

    public boolean processVisible() {
        return process != null;
    }
}
