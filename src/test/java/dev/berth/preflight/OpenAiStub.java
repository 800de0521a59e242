package dev.berth.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny OpenAI-compatible model server on 127.0.0.1 for tests: each path serves one model and answers like vLLM
 * (200 with {@code "model"}, 404 "The model `x` does not exist." for another name, 401 for a wrong key). Paths under
 * {@code /lenient} answer any model name with 200 naming {@code some-other-model}, as some proxies do.
 */
final class OpenAiStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, String> modelsByPath;
    private final String requiredKeyForChat;
    private final Map<String, String> authorization = new ConcurrentHashMap<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();

    private OpenAiStub(HttpServer server, Map<String, String> modelsByPath, String key) {
        this.server = server;
        this.modelsByPath = modelsByPath;
        this.requiredKeyForChat = key;
    }

    /** @param requiredKey the key every path with a served model demands when a key is sent, and chat always */
    static OpenAiStub start(Map<String, String> modelsByPath, String requiredKey) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        OpenAiStub stub = new OpenAiStub(s, modelsByPath, requiredKey);
        s.createContext("/", stub::handle);
        s.start();
        return stub;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void clear() {
        authorization.clear();
        bodies.clear();
    }

    String authorizationFor(String path) {
        return authorization.get(path);
    }

    String bodyFor(String path) {
        return bodies.getOrDefault(path, "");
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            authorization.put(path, auth);
        }
        bodies.put(path, body);
        String asked;
        try {
            JsonNode n = JSON.readTree(body);
            asked = n == null ? "" : n.path("model").asText("");
        } catch (IOException e) {
            send(ex, 400, "{\"error\": {\"message\": \"body is not JSON\"}}");
            return;
        }
        if (path.startsWith("/lenient/")) {
            send(ex, 200, "{\"id\": \"x\", \"model\": \"some-other-model\", \"choices\": [{\"text\": \"x\"}]}");
            return;
        }
        String served = modelsByPath.get(path);
        if (served == null || !"POST".equals(ex.getRequestMethod())) {
            send(ex, 404, "{\"detail\": \"Not Found\"}");
            return;
        }
        boolean chat = path.endsWith("/chat/completions");
        if ((chat || auth != null) && !("Bearer " + requiredKeyForChat).equals(auth)) {
            send(ex, 401, "{\"error\": {\"message\": \"Invalid API key\", \"type\": \"invalid_request_error\"}}");
            return;
        }
        if (!served.equals(asked)) {
            send(ex, 404, "{\"object\": \"error\", \"message\": \"The model `" + asked + "` does not exist.\","
                    + " \"type\": \"NotFoundError\", \"code\": 404}");
            return;
        }
        send(ex, 200, "{\"id\": \"cmpl-1\", \"object\": \"x\", \"model\": \"" + served + "\", \"data\": []}");
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
