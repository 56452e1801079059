package dev.termcade.wasm;

public enum ExternKind {
    FUNC, TABLE, MEMORY, GLOBAL;

    public String wat() { return name().toLowerCase(java.util.Locale.ROOT); }
}
