package dev.berth.cli;

import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.RenderedFile;
import dev.berth.bundle.RenderedRelease;
import dev.berth.bundle.Renderer;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.text.Localized;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "render", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
final class RenderCommand implements Callable<Integer> {
    @Mixin
    ProfileOption profile = new ProfileOption();

    @Mixin
    BundleOptions bundle = new BundleOptions();

    @Mixin
    AnswersOptions answers = new AnswersOptions();

    @Option(names = "--out", descriptionKey = "out", paramLabel = "DIR", required = true)
    Path outDir;

    @Option(names = "--install-dir", descriptionKey = "install-dir", paramLabel = "DIR")
    String installDir;

    @Option(names = "--host", descriptionKey = "host", paramLabel = "HOST")
    String host;

    @Override
    public Integer call() throws Exception {
        Output out = Output.get();
        Bundle b = bundle.load();
        ResolvedAnswers resolved = answers.resolve(b);
        ReleaseLayout layout = InstallDir.of(installDir, b.id());
        if (Files.exists(outDir)) {
            try (Stream<Path> s = Files.list(outDir)) {
                if (!Files.isDirectory(outDir) || s.findAny().isPresent()) {
                    throw new CliFailure(ExitCode.INVALID_INPUT, Localized.of(
                            "输出目录 " + outDir + " 不是空目录；请指定一个新目录。",
                            "The output folder " + outDir + " is not empty; name a new one."));
                }
            }
        }
        RenderedRelease rendered = Renderer.render(b, resolved,
                Builtins.of(layout.installDir(), "rendered", layout.newProjectName(), host == null ? "127.0.0.1" : host));
        rendered.writeTo(outDir);
        resolved.writeTo(outDir.resolve("answers.resolved.yaml"));
        for (RenderedFile f : rendered.files()) {
            out.result(f.modeText() + "  " + f.path());
        }
        out.info("已写入 " + outDir + "（answers.resolved.yaml 含密钥，权限 0600）。",
                "Written to " + outDir + " (answers.resolved.yaml holds the secrets, mode 0600).");
        return ExitCode.OK;
    }
}
