package dev.termcade.wasm;

/** The bytes are not a well-formed WebAssembly binary (the spec's "malformed"). */
public final class WasmFormatException extends WasmException {
    private final String section;
    private final long offset;
    private final String problem;

    public WasmFormatException(String section, long offset, String problem) {
        super(problem + " (in " + section + " at byte offset 0x" + Long.toHexString(offset) + ")");
        this.section = section;
        this.offset = offset;
        this.problem = problem;
    }

    public String section() { return section; }
    public long offset() { return offset; }
    public String problem() { return problem; }
}
