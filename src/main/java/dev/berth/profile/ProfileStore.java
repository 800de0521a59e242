package dev.berth.profile;

import dev.berth.bundle.Bundle;
import dev.berth.files.PrivateFile;
import dev.berth.text.Localized;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Saved deployments under {@code <home>/profiles/<name>.yaml}: readable YAML, mode 0600, replaced atomically.
 * Secret answers go to a {@link SecretVault} (the OS keyring, else AES-GCM with {@code <home>/profile.key}); the
 * file names where each one went. See docs/profiles.md.
 */
public final class ProfileStore {
    /** Letters of any script (Chinese names work), digits, and . _ - inside; 1 to 64 characters. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,63}");
    static final String SUFFIX = ".yaml";

    private final Path home;
    private final Path dir;
    private final KeyFileVault keyFile;
    private final KeyringVault keyring;
    private final SecretVault preferredOverride;

    public ProfileStore(Path berthHome) {
        this(berthHome, KeyringVault.secretTool(), null);
    }

    /**
     * @param keyring   the keyring to use when it answers (null: never)
     * @param preferred where new secrets go, or null to choose by {@link SecretVaults#preferred}
     */
    public ProfileStore(Path berthHome, KeyringVault keyring, SecretVault preferred) {
        this.home = Objects.requireNonNull(berthHome, "berthHome");
        this.dir = berthHome.resolve("profiles");
        this.keyFile = new KeyFileVault(berthHome);
        this.keyring = keyring;
        this.preferredOverride = preferred;
    }

    /** The store in {@link BerthHome#get()}: BERTH_HOME, the berth.home property, else ~/.berth. */
    public static ProfileStore atDefaultHome() {
        return new ProfileStore(BerthHome.get());
    }

    public Path directory() {
        return dir;
    }

    public Path fileOf(String name) throws ProfileException {
        return dir.resolve(checkName(name) + SUFFIX);
    }

    /** Where new secrets go (probes the keyring once). */
    public synchronized SecretVault vault() {
        if (preferredOverride != null) {
            return preferredOverride;
        }
        return keyring != null && keyring.available() ? keyring : keyFile;
    }

    /** Readable profiles, sorted by name; unreadable ones are left out (see {@link #scan()} for why). */
    public List<Profile> list() throws ProfileException {
        return scan().profiles();
    }

    /** Every profile file: those that read, sorted by name, and the others with one sentence each. */
    public ProfileListing scan() throws ProfileException {
        List<Profile> ok = new ArrayList<>();
        List<ProfileProblem> bad = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new ProfileListing(ok, bad);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            s.forEach(files::add);
        } catch (IOException e) {
            throw new ProfileException(Localized.of("无法读取配置档目录 " + dir + "：" + e.getMessage() + "。",
                    "Cannot read the profiles folder " + dir + ": " + e.getMessage() + "."), e);
        }
        for (Path f : files) {
            String file = f.getFileName().toString();
            String name = file.substring(0, file.length() - SUFFIX.length());
            try {
                checkName(name);
            } catch (ProfileException e) {
                bad.add(new ProfileProblem(name, e.sentence(), Optional.empty()));
                continue;
            }
            try {
                ok.add(read(name, f, true));
            } catch (ProfileException e) {
                Optional<Profile> partial;
                try {
                    partial = Optional.of(read(name, f, false));
                } catch (ProfileException notEvenThat) {
                    partial = Optional.empty();
                }
                bad.add(new ProfileProblem(name, e.sentence(), partial));
            }
        }
        ok.sort(Comparator.comparing(Profile::name));
        bad.sort(Comparator.comparing(ProfileProblem::name));
        return new ProfileListing(ok, bad);
    }

    public Optional<Profile> load(String name) throws ProfileException {
        Path f = fileOf(name);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        return Optional.of(read(normalize(name), f, true));
    }

    /**
     * The profile without its secret answers: enough for the target, the install folder and the dashboard, and it
     * opens even when the key file or the keyring item is gone.
     */
    public Optional<Profile> loadWithoutSecrets(String name) throws ProfileException {
        Path f = fileOf(name);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        return Optional.of(read(normalize(name), f, false));
    }

    /** Like {@link #load} but a missing profile is an error with one sentence. */
    public Profile require(String name) throws ProfileException {
        return load(name).orElseThrow(() -> missing(name));
    }

    /** Like {@link #loadWithoutSecrets} but a missing profile is an error with one sentence. */
    public Profile requireWithoutSecrets(String name) throws ProfileException {
        return loadWithoutSecrets(name).orElseThrow(() -> missing(name));
    }

    private ProfileException missing(String name) {
        return new ProfileException(Localized.of("没有名为 " + name + " 的配置档（在 " + dir + " 中）。",
                "There is no profile named " + name + " (in " + dir + ")."));
    }

    /** Saves (or replaces) the profile; {@code bundle} says which answers are secrets. */
    public void save(Profile p, Bundle bundle) throws ProfileException {
        Objects.requireNonNull(p, "profile");
        Objects.requireNonNull(bundle, "bundle");
        String name = checkName(p.name());
        if (!bundle.id().equals(p.bundleId())) {
            throw new ProfileException(Localized.of(
                    "配置档 " + name + " 属于应用包 " + p.bundleId() + "，不能按应用包 " + bundle.id() + " 保存。",
                    "Profile " + name + " is for bundle " + p.bundleId() + ", not for bundle " + bundle.id() + "."));
        }
        byte[] text = ProfileFile.write(p.withName(name), bundle, vault()).getBytes(StandardCharsets.UTF_8);
        try {
            PrivateFile.directory(home);
            PrivateFile.directory(dir);
            PrivateFile.replace(dir.resolve(name + SUFFIX), text);
        } catch (IOException e) {
            throw new ProfileException(Localized.of("无法保存配置档 " + name + "：" + e.getMessage() + "。",
                    "Cannot save profile " + name + ": " + e.getMessage() + "."), e);
        }
    }

    public void delete(String name) throws ProfileException {
        Path f = fileOf(name);
        if (!Files.exists(f)) {
            throw new ProfileException(Localized.of("没有名为 " + name + " 的配置档。", "There is no profile named " + name + "."));
        }
        boolean inKeyring = false;
        try {
            inKeyring = ProfileFile.keepsSecretsIn(Files.readString(f, StandardCharsets.UTF_8), KeyringVault.SCHEME);
        } catch (IOException e) {
            // Deleting still goes ahead; a keyring item left behind holds nothing without its profile.
        }
        if (inKeyring && keyring != null) {
            keyring.forget(normalize(name));
        }
        try {
            Files.delete(f);
        } catch (NoSuchFileException e) {
            // Deleted meanwhile: the wanted end state.
        } catch (IOException e) {
            throw new ProfileException(Localized.of("无法删除配置档 " + name + "：" + e.getMessage() + "。",
                    "Cannot delete profile " + name + ": " + e.getMessage() + "."), e);
        }
    }

    private Profile read(String name, Path f, boolean withSecrets) throws ProfileException {
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProfileException(Localized.of("无法读取配置档 " + name + "：" + e.getMessage() + "。",
                    "Cannot read profile " + name + ": " + e.getMessage() + "."), e);
        }
        return ProfileFile.read(name, text, !withSecrets ? null : Map.of(KeyFileVault.SCHEME, keyFile,
                KeyringVault.SCHEME, keyring == null ? KeyringVault.secretTool() : keyring));
    }

    /** The name in NFC form, or a sentence saying which names are allowed. */
    public static String checkName(String name) throws ProfileException {
        String n = normalize(name);
        if (n == null || !NAME.matcher(n).matches()) {
            throw new ProfileException(Localized.of(
                    "配置档名称“" + name + "”无效：请用 1 到 64 个字母、汉字、数字或 . _ -，并以字母、汉字或数字开头。",
                    "The profile name '" + name + "' is not allowed: use 1 to 64 letters, digits or . _ -, starting with a letter or digit."));
        }
        return n;
    }

    private static String normalize(String name) {
        return name == null ? null : Normalizer.normalize(name, Normalizer.Form.NFC);
    }
}
