package dev.berth.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.text.Localized;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the operator reads for each journal event, the same in the CLI and the wizard, in both languages. */
class JournalTextTest {
    private static final Map<String, Localized> LABELS = Map.of("web", Localized.of("启动网页", "Start web"));

    private static JournalEvent event(String json) {
        return JournalEvent.parse("{\"seq\":1,\"ts\":\"t\"," + json + "}").orElseThrow();
    }

    private static List<Localized> lines(String json) {
        return JournalText.lines(event(json), LABELS::get);
    }

    @Test
    void stepsCarryThePlansLabelsTheirTimeAndWhyTheyFailed() {
        assertEquals(List.of(Localized.of("→ 启动网页", "→ Start web")), lines("\"event\":\"step-start\",\"step\":\"web\""));
        assertEquals(List.of(Localized.of("✓ 启动网页（1.5 s）", "✓ Start web (1.5 s)")),
                lines("\"event\":\"step-end\",\"step\":\"web\",\"ms\":1500"));
        assertEquals(List.of(Localized.of("✗ 启动网页：web never became healthy（退出码 1）",
                        "✗ Start web: web never became healthy (exit 1)")),
                lines("\"event\":\"step-failed\",\"step\":\"web\",\"exit\":1,\"ms\":3,\"message\":\"web never became healthy\""));
    }

    @Test
    void aServiceKilledWithExit137GetsAdviceAboutMemory() {
        List<Localized> l = lines("\"event\":\"step-failed\",\"step\":\"web\",\"exit\":1,\"ms\":3,\"message\":"
                + "\"db stopped with exit code 137 (killed for lack of memory: it reached its memory limit; the server has"
                + " 212 MiB of 1987 MiB available)\"");
        assertEquals(2, l.size(), l.toString());
        assertTrue(l.get(1).en().contains("most often for lack of memory: add memory to the server"), l.toString());
        assertTrue(l.get(1).zh().contains("内存不足"), l.toString());
        assertEquals(1, lines("\"event\":\"step-failed\",\"step\":\"web\",\"exit\":1,\"ms\":3,\"message\":"
                + "\"db stopped with exit code 3\"").size(), "no advice for another exit");
    }

    @Test
    void theRollbackStepHasItsOwnLabelAndAnUnknownStepItsId() {
        assertEquals(List.of(Localized.of("→ 恢复上一个版本", "→ Put the previous release back")),
                lines("\"event\":\"step-start\",\"step\":\"rollback\",\"release\":\"r1\""));
        assertEquals(List.of(Localized.same("→ hook-7")), lines("\"event\":\"step-start\",\"step\":\"hook-7\""));
    }

    @Test
    void aServicesLogLinesComeIndentedUnderItsName() {
        assertEquals(List.of(Localized.of("  服务 web 最近的日志：", "  Last log lines of web:"),
                        Localized.same("    first"), Localized.same("      indented second")),
                lines("\"event\":\"service-logs\",\"service\":\"web\",\"lines\":\"first\\n  indented second\\n\""));
        assertEquals(List.of(Localized.of("  服务 db 健康检查的输出：", "  Healthcheck output of db:"),
                        Localized.same("    refused")),
                lines("\"event\":\"health-output\",\"service\":\"db\",\"output\":\"refused\""));
    }

    @Test
    void theJobsEndSaysHowItEnded() {
        assertEquals(List.of(Localized.of("部署任务结束：成功。", "The deploy job ended: succeeded.")),
                lines("\"event\":\"job-end\",\"status\":\"succeeded\",\"release\":\"r2\",\"current\":\"r2\""));
        assertEquals(List.of(Localized.of("部署任务结束：被拒绝（另一个部署正在运行）。",
                        "The deploy job ended: refused (another deployment was running).")),
                lines("\"event\":\"job-end\",\"status\":\"refused\""));
        assertEquals(List.of(Localized.of("部署任务结束：失败。 web never became healthy",
                        "The deploy job ended: failed. web never became healthy")),
                lines("\"event\":\"job-end\",\"status\":\"failed\",\"message\":\"web never became healthy\""));
    }

    @Test
    void aHeartbeatAndAnEventOfANewerBerthShowNothing() {
        assertTrue(lines("\"event\":\"heartbeat\",\"step\":\"web\"").isEmpty());
        assertTrue(lines("\"event\":\"from-the-future\",\"x\":\"y\"").isEmpty());
    }

    /** A new event type that nobody taught the formatter fails here, not silently on the operator's screen. */
    @Test
    void everyEventAnOperatorReadsShowsItsFieldsInBothLanguages() {
        ObjectMapper json = new ObjectMapper();
        for (JournalEventType type : JournalEventType.values()) {
            if (type == JournalEventType.HEARTBEAT) {
                continue;
            }
            ObjectNode n = json.createObjectNode().put("seq", 1).put("ts", "t").put("event", type.wireName());
            for (JournalField f : type.fields()) {
                if (f.number()) {
                    n.put(f.key(), 4242);
                } else {
                    n.put(f.key(), f == JournalField.STATUS ? "failed" : "v-" + f.key());
                }
            }
            List<Localized> text = JournalText.lines(JournalEvent.parse(n.toString()).orElseThrow(), id -> null);
            assertFalse(text.isEmpty(), type.wireName());
            String zh = String.join("\n", text.stream().map(Localized::zh).toList());
            String en = String.join("\n", text.stream().map(Localized::en).toList());
            for (JournalField shown : List.of(JournalField.MESSAGE, JournalField.PENDING, JournalField.FILE,
                    JournalField.REF, JournalField.TEXT, JournalField.SERVICE, JournalField.LINES, JournalField.OUTPUT)) {
                if (type.fields().contains(shown)) {
                    assertTrue(zh.contains("v-" + shown.key()) && en.contains("v-" + shown.key()),
                            type.wireName() + " shows " + shown.key() + ": " + en);
                }
            }
            // Only an arrow and a step's own label, or a hook's own output, may read the same in both languages.
            if (type != JournalEventType.STEP_START && type != JournalEventType.OUTPUT) {
                assertFalse(zh.equals(en), type.wireName() + " has Chinese text");
            }
        }
    }
}
