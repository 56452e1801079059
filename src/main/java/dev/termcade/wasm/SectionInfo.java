package dev.termcade.wasm;

/** Where a section sits in the file, for {@code inspect}. */
public record SectionInfo(int id, String name, int offset, int size) {}
