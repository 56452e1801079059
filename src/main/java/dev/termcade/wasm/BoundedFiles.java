package dev.termcade.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a file the user named (a module, an input script, a password file) without trusting it to be small:
 * device files and pipes ({@code /dev/zero}, {@code <(...)}) have no size up front, so the read itself stops at
 * the limit instead of filling the heap.
 */
public final class BoundedFiles {
    private static final int READ_CHUNK = 1 << 16;

    private BoundedFiles() {}

    /** The whole file, or an {@link IOException} with one clear line when it holds more than {@code maxBytes}. */
    public static byte[] read(Path path, long maxBytes) throws IOException {
        if (Files.isDirectory(path)) throw new IOException(path + ": is a directory");
        if (Files.isRegularFile(path) && Files.size(path) > maxBytes) throw tooLarge(path, maxBytes);
        int cap = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
        byte[] buf = new byte[(int) Math.min(cap + 1L, 64 * 1024)];
        int n = 0;
        try (InputStream in = open(path)) {
            while (true) {
                if (n == buf.length) {
                    if (n > cap) throw tooLarge(path, maxBytes);
                    buf = Arrays.copyOf(buf, (int) Math.min(cap + 1L, 2L * buf.length));
                }
                // Small reads: a channel stream copies each one through a temporary direct buffer of the same size.
                int r = in.read(buf, n, Math.min(buf.length - n, READ_CHUNK));
                if (r < 0) break;
                n += r;
                if (n > cap) throw tooLarge(path, maxBytes);
            }
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    private static InputStream open(Path path) throws IOException {
        try {
            return Files.newInputStream(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(path + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(path + ": permission denied");
        }
    }

    /** The file as UTF-8 text, bounded like {@link #read(Path, long)}. */
    public static String readString(Path path, long maxBytes) throws IOException {
        return new String(read(path, maxBytes), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static IOException tooLarge(Path path, long maxBytes) {
        return new IOException(path + ": larger than the " + human(maxBytes) + " allowed");
    }

    private static String human(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) return (bytes >> 20) + " MiB";
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) return (bytes >> 10) + " KiB";
        return bytes + " bytes";
    }
}
