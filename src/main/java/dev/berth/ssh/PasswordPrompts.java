package dev.berth.ssh;

import com.jcraft.jsch.UIKeyboardInteractive;
import com.jcraft.jsch.UserInfo;
import java.nio.charset.StandardCharsets;

/**
 * Answers a server's keyboard-interactive password prompt (PAM servers that disable plain "password" auth) with
 * the operator's password, once. Every other question JSch might ask is declined: host keys are checked by
 * {@link HostKeyVerifier}, and keys are decrypted before the connection starts.
 */
final class PasswordPrompts implements UserInfo, UIKeyboardInteractive {
    private byte[] password;

    PasswordPrompts(byte[] password) {
        this.password = password;
    }

    @Override
    public synchronized String[] promptKeyboardInteractive(String destination, String name, String instruction,
                                                           String[] prompt, boolean[] echo) {
        if (password == null || prompt.length != 1 || echo[0]) {
            return null;
        }
        String answer = new String(password, StandardCharsets.UTF_8);
        wipe();
        return new String[] {answer};
    }

    synchronized void wipe() {
        if (password != null) {
            java.util.Arrays.fill(password, (byte) 0);
            password = null;
        }
    }

    @Override
    public String getPassphrase() {
        return null;
    }

    @Override
    public String getPassword() {
        return null;
    }

    @Override
    public boolean promptPassword(String message) {
        return false;
    }

    @Override
    public boolean promptPassphrase(String message) {
        return false;
    }

    @Override
    public boolean promptYesNo(String message) {
        return false;
    }

    @Override
    public void showMessage(String message) {
        // Banners and warnings are not shown; Berth reports failures in its own words.
    }
}
