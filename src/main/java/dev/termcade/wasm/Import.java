package dev.termcade.wasm;

/** One import; exactly one of the type fields is meaningful, chosen by {@code kind}. */
public record Import(String module, String name, ExternKind kind, int typeIndex, TableType table, Limits memory,
                     GlobalType global) {
    public String qualifiedName() { return module + "." + name; }
}
