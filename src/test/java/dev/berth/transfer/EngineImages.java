package dev.berth.transfer;

import dev.berth.testsupport.TestTarget;
import java.util.Arrays;
import java.util.List;

/** What a real engine holds, read as the probe reads it. */
final class EngineImages {
    private EngineImages() {}

    /** RootFS.Layers of one image on the engine ({@code docker} is its CLI, with -H when it is not the first). */
    static List<String> layers(String docker, String ref) {
        return Arrays.asList(TestTarget.runLocalOk(docker + " image inspect --format "
                + "'{{range .RootFS.Layers}}{{.}} {{end}}' " + ref).strip().split(" "));
    }
}
