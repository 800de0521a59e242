package dev.berth.transfer;

import dev.berth.ssh.SshException;
import dev.berth.text.Localized;

/**
 * The link dropped while an image was being sent. What arrived stays on the server, so the same deploy run again
 * goes on from there (and says then exactly how much is left).
 */
public final class UploadCutShort extends SshException {
    private final String file;
    /** Of this deploy's images, at least this much was still to be sent; -1 when not known. */
    private final long left;
    private final long total;

    UploadCutShort(SshException cause, String file) {
        this(cause, file, -1, -1);
    }

    private UploadCutShort(SshException cause, String file, long left, long total) {
        super(cause.kind(), cause.sentence(), cause);
        this.file = file;
        this.left = left;
        this.total = total;
    }

    /**
     * The same drop, knowing how far the deploy's images had gone: {@code left} of {@code total} bytes (of the
     * tarballs as the plan counts them) had not yet been handed to the link. Bytes handed over may still have been on
     * the way, so what is left is at least that much.
     */
    public UploadCutShort withLeft(long left, long total) {
        return new UploadCutShort((SshException) getCause(), file, Math.max(0, left), total);
    }

    /**
     * "The connection dropped while sending web-1.0.tar, before the deployment started: nothing that runs on the
     * server was changed. At least 310 MB of the 660 MB to send is left. What arrived is kept on the server;
     * {@code again} to go on from there." Exactly how much arrived only the server knows: the next upload says it.
     *
     * @param again how this operator repeats the deploy (the same command, or Deploy in the wizard)
     */
    public Localized sentence(Localized again) {
        String zhLeft = left < 0 ? "" : "待发送的 " + TransferPlan.size(total) + " 中至少还剩 " + TransferPlan.size(left) + "。";
        String enLeft = left < 0 ? "" : " At least " + TransferPlan.size(left) + " of the " + TransferPlan.size(total)
                + " to send is left.";
        return Localized.of("发送 " + file + " 时与服务器的连接中断，部署没有开始：服务器上运行的内容没有任何改动。"
                        + zhLeft + "已到达的部分保留在服务器上；" + again.zh() + "，将从中断处继续。（" + sentence().zh()
                        + "）",
                "The connection dropped while sending " + file + ", before the deployment started: nothing that runs on"
                        + " the server was changed." + enLeft + " What arrived is kept on the server; " + again.en()
                        + " to go on from there. (" + sentence().en() + ")");
    }
}
