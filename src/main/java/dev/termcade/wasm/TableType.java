package dev.termcade.wasm;

public record TableType(byte elemType, Limits limits) {
    @Override public String toString() { return ValType.name(elemType) + " " + limits; }
}
