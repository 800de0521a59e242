package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the project's bundles as its golden test sees it: {@code bundles/ID}, the answers its golden files were
 * rendered from ({@code answers/ID-golden.yaml}) and the built-ins they were rendered with.
 */
record GoldenBundle(String id, Builtins builtins) {
    // Each with the install dir, release id and server address its golden files were rendered for.
    static final GoldenBundle CADCHAT = of("cadchat", "/opt/cadchat", "20250101-000000", "192.0.2.20");
    static final GoldenBundle COZE_STUDIO = of("coze-studio", "/opt/coze", "20250101-000000", "192.0.2.30");
    static final GoldenBundle COSTRICT = of("costrict", "/opt/berth/costrict", "20240101-000000", "192.0.2.10");
    static final GoldenBundle ZHUGESHENMA = of("zhugeshenma", "/opt/berth/zhugeshenma", "20240101-000000", "192.0.2.11");
    static final GoldenBundle DEMO = of("demo", "/opt/berth/demo", "20240101-000000", "192.0.2.10");
    static final List<GoldenBundle> ALL = List.of(CADCHAT, COZE_STUDIO, COSTRICT, ZHUGESHENMA, DEMO);

    /** The bundle ID, its compose project named after it. */
    private static GoldenBundle of(String id, String installDir, String releaseId, String serverAddress) {
        return new GoldenBundle(id, Builtins.of(installDir, releaseId, id, serverAddress));
    }

    @Override
    public String toString() {
        return id;
    }

    /** Each image's tarball is named after the image: {@code reg/ns/name:tag} in {@code name-tag.tar}. */
    static void assertTarballsNamedAfterImages(Bundle b) {
        for (ImageRef i : b.images()) {
            String name = i.ref().substring(i.ref().lastIndexOf('/') + 1);
            assertEquals(name.replace(':', '-') + ".tar", i.file(), i.ref());
        }
    }

    Path dir() {
        return TestPaths.project().resolve("bundles").resolve(id);
    }

    Bundle bundle() throws Exception {
        return BundleLoader.load(dir());
    }

    /** The golden answers, a copy a test may change. */
    Map<String, Object> goldenAnswers() throws Exception {
        return new LinkedHashMap<>(AnswersFile.read(TestPaths.resource("answers/" + id + "-golden.yaml")));
    }

    /** The bundle's example-answers.yaml, resolved (secrets generated) as an operator's first deploy would. */
    ResolvedAnswers exampleAnswers(Bundle b) throws Exception {
        return AnswersResolver.resolve(b, AnswersFile.read(dir().resolve("example-answers.yaml")));
    }

    RenderedRelease render(Map<String, Object> answers) throws Exception {
        Bundle b = bundle();
        return Renderer.render(b, AnswersResolver.resolve(b, answers), builtins);
    }

    RenderedRelease renderGolden() throws Exception {
        return render(goldenAnswers());
    }
}
