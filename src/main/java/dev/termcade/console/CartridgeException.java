package dev.termcade.console;

/** A module that cannot be played as a cartridge, with the reason in one line. */
public final class CartridgeException extends RuntimeException {
    public CartridgeException(String message) { super(message, null, false, false); }
}
