package dev.berth.transfer;

import java.io.OutputStream;

/** Counts what is written and keeps none of it: the length a compressed source will have. */
final class CountingOutputStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        count += len;
    }
}
