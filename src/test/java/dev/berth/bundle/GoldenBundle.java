package dev.berth.bundle;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One of the project's bundles as its golden test sees it: {@code bundles/ID}, the answers its golden files were
 * rendered from ({@code answers/ID-golden.yaml}) and the built-ins they were rendered with.
 */
record GoldenBundle(String id, Builtins builtins) {

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
