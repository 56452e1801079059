package dev.termcade.vm;

/**
 * A bug in the engine, not in the wasm program: an exception the interpreter did not mean to throw (every wasm
 * trap is a {@link Trap}). Never turned into a trap, so it cannot hide behind a program's expected failure.
 */
public final class InternalEngineError extends RuntimeException {
    InternalEngineError(String where, Throwable cause) {
        super("internal error (an engine bug, please report it) " + where + ": " + cause, cause);
    }
}
