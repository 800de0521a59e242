package dev.berth.profile;

import dev.berth.files.PrivateFile;
import dev.berth.text.Localized;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fallback vault: each secret is sealed with AES-256-GCM under a random 12-byte nonce, with a key kept in
 * {@code <home>/profile.key} (mode 0600, made on first save). The answer's path is the associated data, so a
 * sealed value moved to another answer fails to open instead of silently changing a setting.
 */
public final class KeyFileVault implements SecretVault {
    public static final String SCHEME = "aes-gcm";
    static final String KEY_FILE = "profile.key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;
    private byte[] key;

    public KeyFileVault(Path berthHome) {
        this.keyFile = berthHome.resolve(KEY_FILE);
    }

    public Path keyFile() {
        return keyFile;
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public synchronized String seal(String profile, String path, String value) throws ProfileException {
        byte[] k = key(true, profile);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, k, nonce, path);
            byte[] sealed = c.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new ProfileException(Localized.of("无法加密配置档 " + profile + " 的密钥：" + e.getMessage() + "。",
                    "Cannot encrypt the secrets of profile " + profile + ": " + e.getMessage() + "."), e);
        }
    }

    @Override
    public synchronized String open(String profile, String path, String sealed) throws ProfileException {
        byte[] k = key(false, profile);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.trim());
        } catch (IllegalArgumentException e) {
            throw tampered(profile, path);
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw tampered(profile, path);
        }
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, k, Arrays.copyOf(bytes, NONCE_BYTES), path);
            byte[] plain = c.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw tampered(profile, path);
        } catch (GeneralSecurityException e) {
            throw new ProfileException(Localized.of("无法解密配置档 " + profile + " 的密钥：" + e.getMessage() + "。",
                    "Cannot decrypt the secrets of profile " + profile + ": " + e.getMessage() + "."), e);
        }
    }

    @Override
    public void forget(String profile) {
        // Everything this vault holds for a profile is inside the profile's own file.
    }

    private ProfileException tampered(String profile, String path) {
        return new ProfileException(Localized.of(
                "配置档 " + profile + " 中保存的密钥 " + path + " 无法用 " + keyFile + " 解开（配置档或密钥文件被改动过）；请重新输入该值并再次保存配置档。",
                "The saved secret " + path + " of profile " + profile + " does not open with " + keyFile
                        + " (the profile or the key file was changed); enter it again and save the profile again."));
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String path) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(("berth-profile-v1:" + path).getBytes(StandardCharsets.UTF_8));
        return c;
    }

    /** The key, read once; made on first save only, so a lost key is reported rather than silently replaced. */
    private byte[] key(boolean create, String profile) throws ProfileException {
        if (key != null) {
            return key;
        }
        try {
            if (!Files.exists(keyFile)) {
                if (!create) {
                    throw new ProfileException(Localized.of(
                            "密钥文件 " + keyFile + " 不存在，无法读取配置档 " + profile + " 中保存的密钥；请重新输入这些值并再次保存配置档。",
                            "The key file " + keyFile + " is missing, so the saved secrets of profile " + profile
                                    + " cannot be read; enter them again and save the profile again."));
                }
                byte[] fresh = new byte[KEY_BYTES];
                RANDOM.nextBytes(fresh);
                String text = Base64.getEncoder().encodeToString(fresh) + "\n";
                PrivateFile.createNew(keyFile, text.getBytes(StandardCharsets.US_ASCII));
                // Read back what is there: another process may have made the key first.
            }
            if (PrivateFile.readableByOthers(keyFile)) {
                throw new ProfileException(Localized.of(
                        "密钥文件 " + keyFile + " 其他用户也能读取；请运行 chmod 600 " + keyFile + " 后重试。",
                        "Other users can read the key file " + keyFile + "; run chmod 600 " + keyFile + " and try again."));
            }
            byte[] k;
            try {
                k = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
            } catch (IllegalArgumentException e) {
                k = new byte[0];
            }
            if (k.length != KEY_BYTES) {
                throw new ProfileException(Localized.of(
                        "密钥文件 " + keyFile + " 已损坏（应为 32 字节的 Base64 密钥）。",
                        "The key file " + keyFile + " is damaged (it should hold a 32-byte key in Base64)."));
            }
            key = k;
            return k;
        } catch (IOException e) {
            throw new ProfileException(Localized.of("无法读写密钥文件 " + keyFile + "：" + e.getMessage() + "。",
                    "Cannot read or write the key file " + keyFile + ": " + e.getMessage() + "."), e);
        }
    }
}
