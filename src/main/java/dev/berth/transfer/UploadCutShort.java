package dev.berth.transfer;

import dev.berth.ssh.SshException;
import dev.berth.text.Localized;

/**
 * The link dropped while an image was being sent. What arrived stays on the server, so the same deploy run again
 * goes on from there (and says then how much is left).
 */
public final class UploadCutShort extends SshException {
    private final String file;

    UploadCutShort(SshException cause, String file) {
        super(cause.kind(), cause.sentence(), cause);
        this.file = file;
    }

    /**
     * "The connection dropped while sending web-1.0.tar, before the deployment started: nothing that runs on the
     * server was changed. What arrived is kept on the server; {@code again} to go on from there." How much arrived
     * only the server knows (bytes written here may still have been on the way): the next upload says it.
     *
     * @param again how this operator repeats the deploy (the same command, or Deploy in the wizard)
     */
    public Localized sentence(Localized again) {
        return Localized.of("发送 " + file + " 时与服务器的连接中断，部署没有开始：服务器上运行的内容没有任何改动。"
                        + "已到达的部分保留在服务器上；" + again.zh() + "，将从中断处继续。（" + sentence().zh() + "）",
                "The connection dropped while sending " + file + ", before the deployment started: nothing that runs on"
                        + " the server was changed. What arrived is kept on the server; " + again.en()
                        + " to go on from there. (" + sentence().en() + ")");
    }
}
