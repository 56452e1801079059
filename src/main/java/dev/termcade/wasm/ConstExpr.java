package dev.termcade.wasm;

/**
 * A constant expression (initialisers of globals, segment offsets and element items). Wasm 2.0 allows a single
 * instruction: a numeric or v128 constant ({@code value} holds its bits, {@code high} a v128's upper half), {@code ref.null}, {@code ref.func index} or
 * {@code global.get index}.
 */
public record ConstExpr(Kind kind, byte type, long value, int index, long high) {
    public enum Kind { CONST, REF_NULL, REF_FUNC, GLOBAL_GET }

    public ConstExpr(Kind kind, byte type, long value, int index) { this(kind, type, value, index, 0); }

    /** {@code v128.const}: bytes 0..7 in {@code low}, 8..15 in {@code high}. */
    public static ConstExpr v128(long low, long high) { return new ConstExpr(Kind.CONST, ValType.V128, low, 0, high); }

    @Override public String toString() {
        switch (kind) {
            case CONST: return type == ValType.V128 ? String.format("v128.const i64x2 0x%x 0x%x", value, high) : ValType.name(type) + ".const " + value;
            case REF_NULL: return "ref.null " + ValType.name(type);
            case REF_FUNC: return "ref.func " + index;
            default: return "global.get " + index;
        }
    }
}
