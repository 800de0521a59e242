package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.bundle.ServerChecks;
import dev.berth.target.HttpAnswer;
import dev.berth.target.HttpProbe;
import dev.berth.target.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a bundle's {@code checks:}: each HTTP answer got from the server against the status and model it should
 * have, and each minimum against the operator's answer. Pure; results have the id {@code check:<id>}.
 */
public final class ServerCheckAnalyzer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerCheckAnalyzer() {}

    /** The requests to hand to {@link HttpProbe#run}. */
    public static List<HttpRequest> requests(ServerChecks.Planned planned) {
        return planned.http().stream().map(h -> new HttpRequest(h.id(), h.method(), h.url(), h.headers(), h.body(),
                h.timeoutSeconds())).toList();
    }

    public static List<CheckResult> analyze(ServerChecks.Planned planned, HttpProbe.Result probe) {
        List<CheckResult> out = new ArrayList<>();
        for (ServerChecks.HttpCheck c : planned.http()) {
            out.add(judge(c, probe));
        }
        for (ServerChecks.MinimumCheck m : planned.minimums()) {
            out.add(judge(m));
        }
        return out;
    }

    static CheckResult judge(ServerChecks.HttpCheck c, HttpProbe.Result probe) {
        HttpAnswer a = probe.answers().get(c.id());
        Outcome bad = c.warnOnly() ? Outcome.WARN : Outcome.FAIL;
        String where = c.method() + " " + c.url();
        String got = a == null ? "" : excerpt(a.body());
        String answeredModel = a == null ? null : modelOf(a.body());
        boolean modelDiffers = a != null && !c.model().isEmpty() && answeredModel != null
                && !answeredModel.equals(c.model());
        // Judge evaluates every condition up front, so each one must hold up without an answer
        boolean unreachable = a != null && a.curlExit() != 0 && a.status() == 0;
        boolean wrongStatus = a != null && a.status() != c.status();
        return Judge.check("check:" + c.id(), c.label())
                .when(probe.curlMissing(), Outcome.WARN,
                        () -> of("服务器上没有 curl，无法从服务器检查 " + c.url() + "。",
                                "The server has no curl, so Berth cannot check " + c.url() + " from it."),
                        () -> of("请在服务器上安装 curl（yum install curl 或 apt-get install curl）后重新检查。",
                                "Install curl on the server (yum install curl, or apt-get install curl) and check again."))
                .when(a == null, Outcome.WARN,
                        () -> of("服务器没有返回 " + where + " 的检查结果。", "The server returned no result for " + where + "."),
                        () -> of("请重新检查；如仍如此，请在服务器上手动用 curl 访问该地址。",
                                "Check again; if it persists, try the address with curl on the server."))
                .when(unreachable, bad,
                        () -> of("从服务器访问 " + where + " 失败：" + curlReason(a, true),
                                "The server cannot reach " + where + ": " + curlReason(a, false)),
                        () -> of("请确认模型服务已启动，地址和端口正确，并且服务器的防火墙允许访问它。",
                                "Make sure the model service is running, the address and port are right, and the"
                                        + " server's firewall lets it through."))
                .when(wrongStatus, bad,
                        () -> of(where + " 返回了 HTTP " + a.status() + "（应为 " + c.status() + "）" + (got.isEmpty() ? "。"
                                : "：" + got),
                                where + " answered HTTP " + a.status() + " (expected " + c.status() + ")"
                                        + (got.isEmpty() ? "." : ": " + got)),
                        () -> of("请核对模型名称和 API 密钥：HTTP 401/403 表示密钥不对，404 常表示模型名称或路径不对。",
                                "Check the model name and API key: HTTP 401/403 means the key is wrong, 404 usually"
                                        + " means the model name or the path is wrong."))
                .when(modelDiffers, Outcome.WARN,
                        () -> of(where + " 由模型 " + answeredModel + " 回答，而不是配置的 " + c.model() + "。",
                                where + " was answered by model " + answeredModel + ", not the configured "
                                        + c.model() + "."),
                        () -> of("请确认模型名称与模型服务中注册的名称完全一致。",
                                "Make sure the model name is exactly the one the model service serves."))
                .otherwise(Outcome.PASS, () -> of(where + " 从服务器可以访问" + (c.model().isEmpty() ? "。"
                                : "，模型 " + c.model() + " 有回答。"),
                        where + " answers from the server" + (c.model().isEmpty() ? "."
                                : ", and model " + c.model() + " replied.")));
    }

    static CheckResult judge(ServerChecks.MinimumCheck m) {
        return Judge.check("check:" + m.id(), m.label())
                .when(m.actual() == null, Outcome.WARN,
                        () -> of(m.param() + " 没有数值。", m.param() + " has no number."),
                        () -> of("请在表单中填写 " + m.param() + "。", "Fill in " + m.param() + " in the form."))
                .when(m.actual() != null && m.actual() < m.minimum(), Outcome.WARN,
                        () -> of(m.param() + " 为 " + m.actual() + "，低于建议的 " + m.minimum() + "。",
                                m.param() + " is " + m.actual() + ", below the recommended " + m.minimum() + "."),
                        m::message)
                .otherwise(Outcome.PASS, () -> of(m.param() + " 为 " + m.actual() + "，不低于 " + m.minimum() + "。",
                        m.param() + " is " + m.actual() + ", at least " + m.minimum() + "."));
    }

    private static String curlReason(HttpAnswer a, boolean zh) {
        String err = a.error().lines().findFirst().orElse("").strip();
        String kind = switch (a.curlExit()) {
            case 6 -> zh ? "无法解析主机名" : "the host name does not resolve";
            case 7 -> zh ? "连接被拒绝或无法连接" : "the connection was refused or could not be made";
            case 28 -> zh ? "超时没有回答" : "it did not answer in time";
            case 35, 60 -> zh ? "TLS 握手或证书有问题" : "the TLS handshake or certificate failed";
            default -> zh ? "curl 退出码 " + a.curlExit() : "curl exit code " + a.curlExit();
        };
        return kind + (err.isEmpty() ? "" : " (" + err + ")") + (zh ? "。" : ".");
    }

    /** The error message of a JSON error answer, else the start of the body, on one line. */
    static String excerpt(String body) {
        String text = body;
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.isObject()) {
                JsonNode msg = n.path("error").isObject() ? n.path("error").path("message") : n.path("error");
                if (!msg.isTextual()) {
                    msg = n.path("message").isTextual() ? n.path("message") : n.path("detail");
                }
                if (msg.isTextual()) {
                    text = msg.asText();
                }
            }
        } catch (java.io.IOException e) {
            // not JSON: the body as it is
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /** The top-level {@code model} of a JSON answer, or null. */
    static String modelOf(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.path("model").isTextual() ? n.path("model").asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
