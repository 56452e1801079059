package dev.termcade.vm;

import dev.termcade.wasm.ValType;
import java.util.Locale;

/**
 * The type of a wasm value as an embedder sees it. The decoder keeps the binary encodings ({@link ValType}); they
 * are converted here, at the edge of the API, so no public signature of the engine takes a type code.
 */
public enum ValueType {
    I32(ValType.I32), I64(ValType.I64), F32(ValType.F32), F64(ValType.F64), V128(ValType.V128),
    FUNCREF(ValType.FUNCREF), EXTERNREF(ValType.EXTERNREF);

    /** The binary encoding, for the engine's internals. */
    final byte code;

    private static final ValueType[] BY_CODE = new ValueType[128];

    static {
        for (ValueType t : values()) BY_CODE[t.code] = t;
    }

    ValueType(byte code) { this.code = code; }

    /** The type of a binary encoding (the decoder has checked it is one). */
    static ValueType of(byte code) {
        ValueType t = code >= 0 ? BY_CODE[code] : null;
        if (t == null) throw new IllegalArgumentException("no value type is encoded 0x" + Integer.toHexString(code & 0xFF));
        return t;
    }

    /** The type named as in the text format: {@code i32}, {@code v128}, {@code funcref}... */
    public static ValueType parse(String name) {
        for (ValueType t : values()) {
            if (t.toString().equals(name)) return t;
        }
        throw new IllegalArgumentException("unknown value type " + name);
    }

    /** A reference: {@code funcref} (a {@link WasmFunction} or null) or {@code externref} (any host object or null). */
    public boolean isReference() { return this == FUNCREF || this == EXTERNREF; }

    /** An integer or floating-point number (not a v128, not a reference). */
    public boolean isNumber() { return this == I32 || this == I64 || this == F32 || this == F64; }

    /** The name in the text format, e.g. {@code i32}. */
    @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
}
