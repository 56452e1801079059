package dev.termcade.wasm;

public record GlobalType(byte valType, boolean mutable) {
    @Override public String toString() { return (mutable ? "mut " : "") + ValType.name(valType); }
}
