package dev.termcade.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * What the server sends one client: writes collect in a buffer and {@link #flush()} hands them to MINA's
 * asynchronous channel output, so the thread that draws (a game loop) never waits for the client. While a send is
 * still in flight the client is {@linkplain #busy() busy}: the screen skips its refresh, so frames for a client
 * that is not draining are dropped and the next refresh sends only the difference to the newest frame.
 * <p>
 * Two buffers alternate (one in flight, one collecting), so steady play allocates nothing per frame. What collects
 * while a send is in flight is bounded by {@code maxPendingBytes}; a client that lets more pile up is cut off.
 */
final class ClientOutput extends OutputStream {
    private final IoOutputStream channel;
    private final int maxPendingBytes;
    private final Runnable onOverflow;
    private final AtomicLong bytesSent = new AtomicLong();
    private byte[] collecting = new byte[16 * 1024];
    private int collected;
    private byte[] spare = new byte[16 * 1024];
    private boolean inFlight;
    private long inFlightSinceNs;
    private boolean broken;
    private boolean overflowed;
    private Runnable whenDrained;

    ClientOutput(IoOutputStream channel, int maxPendingBytes, Runnable onOverflow) {
        this.channel = channel;
        this.maxPendingBytes = maxPendingBytes;
        this.onOverflow = onOverflow;
    }

    @Override public void write(int b) throws IOException {
        synchronized (this) {
            if (!reserve(1)) return;
            collecting[collected++] = (byte) b;
        }
    }

    @Override public void write(byte[] b, int off, int len) throws IOException {
        synchronized (this) {
            if (!reserve(len)) return;
            System.arraycopy(b, off, collecting, collected, len);
            collected += len;
        }
    }

    /** Room for {@code len} more bytes, or false (and the client cut off) when the bound would be passed. */
    private boolean reserve(int len) throws IOException {
        if (broken) throw new IOException("the client is gone");
        if (overflowed) return false;
        long need = (long) collected + len;
        if (need > maxPendingBytes) {
            overflowed = true;
            onOverflow.run();
            return false;
        }
        if (need > collecting.length) {
            byte[] bigger = new byte[(int) Math.min(maxPendingBytes, Math.max(need, 2L * collecting.length))];
            System.arraycopy(collecting, 0, bigger, 0, collected);
            collecting = bigger;
        }
        return true;
    }

    /** Sends what has collected, unless a send is still in flight (it then goes when that one completes). */
    @Override public void flush() throws IOException {
        synchronized (this) {
            if (broken) throw new IOException("the client is gone");
            if (!inFlight && collected > 0) sendCollected();
        }
    }

    private void sendCollected() throws IOException {
        byte[] data = collecting;
        int len = collected;
        collecting = spare;
        spare = null;
        collected = 0;
        inFlight = true;
        inFlightSinceNs = System.nanoTime();
        IoWriteFuture f;
        try {
            f = channel.writeBuffer(new ByteArrayBuffer(data, 0, len, true));
        } catch (IOException | RuntimeException e) {
            broken = true;
            inFlight = false;
            throw e instanceof IOException ? (IOException) e : new IOException(e);
        }
        f.addListener(done -> sent(data, len, done));
    }

    private void sent(byte[] data, int len, IoWriteFuture done) {
        synchronized (this) {
            spare = data;
            inFlight = false;
            if (!done.isWritten()) {
                broken = true;
                return;
            }
            bytesSent.addAndGet(len);
            if (collected > 0) {
                try {
                    sendCollected();
                } catch (IOException e) {
                    broken = true;
                }
            }
            if (!drained() || whenDrained == null) return;
        }
        runWhenDrained();
    }

    /** Runs {@code action} once everything written so far has been sent (at once if it has). Any thread. */
    void whenDrained(Runnable action) {
        synchronized (this) {
            whenDrained = action;
            if (!drained()) return;
        }
        runWhenDrained();
    }

    private void runWhenDrained() {
        Runnable r;
        synchronized (this) {
            r = whenDrained;
            whenDrained = null;
        }
        if (r != null) r.run();
    }

    /** True while the last send has not reached the client's window yet: drawing should skip this frame. */
    synchronized boolean busy() { return inFlight || broken; }

    /** Since when the current send has been waiting, or 0 when nothing is in flight. */
    synchronized long stalledSinceNs() { return inFlight ? inFlightSinceNs : 0; }

    /** True when everything written has been sent. */
    synchronized boolean drained() { return !inFlight && collected == 0; }

    long bytesSent() { return bytesSent.get(); }
}
