package dev.termcade.vm;

import dev.termcade.wasm.WasmException;

/** An import could not be satisfied (the spec's "unlinkable"), or an instance could not be allocated. */
public final class LinkException extends WasmException {
    public LinkException(String message) { super(message); }
}
