package dev.termcade.vm;

import static dev.termcade.vm.LittleEndian.I16;
import static dev.termcade.vm.LittleEndian.I32;
import static dev.termcade.vm.LittleEndian.I64;

import dev.termcade.wasm.Limits;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A linear memory: whole 64 KiB pages, grown by copying. Hosts read and write it through bounds-checked accessors,
 * scalar or bulk into their own arrays (reuse one per frame and nothing is allocated); its backing array is never
 * handed out, since growing replaces it and a kept reference would silently go stale.
 */
public final class Memory implements Extern {
    public static final int PAGE_SIZE = 65536;
    /** The most a Java array can hold: one page short of 2 GiB. */
    public static final int MAX_PAGES_JVM = 32767;
    static final Memory NONE = new Memory(0, 0);


    byte[] bytes;
    private final long declaredMax;
    private final long maxPages;

    /** A memory of {@code pages} pages with a declared maximum ({@code -1}: none), grown at most to the JVM's limit. */
    public Memory(int pages, long declaredMax) {
        this(pages, declaredMax, MAX_PAGES_JVM);
    }

    private Memory(int pages, long declaredMax, int capPages) {
        this.declaredMax = declaredMax;
        this.maxPages = Math.min(declaredMax >= 0 ? declaredMax : 65536, Math.min(capPages, MAX_PAGES_JVM));
        this.bytes = new byte[pages * PAGE_SIZE];
    }

    static Memory create(Limits limits, int capPages) {
        int cap = Math.min(capPages, MAX_PAGES_JVM);
        if (limits.min() > cap) {
            throw new LinkException("memory of " + limits.min() + " pages (" + limits.min() / 16 + " MiB) exceeds the host's limit of " + cap + " pages");
        }
        try {
            return new Memory((int) limits.min(), limits.max(), cap);
        } catch (OutOfMemoryError e) {
            throw new LinkException("not enough host memory for " + limits.min() + " pages");
        }
    }

    /** The declared maximum in pages, or -1. */
    public long declaredMax() { return declaredMax; }

    public int pages() { return bytes.length / PAGE_SIZE; }
    public int byteSize() { return bytes.length; }
    /** The most pages this memory may grow to. */
    public long maxPages() { return maxPages; }

    /** Grows by {@code delta} pages; the old size in pages, or -1 if the maximum or the host's memory forbids it. */
    public int grow(int delta) {
        int old = pages();
        long want = (long) old + (delta & 0xFFFFFFFFL);
        if (want > maxPages) return -1;
        if (delta == 0) return old;
        try {
            byte[] n = new byte[(int) (want * PAGE_SIZE)];
            System.arraycopy(bytes, 0, n, 0, bytes.length);
            bytes = n;
        } catch (OutOfMemoryError e) {
            return -1;
        }
        return old;
    }

    private void check(long addr, long len) {
        if (addr < 0 || len < 0 || addr + len > bytes.length) {
            throw new Trap(Trap.Kind.MEMORY_OUT_OF_BOUNDS, "out of bounds memory access: " + len + " bytes at " + addr + " (memory is " + bytes.length + " bytes)");
        }
    }

    public byte readByte(long addr) { check(addr, 1); return bytes[(int) addr]; }
    public short readShort(long addr) { check(addr, 2); return (short) I16.get(bytes, (int) addr); }
    public int readInt(long addr) { check(addr, 4); return (int) I32.get(bytes, (int) addr); }
    public long readLong(long addr) { check(addr, 8); return (long) I64.get(bytes, (int) addr); }
    public float readFloat(long addr) { return Float.intBitsToFloat(readInt(addr)); }
    public double readDouble(long addr) { return Double.longBitsToDouble(readLong(addr)); }
    public void writeByte(long addr, byte v) { check(addr, 1); bytes[(int) addr] = v; }
    public void writeShort(long addr, short v) { check(addr, 2); I16.set(bytes, (int) addr, v); }
    public void writeInt(long addr, int v) { check(addr, 4); I32.set(bytes, (int) addr, v); }
    public void writeLong(long addr, long v) { check(addr, 8); I64.set(bytes, (int) addr, v); }
    public void writeFloat(long addr, float v) { writeInt(addr, Float.floatToRawIntBits(v)); }
    public void writeDouble(long addr, double v) { writeLong(addr, Double.doubleToRawLongBits(v)); }

    /** Copies {@code len} bytes at {@code addr} into {@code dst} from {@code off}; traps if they are not all in memory. */
    public void read(long addr, byte[] dst, int off, int len) {
        check(addr, len);
        System.arraycopy(bytes, (int) addr, dst, off, len);
    }

    /** Copies {@code len} bytes of {@code src} from {@code off} to {@code addr}; traps (writing nothing) if they do not fit. */
    public void write(long addr, byte[] src, int off, int len) {
        check(addr, len);
        System.arraycopy(src, off, bytes, (int) addr, len);
    }

    /** Sets {@code len} bytes at {@code addr} to {@code value} (wasm's {@code memory.fill}). */
    public void fill(long addr, int len, byte value) {
        check(addr, len);
        Arrays.fill(bytes, (int) addr, (int) addr + len, value);
    }

    /** {@code len} bytes at {@code addr} decoded as UTF-8. */
    public String readString(long addr, int len) {
        check(addr, len);
        return new String(bytes, (int) addr, len, StandardCharsets.UTF_8);
    }

    /** {@code len} bytes at {@code addr} decoded with {@code charset} (WASM-4's trace is Latin-1 or UTF-16). */
    public String readString(long addr, int len, Charset charset) {
        check(addr, len);
        return new String(bytes, (int) addr, len, charset);
    }

    /** A NUL-terminated UTF-8 string starting at {@code addr}, at most {@code max} bytes. */
    public String readCString(long addr, int max) {
        check(addr, 0);
        int end = (int) addr;
        int limit = (int) Math.min(bytes.length, addr + max);
        while (end < limit && bytes[end] != 0) end++;
        return new String(bytes, (int) addr, end - (int) addr, StandardCharsets.UTF_8);
    }
}
