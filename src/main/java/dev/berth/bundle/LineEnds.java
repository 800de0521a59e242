package dev.berth.bundle;

import java.nio.charset.StandardCharsets;

/**
 * Windows line ends taken out of what goes to a Linux server. A bundle checked out or edited on a Windows laptop
 * has CRLF lines: a script then fails with "/bin/bash^M: bad interpreter", and a {@code .env} value ends in a
 * carriage return. Every template is text, so all of them are normalised; a file copied as it is only when it is a
 * script (a {@code .sh} name or a {@code #!} line) and holds no NUL byte (binary data stays byte for byte).
 */
final class LineEnds {
    private LineEnds() {}

    static String unix(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n");
    }

    /** The file's bytes, with CRLF made LF when it is a script. */
    static byte[] unixIfScript(String name, byte[] bytes) {
        boolean script = name.endsWith(".sh") || name.endsWith(".bash")
                || bytes.length > 1 && bytes[0] == '#' && bytes[1] == '!';
        if (!script || !hasCrLf(bytes)) {
            return bytes;
        }
        for (byte b : bytes) {
            if (b == 0) {
                return bytes;
            }
        }
        // Scripts are ASCII or UTF-8; a CR LF pair never occurs inside a UTF-8 multi-byte sequence.
        return unix(new String(bytes, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean hasCrLf(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return true;
            }
        }
        return false;
    }
}
