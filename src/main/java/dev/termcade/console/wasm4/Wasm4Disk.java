package dev.termcade.console.wasm4;

import dev.termcade.vm.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A cart's 1024 bytes of persistent storage ({@code diskr}/{@code diskw}). With a file, each write replaces it
 * atomically (a temporary file beside it, then a rename), so a crash leaves the old save or the new one, never half
 * of each. Without a file the disk lives in memory and starts empty (headless runs, tests).
 *
 * <p>The cart sees its write at once; the file is written by one background thread shared by all disks, in order, so
 * a slow disk on a busy server never counts against the cart's frame budget. {@link #close()} waits for what is
 * still queued, so nothing saved is lost when the game ends.
 */
public final class Wasm4Disk implements AutoCloseable {
    /** How long closing waits for queued saves before giving up (a disk that hangs must not hang the exit). */
    private static final long CLOSE_WAIT_MS = 5000;
    private static final ExecutorService WRITER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "termcade-disk-writer");
        t.setDaemon(true);
        return t;
    });

    private final Path file;
    private final byte[] data = new byte[Wasm4.DISK_SIZE];
    private int size;
    private volatile Consumer<String> onSaveError = message -> {};
    private Future<?> lastSave;

    private Wasm4Disk(Path file) { this.file = file; }

    /** An empty disk that is never saved. */
    public static Wasm4Disk inMemory() { return new Wasm4Disk(null); }

    /**
     * The disk saved in {@code file}, read now if it exists. A file that cannot be a disk (a directory, a device, more
     * than 1024 bytes: someone's notes given by mistake) is refused rather than overwritten by the first save, and a
     * place that cannot be written is refused now rather than losing the first save silently.
     */
    public static Wasm4Disk at(Path file) throws IOException {
        Wasm4Disk d = new Wasm4Disk(file);
        if (Files.isDirectory(file)) throw new IOException("it is a directory");
        if (Files.exists(file) && !Files.isRegularFile(file)) throw new IOException("it is not a regular file");
        if (Files.isRegularFile(file) && Files.size(file) > Wasm4.DISK_SIZE) {
            throw new IOException("it holds " + Files.size(file) + " bytes, more than a WASM-4 disk (" + Wasm4.DISK_SIZE
                    + "), so it is not a save: refusing to overwrite it");
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) throw new IOException("cannot write in " + dir);
        if (Files.isRegularFile(file)) {
            try (var in = Files.newInputStream(file)) {
                d.size = in.readNBytes(d.data, 0, d.data.length);
            }
        }
        return d;
    }

    public Path file() { return file; }
    public int size() { return size; }

    /** The saved bytes. */
    public byte[] contents() { return Arrays.copyOf(data, size); }

    /** {@code diskr}: copies up to {@code max} saved bytes into {@code dest} at {@code at}; how many were copied. */
    int read(Memory dest, int at, int max) {
        int n = Math.min(max, size);
        dest.write(at, data, 0, n);
        return n;
    }

    /** Where a save that could not be written is reported (the trace log), since the cart has moved on by then. */
    public void onSaveError(Consumer<String> report) { this.onSaveError = report; }

    /**
     * {@code diskw}: replaces the saved bytes with {@code n} bytes of {@code src} from {@code at} (the caller caps
     * {@code n} at 1024) and queues the save.
     */
    void write(Memory src, int at, int n) {
        src.read(at, data, 0, n);
        size = n;
        if (file == null) return;
        byte[] snapshot = contents();
        lastSave = WRITER.submit(() -> {
            try {
                save(snapshot);
            } catch (IOException | RuntimeException e) {
                onSaveError.accept("diskw: could not save " + file + ": " + e.getMessage());
            }
        });
    }

    /** Waits (bounded) for the queued saves to reach the file. */
    @Override public void close() {
        Future<?> last = lastSave;
        if (last == null) return;
        try {
            last.get(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            onSaveError.accept("diskw: the last save of " + file + " did not finish: " + e);
        }
    }

    private void save(byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
