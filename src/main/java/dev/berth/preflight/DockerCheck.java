package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import dev.berth.target.DockerAccess;
import dev.berth.target.Facts;
import dev.berth.target.Version;
import java.util.List;

/** Docker must be installed, running, reachable by the login user (directly or via sudo) and new enough. */
final class DockerCheck implements Analyzer {
    @Override
    public List<CheckResult> analyze(PreflightInput in) {
        Facts.Docker docker = in.facts().docker();
        String user = in.facts().access().user();
        String min = in.req().minDocker();
        Version v = Version.parse(docker.version());
        boolean denied = docker.error().toLowerCase().contains("permission denied");
        return List.of(Judge.check("docker", of("Docker", "Docker"))
                .when(docker.access() == DockerAccess.MISSING, Outcome.FAIL,
                        () -> of("服务器上没有安装 Docker。", "Docker is not installed on the server."),
                        () -> of("请先安装 Docker" + (min == null ? "" : " " + min + " 或更新版本")
                                        + "（离线环境可使用 Docker 官方静态二进制包）。",
                                "Install Docker" + (min == null ? "" : " " + min + " or newer")
                                        + " first (offline servers can use Docker's static binary packages)."))
                .when(docker.access() == DockerAccess.UNREACHABLE && denied, Outcome.FAIL,
                        () -> of("用户 " + user + " 没有权限使用 Docker，且不能免密码 sudo。",
                                "User " + user + " may not use Docker and cannot sudo without a password."),
                        () -> of("请让管理员把 " + user + " 加入 docker 组（usermod -aG docker " + user
                                        + "），或改用 root 登录。",
                                "Ask an administrator to add " + user + " to the docker group (usermod -aG docker "
                                        + user + "), or log in as root."))
                .when(docker.access() == DockerAccess.UNREACHABLE, Outcome.FAIL,
                        () -> of("Docker 已安装但没有运行（" + docker.error() + "）。",
                                "Docker is installed but not running (" + docker.error() + ")."),
                        () -> of("请在服务器上运行 systemctl enable --now docker 启动 Docker。",
                                "Start Docker on the server with systemctl enable --now docker."))
                .when(min != null && !v.isKnown(), Outcome.WARN,
                        () -> of("无法识别 Docker 版本号“" + docker.version() + "”。",
                                "Berth cannot read the Docker version '" + docker.version() + "'."),
                        () -> of("请确认 Docker 版本不低于 " + min + "。", "Make sure Docker is " + min + " or newer."))
                .when(min != null && !v.atLeast(min), Outcome.FAIL,
                        () -> of("Docker 版本是 " + docker.version() + "，本安装包至少需要 " + min + "。",
                                "Docker is version " + docker.version() + "; the bundle needs " + min + " or newer."),
                        () -> of("请把 Docker 升级到 " + min + " 或更新版本（系统自带的旧版 docker 需先卸载）。",
                                "Upgrade Docker to " + min + " or newer (remove the distribution's old docker package first)."))
                .otherwise(Outcome.PASS, () -> docker.access() == DockerAccess.SUDO
                        ? of("Docker " + docker.version() + " 正在运行，通过 sudo 使用。",
                                "Docker " + docker.version() + " is running and is used through sudo.")
                        : of("Docker " + docker.version() + " 正在运行。",
                                "Docker " + docker.version() + " is running.")));
    }
}
