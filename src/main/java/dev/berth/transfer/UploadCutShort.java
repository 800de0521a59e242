package dev.berth.transfer;

import dev.berth.ssh.SshException;
import dev.berth.text.Localized;

/**
 * The link dropped while an image was being sent. What arrived stays on the server, so the same deploy run again
 * goes on from there; the sentence says how much arrived and how much is left.
 */
public final class UploadCutShort extends SshException {
    private final String file;
    private final long arrived;
    private final long size;

    UploadCutShort(SshException cause, String file, long arrived, long size) {
        super(cause.kind(), cause.sentence(), cause);
        this.file = file;
        this.arrived = arrived;
        this.size = size;
    }

    /**
     * "The connection dropped while sending web-1.0.tar, before the deployment started: nothing that runs on the
     * server was changed. 12.0 MB of 48.0 MB arrived and is kept; {@code again} to go on from there (36.0 MB left)."
     *
     * @param again how this operator repeats the deploy (the same command, or Deploy in the wizard)
     */
    public Localized sentence(Localized again) {
        String got = TransferPlan.size(arrived);
        String total = TransferPlan.size(size);
        String left = TransferPlan.size(Math.max(0, size - arrived));
        return Localized.of("发送 " + file + " 时与服务器的连接中断，部署没有开始：服务器上运行的内容没有任何改动。已到达的 "
                        + got + "（共 " + total + "）保留在服务器上；" + again.zh() + "，将从中断处继续（还剩 " + left + "）。（"
                        + sentence().zh() + "）",
                "The connection dropped while sending " + file + ", before the deployment started: nothing that runs on"
                        + " the server was changed. " + got + " of " + total + " arrived and is kept; " + again.en()
                        + " to go on from there (" + left + " left). (" + sentence().en() + ")");
    }
}
