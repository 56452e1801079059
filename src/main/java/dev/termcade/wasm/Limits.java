package dev.termcade.wasm;

/** Size limits of a memory (in pages) or a table (in elements); {@code max} is -1 when absent. */
public record Limits(long min, long max) {
    public boolean hasMax() { return max >= 0; }

    @Override public String toString() { return hasMax() ? min + ".." + max : min + ".."; }
}
