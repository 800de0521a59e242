package dev.berth.target;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@IntegrationTest
class HttpProbeTest {
    static final HttpRequest REQ = new HttpRequest("chat", "POST", "http://127.0.0.1:1/v1/chat",
            Map.of("Authorization", "Bearer sk-\"x\"\\y"), "{\"a\":\n\"b\"}", 5);

    @Test
    void curlConfigQuotesEveryValue() {
        assertEquals("""
                url = "http://127.0.0.1:1/v1/chat"
                request = "POST"
                header = "Authorization: Bearer sk-\\"x\\"\\\\y"
                data-binary = "{\\"a\\":\\n\\"b\\"}"
                max-time = 5
                connect-timeout = 5
                """, HttpProbe.curlConfig(REQ));
        assertFalse(REQ.toString().contains("sk-"));
    }

    @Test
    void theCommandLineCarriesNoRequestValue() {
        String line = HttpProbe.command().toShell();
        assertFalse(line.contains("127.0.0.1:1") || line.contains("sk-"));
        String stdin = new String(HttpProbe.stdin(List.of(REQ)), StandardCharsets.UTF_8);
        assertTrue(stdin.startsWith("chat ") && !stdin.contains("sk-"), "configs travel base64 on stdin");
    }

    @Test
    void parsesAnswersAndAMissingCurl() {
        String out = "BERTH-HTTP chat 0 404\n" + b64("{\"message\": \"no model\"}") + "\n\n"
                + "BERTH-HTTP rerank 7 000\n\n" + b64("curl: (7) Failed to connect") + "\n";
        HttpProbe.Result r = HttpProbe.parse(out);
        assertEquals(new HttpAnswer("chat", 0, 404, "{\"message\": \"no model\"}", ""), r.answers().get("chat"));
        assertEquals(new HttpAnswer("rerank", 7, 0, "", "curl: (7) Failed to connect"), r.answers().get("rerank"));
        assertTrue(HttpProbe.parse("BERTH-NO-CURL\n").curlMissing());
    }

    /** The script itself, run by a real shell with the real curl against a port nothing listens on. */
    @Test
    void theScriptRunsForRealAndReportsARefusedConnection() throws Exception {
        var shell = new LocalShellAccess().shell();
        var res = shell.exec(HttpProbe.command(), HttpProbe.stdin(List.of(REQ)), Duration.ofSeconds(30));
        HttpAnswer a = HttpProbe.parse(res.stdout()).answers().get("chat");
        assertEquals(7, a.curlExit(), res.stdout() + res.stderr());
        assertEquals(0, a.status());
        assertTrue(a.error().contains("(7)"), a.error());
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
