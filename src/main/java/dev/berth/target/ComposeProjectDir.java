package dev.berth.target;

/**
 * A compose project on the server and the folder one of its containers was started from (the compose label
 * {@code com.docker.compose.project.working_dir}).
 */
public record ComposeProjectDir(String project, String workingDir) {
    public ComposeProjectDir {
        workingDir = workingDir == null ? "" : workingDir;
    }
}
