package dev.termcade.ssh;

import java.io.IOException;
import java.io.InputStream;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * What one client types, read asynchronously from MINA's channel into a bounded queue that Lanterna polls. Turns
 * the carriage return a raw-mode SSH client sends for Enter into the line feed Lanterna expects (what a tty's ICRNL
 * does locally), and reports each arrival as activity (the idle timeout counts from the last key).
 * <p>
 * The next read is only requested once the queue has room, so a client typing faster than the game reads is held
 * back by the SSH window instead of filling the heap.
 */
final class ClientInput extends InputStream {
    private static final int CAPACITY = 4096;

    private final IoInputStream channel;
    private final Runnable onActivity;
    private final byte[] queue = new byte[CAPACITY];
    private final ByteArrayBuffer readBuffer = new ByteArrayBuffer(1024);
    private int head, size;
    private boolean reading;
    private boolean eof;

    ClientInput(IoInputStream channel, Runnable onActivity) {
        this.channel = channel;
        this.onActivity = onActivity;
    }

    /** Starts reading from the client. */
    void start() {
        synchronized (this) {
            requestRead();
        }
    }

    private void requestRead() {
        if (reading || eof || CAPACITY - size < readBuffer.capacity()) return;
        reading = true;
        readBuffer.clear();
        IoReadFuture f = channel.read(readBuffer);
        f.addListener(this::arrived);
    }

    private void arrived(IoReadFuture f) {
        synchronized (this) {
            reading = false;
            if (f.getException() != null || f.getRead() <= 0) {
                eof = true;
            } else {
                var b = f.getBuffer();
                int n = Math.min(b.available(), CAPACITY - size); // never more than fits (reads are sized to fit)
                byte[] data = b.array();
                int start = b.rpos();
                for (int i = 0; i < n; i++) {
                    byte c = data[start + i];
                    queue[(head + size) % CAPACITY] = c == '\r' ? (byte) '\n' : c;
                    size++;
                }
                b.rpos(start + n);
                requestRead();
            }
            notifyAll();
        }
        onActivity.run();
    }

    @Override public synchronized int available() { return size > 0 ? size : 0; }

    @Override public synchronized int read() throws IOException {
        if (!awaitData()) return -1;
        int c = queue[head] & 0xFF;
        head = (head + 1) % CAPACITY;
        size--;
        requestRead();
        return c;
    }

    @Override public synchronized int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!awaitData()) return -1;
        int n = Math.min(len, size);
        for (int i = 0; i < n; i++) {
            buf[off + i] = queue[head];
            head = (head + 1) % CAPACITY;
        }
        size -= n;
        requestRead();
        return n;
    }

    /** Waits for a byte; false at the end of input. */
    private boolean awaitData() throws IOException {
        while (size == 0) {
            if (eof) return false;
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
        }
        return true;
    }

    /** Ends input (the connection closed): a blocked reader sees the end of the stream. */
    synchronized void end() {
        eof = true;
        notifyAll();
    }
}
