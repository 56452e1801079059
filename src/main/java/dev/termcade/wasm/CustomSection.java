package dev.termcade.wasm;

public record CustomSection(String name, int offset, int size) {}
