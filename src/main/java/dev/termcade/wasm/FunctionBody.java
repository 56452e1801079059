package dev.termcade.wasm;

/**
 * A function's code: its declared locals (not counting parameters) and the byte range of its instructions in
 * {@link Module#bytes()}, which ends with the final {@code end}.
 */
public record FunctionBody(byte[] locals, int codeStart, int codeEnd) {}
