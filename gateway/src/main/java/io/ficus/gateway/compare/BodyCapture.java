package io.ficus.gateway.compare;

import java.io.ByteArrayOutputStream;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * A copy of a body as it streams past, up to a limit. Buffers are read without being consumed
 * or retained, so the stream itself is untouched; past the limit the copy stops and is marked
 * overflowed.
 */
public final class BodyCapture {

    private final long limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean overflowed;

    public BodyCapture(long limit) {
        this.limit = limit;
    }

    /** Copies the readable bytes of a buffer, leaving its read position where it was. */
    public synchronized void append(DataBuffer buffer) {
        int readable = buffer.readableByteCount();
        if (overflowed || readable == 0) {
            return;
        }
        if (bytes.size() + (long) readable > limit) {
            overflow();
            return;
        }
        byte[] copy = new byte[readable];
        int position = buffer.readPosition();
        buffer.read(copy);
        buffer.readPosition(position);
        bytes.writeBytes(copy);
    }

    /** Copies a chunk. */
    public synchronized void append(byte[] chunk) {
        if (overflowed) {
            return;
        }
        if (bytes.size() + (long) chunk.length > limit) {
            overflow();
            return;
        }
        bytes.writeBytes(chunk);
    }

    private void overflow() {
        overflowed = true;
        bytes.reset();
    }

    /** Whether the body was larger than the limit (and so was not kept). */
    public synchronized boolean overflowed() {
        return overflowed;
    }

    /** The captured bytes; empty when overflowed. */
    public synchronized byte[] bytes() {
        return bytes.toByteArray();
    }
}
