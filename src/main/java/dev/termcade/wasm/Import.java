package dev.termcade.wasm;

/** One import; exactly one of the type fields is meaningful, chosen by {@code kind}. */
public record Import(String module, String name, ExternKind kind, int typeIndex, TableType table, Limits memory,
                     GlobalType global) {
    /** {@code module.name} for messages, made safe for terminals (the names are the module's, untrusted). */
    public String qualifiedName() { return SafeText.of(module + "." + name); }
}
