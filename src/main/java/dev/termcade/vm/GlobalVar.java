package dev.termcade.vm;

import dev.termcade.wasm.GlobalType;
import dev.termcade.wasm.ValType;

/** A global variable: raw bits for numbers, an object for references. Shared by reference when imported. */
public final class GlobalVar {
    private final GlobalType type;
    long value;
    /** Bits 64..127 of a v128 global. */
    long high;
    Object ref;

    public GlobalVar(GlobalType type, Value initial) {
        this.type = type;
        this.value = initial.bits();
        this.high = initial.high();
        this.ref = initial.ref();
    }

    public GlobalType type() { return type; }

    public Value get() { return ValType.isRef(type.valType()) ? Value.ref(type.valType(), ref) : Value.raw(type.valType(), value, high); }

    /** Sets the value; the host may set even immutable globals (e.g. before instantiating), wasm code may not. */
    public void set(Value v) {
        if (v.type() != type.valType()) throw new IllegalArgumentException("global of type " + ValType.name(type.valType()) + " cannot hold " + v);
        value = v.bits();
        high = v.high();
        ref = v.ref();
    }
}
