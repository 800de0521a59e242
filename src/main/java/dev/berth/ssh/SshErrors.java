package dev.berth.ssh;

import com.jcraft.jsch.JSchAlgoNegoFailException;
import com.jcraft.jsch.JSchException;
import dev.berth.text.Localized;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Turns what JSch throws into one sentence for the operator. JSch's messages never carry secrets, but they are
 * not shown as they are: each known failure gets its own plain sentence.
 */
final class SshErrors {
    private SshErrors() {}

    static SshException connectFailed(JSchException e, String shownAs, String user, boolean usedPassword,
                                      boolean usedKey, Duration timeout) {
        Throwable root = rootCause(e);
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (root instanceof UnknownHostException) {
            return new SshException(SshException.Kind.UNREACHABLE, Localized.of(
                    "无法解析主机名 " + hostOf(shownAs) + "，请检查地址是否写对。",
                    "The host name " + hostOf(shownAs) + " cannot be resolved; check that the address is right."), e);
        }
        if (root instanceof ConnectException) {
            return new SshException(SshException.Kind.UNREACHABLE, Localized.of(
                    shownAs + " 拒绝了连接：该地址和端口上没有 SSH 服务在运行。",
                    shownAs + " refused the connection: no SSH server is listening on that address and port."), e);
        }
        if (root instanceof NoRouteToHostException) {
            return new SshException(SshException.Kind.UNREACHABLE, Localized.of(
                    "网络上找不到到 " + shownAs + " 的路由，请检查网络或防火墙。",
                    "There is no network route to " + shownAs + "; check the network or firewall."), e);
        }
        if (root instanceof SocketTimeoutException || msg.startsWith("timeout")) {
            return timeout(shownAs, timeout, e);
        }
        if (msg.startsWith("Auth fail") || msg.startsWith("Auth cancel") || msg.startsWith("MaxAuthTries")) {
            return authFailed(shownAs, user, usedPassword, usedKey, e);
        }
        if (e instanceof JSchAlgoNegoFailException || msg.startsWith("There are not any available")) {
            return new SshException(SshException.Kind.UNREACHABLE, Localized.of(
                    shownAs + " 的 SSH 服务与 Berth 没有共同支持的加密算法，无法建立连接。",
                    "The SSH server at " + shownAs + " shares no encryption method with Berth, so no connection can"
                            + " be made."), e);
        }
        if (msg.contains("connection is closed by foreign host") || msg.contains("Connection reset")
                || msg.contains("invalid server's version string") || msg.contains("session is down")) {
            return new SshException(SshException.Kind.UNREACHABLE, Localized.of(
                    shownAs + " 在登录前关闭了连接，它可能不是 SSH 服务，或拒绝了来自本机的连接。",
                    shownAs + " closed the connection before login; it may not be an SSH server, or it refuses"
                            + " connections from this computer."), e);
        }
        return new SshException(SshException.Kind.UNREACHABLE, Localized.of(
                "无法连接到 " + shownAs + "：" + oneLine(msg) + "。",
                "Berth could not connect to " + shownAs + ": " + oneLine(msg) + "."), e);
    }

    static SshException authFailed(String shownAs, String user, boolean usedPassword, boolean usedKey,
                                   Throwable cause) {
        String who = user + "@" + shownAs;
        if (usedPassword && !usedKey) {
            return new SshException(SshException.Kind.AUTH, Localized.of(
                    who + " 拒绝了登录：用户名或密码不正确。",
                    who + " refused the login: the user name or password is wrong."), cause);
        }
        if (usedKey && !usedPassword) {
            return new SshException(SshException.Kind.AUTH, Localized.of(
                    who + " 不接受所给的密钥，请确认其公钥已加入该用户的 authorized_keys。",
                    who + " did not accept the given key; make sure its public key is in that user's"
                            + " authorized_keys."), cause);
        }
        if (!usedKey && !usedPassword) {
            return new SshException(SshException.Kind.AUTH, Localized.of(
                    who + " 拒绝了登录：没有可用的密钥或密码，请指定密钥文件、使用 ssh-agent 或提供密码。",
                    who + " refused the login because Berth had no key or password to offer; give a key file, use"
                            + " ssh-agent or give a password."), cause);
        }
        return new SshException(SshException.Kind.AUTH, Localized.of(
                who + " 拒绝了登录：密钥和密码都未被接受。",
                who + " refused the login: neither the key nor the password was accepted."), cause);
    }

    static SshException timeout(String shownAs, Duration timeout, Throwable cause) {
        return new SshException(SshException.Kind.UNREACHABLE, Localized.of(
                shownAs + " 在 " + seconds(timeout) + " 秒内没有应答，请检查地址、端口和防火墙。",
                shownAs + " did not answer within " + seconds(timeout)
                        + " seconds; check the address, the port and the firewall."), cause);
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0);
    }

    private static String hostOf(String shownAs) {
        int colon = shownAs.lastIndexOf(':');
        String h = colon > 0 ? shownAs.substring(0, colon) : shownAs;
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").trim();
        while (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.isEmpty() ? "unknown error" : t;
    }
}
