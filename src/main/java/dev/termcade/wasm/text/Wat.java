package dev.termcade.wasm.text;

/**
 * The WebAssembly text format ({@code .wat}): turns a text module into the binary format, which the decoder then
 * reads like any {@code .wasm} file.
 */
public final class Wat {
    private Wat() {}

    /** Whether {@code bytes} start with the binary format's magic ({@code \0asm}). */
    public static boolean isBinary(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm';
    }

    /**
     * The binary module written by {@code source}: a {@code (module ...)}, its fields without the wrapper, or
     * the spec scripts' {@code (module binary ...)} and {@code (module quote ...)}. Names become a name section.
     *
     * @throws WatException with line, column and the offending token
     */
    public static byte[] toBinary(byte[] source) { return WatParser.module(source, true); }

    /** As {@link #toBinary(byte[])}, without the name section (as {@code wat2wasm} writes by default). */
    public static byte[] toBinaryWithoutNames(byte[] source) { return WatParser.module(source, false); }
}
