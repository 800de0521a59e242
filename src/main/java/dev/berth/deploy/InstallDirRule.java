package dev.berth.deploy;

import dev.berth.text.Localized;
import java.util.Set;

/**
 * Which install directories Berth accepts, as typed on the laptop (the CLI's --install-dir, the wizard's field, a
 * profile): an absolute path of portable characters with no {@code .} or {@code ..} folder, that is not a folder
 * the system already uses. Repeated and trailing slashes are folded rather than refused: they name the same folder
 * on every Linux, and an operator who pastes {@code /opt/berth/demo/} means {@code /opt/berth/demo}. Whether the
 * path leads somewhere else on the server (a symbolic link) is judged from the probe, see
 * {@code preflight.InstallDirCheck}.
 */
public final class InstallDirRule {
    private static final String EXAMPLE = "/opt/berth/demo";

    /** Folders of the system itself: a deploy there would put releases/, data/ and images/ among their files. */
    private static final Set<String> SYSTEM = Set.of("/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32",
            "/lib64", "/libx32", "/media", "/mnt", "/opt", "/opt/berth", "/proc", "/root", "/run", "/sbin", "/srv",
            "/sys", "/tmp", "/usr", "/usr/bin", "/usr/include", "/usr/lib", "/usr/lib64", "/usr/libexec",
            "/usr/local", "/usr/sbin", "/usr/share", "/usr/src", "/var", "/var/backups", "/var/cache", "/var/lib",
            "/var/lib/docker", "/var/local", "/var/lock", "/var/log", "/var/mail", "/var/opt", "/var/run",
            "/var/spool", "/var/tmp");

    /** Folders nothing of Berth's may live in: kernel file systems, emptied at restart, or owned by packages. */
    private static final Set<String> NOT_INSIDE = Set.of("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64",
            "/libx32", "/proc", "/run", "/sbin", "/sys", "/tmp", "/usr/bin", "/usr/include", "/usr/lib", "/usr/lib64",
            "/usr/libexec", "/usr/sbin", "/usr/share", "/var/lib/docker", "/var/lock", "/var/run");

    private InstallDirRule() {}

    /** An install directory Berth refuses, with the sentence that says why. */
    public static final class Refused extends IllegalArgumentException {
        private final transient Localized sentence;

        Refused(Localized sentence) {
            super(sentence.en());
            this.sentence = sentence;
        }

        public Localized sentence() {
            return sentence;
        }
    }

    /** Why {@code typed} cannot be an install directory, or null when it can. */
    public static Localized problem(String typed) {
        if (typed == null || typed.isBlank()) {
            return Localized.of("请填写服务器上的部署目录，例如 " + EXAMPLE + "。",
                    "Enter the install directory on the server, for example " + EXAMPLE + ".");
        }
        if (typed.codePoints().anyMatch(InstallDirRule::control)) {
            return Localized.of("部署目录中含有换行符或控制字符，请重新输入。",
                    "The install directory contains a line break or control character; type it again.");
        }
        if (!typed.startsWith("/")) {
            return Localized.of("部署目录必须是以 / 开头的绝对路径：" + typed + "。",
                    "The install directory must be an absolute path starting with /: " + typed + ".");
        }
        if (!typed.matches("[A-Za-z0-9._/-]*")) {
            return Localized.of("部署目录只能含字母、数字和 . _ - /：" + typed + "。",
                    "The install directory may contain only letters, digits and . _ - /: " + typed + ".");
        }
        for (String segment : typed.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return Localized.of("部署目录中不能有名为 . 或 .. 的一级目录：" + typed + "。",
                        "The install directory must not have '.' or '..' as a folder name: " + typed + ".");
            }
        }
        String dir = fold(typed);
        if (dir.equals("/")) {
            return Localized.of("部署目录不能是根目录 /；请选一个单独的目录，例如 " + EXAMPLE + "。",
                    "The install directory cannot be the root folder /; choose a folder of its own, such as " + EXAMPLE + ".");
        }
        if (SYSTEM.contains(dir)) {
            return Localized.of(dir + " 是系统目录，Berth 会把 releases/、data/ 和 images/ 放到其中已有的文件旁边；请选一个单独的目录，例如 "
                            + EXAMPLE + "。",
                    dir + " is a system folder, and Berth would put releases/, data/ and images/ among the files already"
                            + " there; choose a folder of its own, such as " + EXAMPLE + ".");
        }
        for (String parent : NOT_INSIDE) {
            if (dir.startsWith(parent + "/")) {
                return Localized.of(dir + " 位于 " + parent + " 之内，该目录归系统所有或在重启时被清空；请选一个其他目录，例如 "
                                + EXAMPLE + "。",
                        dir + " is inside " + parent + ", which belongs to the system or is emptied at restart; choose"
                                + " another folder, such as " + EXAMPLE + ".");
            }
        }
        return null;
    }

    /** {@code typed} with repeated and trailing slashes folded; refuses what {@link #problem} refuses. */
    public static String normalise(String typed) {
        Localized why = problem(typed);
        if (why != null) {
            throw new Refused(why);
        }
        return fold(typed);
    }

    private static String fold(String dir) {
        String folded = dir.replaceAll("/{2,}", "/");
        return folded.length() > 1 && folded.endsWith("/") ? folded.substring(0, folded.length() - 1) : folded;
    }

    private static boolean control(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR;
    }
}
