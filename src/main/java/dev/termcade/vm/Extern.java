package dev.termcade.vm;

/**
 * What a module imports and exports: exactly one of a function, a memory, a table or a global. The engine's own
 * runtime objects are the externs (no wrappers), so an import is shared by reference as the spec requires: a memory
 * two instances import is one memory. Tell the kinds apart with {@code instanceof}:
 * <pre>{@code
 * if (e instanceof WasmFunction f) ... else if (e instanceof Memory m) ... else if (e instanceof Table t) ... else if (e instanceof GlobalVar g) ...
 * }</pre>
 */
public sealed interface Extern permits WasmFunction, Memory, Table, GlobalVar {
}
