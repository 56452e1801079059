package dev.termcade.wasm;

public record Export(String name, ExternKind kind, int index) {}
