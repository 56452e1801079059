package dev.termcade.wasm;

/** Base of every error the engine reports about a module: malformed bytes, failed validation, failed linking. */
public class WasmException extends RuntimeException {
    public WasmException(String message) {
        super(message);
    }
}
