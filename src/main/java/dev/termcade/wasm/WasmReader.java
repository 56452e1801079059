package dev.termcade.wasm;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over a WebAssembly binary: LEB128 integers, floats, names and vectors, all bounds-checked against the
 * current limit so that malformed input ends in a {@link WasmFormatException} naming the section and offset.
 */
public final class WasmReader {
    private final byte[] bytes;
    private int pos;
    private int limit;
    private String section = "module header";

    public WasmReader(byte[] bytes, int pos, int limit) {
        this.bytes = bytes;
        this.pos = pos;
        this.limit = limit;
    }

    public int pos() { return pos; }
    public void pos(int p) { pos = p; }
    public int limit() { return limit; }
    public void limit(int l) { limit = l; }
    public byte[] bytes() { return bytes; }
    public boolean atEnd() { return pos >= limit; }
    public int remaining() { return limit - pos; }
    public void section(String name) { section = name; }
    public String section() { return section; }

    public WasmFormatException error(String problem) { return new WasmFormatException(section, pos, problem); }

    public WasmFormatException errorAt(int offset, String problem) {
        return new WasmFormatException(section, offset, problem);
    }

    public int u8() {
        if (pos >= limit) throw error(pos >= bytes.length ? "unexpected end" : "unexpected end of section or function");
        return bytes[pos++] & 0xFF;
    }

    public int peek() {
        if (pos >= limit) throw error("unexpected end");
        return bytes[pos] & 0xFF;
    }

    /** An unsigned LEB128 32-bit integer, as an int holding the raw 32 bits. */
    public int u32() {
        int result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift == 28) {
                if ((b & 0x80) != 0) throw error("integer representation too long");
                if ((b & 0x70) != 0) throw error("integer too large");
                return result | (b << 28);
            }
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
    }

    /** A u32 used as a count or length: it must fit what remains, so nothing is allocated for a bogus size. */
    public int count(int minBytesEach) {
        int start = pos;
        long n = u32() & 0xFFFFFFFFL;
        if (n * Math.max(minBytesEach, 0) > remaining()) {
            throw errorAt(start, minBytesEach == 1 ? "length out of bounds" : "unexpected end of section or function");
        }
        return (int) n;
    }

    public int s32() {
        int result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift == 28) {
                if ((b & 0x80) != 0) throw error("integer representation too long");
                int top = b & 0x70;
                if ((b & 0x08) != 0 ? top != 0x70 : top != 0) throw error("integer too large");
                return result | (b << 28);
            }
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                shift += 7;
                return shift < 32 && (b & 0x40) != 0 ? result | (-1 << shift) : result;
            }
        }
    }

    /** A signed 33-bit LEB128 (block types). */
    public long s33() {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift == 28) {
                if ((b & 0x80) != 0) throw error("integer representation too long");
                int top = b & 0x70;
                boolean sign = (b & 0x10) != 0;
                if (sign ? top != 0x70 : top != 0) throw error("integer too large");
                result |= ((long) b & 0x7F) << 28;
                return (result << 29) >> 29;
            }
            result |= ((long) b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                shift += 7;
                return (b & 0x40) != 0 ? result | (-1L << shift) : result;
            }
        }
    }

    public long s64() {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift == 63) {
                if ((b & 0x80) != 0) throw error("integer representation too long");
                if (b != 0 && b != 0x7F) throw error("integer too large");
                return result | ((long) b << 63);
            }
            result |= ((long) b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                shift += 7;
                return shift < 64 && (b & 0x40) != 0 ? result | (-1L << shift) : result;
            }
        }
    }

    public int f32Bits() {
        need(4);
        int v = (bytes[pos] & 0xFF) | (bytes[pos + 1] & 0xFF) << 8 | (bytes[pos + 2] & 0xFF) << 16 | (bytes[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public long f64Bits() {
        long lo = f32Bits() & 0xFFFFFFFFL;
        long hi = f32Bits() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    public void need(int n) {
        if (n < 0 || n > limit - pos) throw error("unexpected end");
    }

    public byte[] byteVec() {
        int n = count(1);
        byte[] out = new byte[n];
        System.arraycopy(bytes, pos, out, 0, n);
        pos += n;
        return out;
    }

    public String name() {
        int n = count(1);
        int start = pos;
        pos += n;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, n)).toString();
        } catch (CharacterCodingException e) {
            throw errorAt(start, "malformed UTF-8 encoding");
        }
    }

    public byte valType() {
        int at = pos;
        int b = u8();
        switch (b) {
            case 0x7F: case 0x7E: case 0x7D: case 0x7C: case 0x7B: case 0x70: case 0x6F:
                return (byte) b;
            default:
                throw errorAt(at, "malformed value type 0x" + Integer.toHexString(b));
        }
    }

    public byte refType() {
        int at = pos;
        int b = u8();
        if (b == 0x70 || b == 0x6F) return (byte) b;
        throw errorAt(at, "malformed reference type");
    }
}
