package dev.termcade.wasm;

/**
 * A constant expression (initialisers of globals, segment offsets and element items). Wasm 2.0 allows a single
 * instruction: a numeric constant ({@code value} holds its bits), {@code ref.null}, {@code ref.func index} or
 * {@code global.get index}.
 */
public record ConstExpr(Kind kind, byte type, long value, int index) {
    public enum Kind { CONST, REF_NULL, REF_FUNC, GLOBAL_GET }

    @Override public String toString() {
        switch (kind) {
            case CONST: return ValType.name(type) + ".const " + value;
            case REF_NULL: return "ref.null " + ValType.name(type);
            case REF_FUNC: return "ref.func " + index;
            default: return "global.get " + index;
        }
    }
}
