package dev.termcade.wasm;

/** Base of every error the engine reports about a module: malformed bytes, failed validation, failed linking. */
public class WasmException extends RuntimeException {
    private String file;

    public WasmException(String message) {
        super(message);
    }

    /** Names the file the problem is in; the message then starts with it. */
    public WasmException inFile(String file) {
        if (this.file == null && !super.getMessage().startsWith(file)) this.file = file;
        return this;
    }

    @Override public String getMessage() {
        return file == null ? super.getMessage() : file + ": " + super.getMessage();
    }
}
