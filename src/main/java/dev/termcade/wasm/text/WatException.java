package dev.termcade.wasm.text;

import dev.termcade.wasm.WasmException;

/**
 * The text is not a well-formed WebAssembly text module: one line naming where ({@code file:line:column}), what
 * was found there and what is wrong with it.
 */
public final class WatException extends WasmException {
    private final int line;
    private final int column;
    private final String problem;
    private String file;

    public WatException(int line, int column, String problem) {
        super(line + ":" + column + ": " + problem);
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public int line() { return line; }
    public int column() { return column; }
    public String problem() { return problem; }

    /** Names the file: the message becomes {@code file:line:column: problem}, the form compilers use. */
    @Override public WatException inFile(String file) {
        if (this.file == null) this.file = file;
        return this;
    }

    @Override public String getMessage() {
        return (file == null ? "" : file + ":") + line + ":" + column + ": " + problem;
    }
}
