package dev.termcade.wasm;

/** Value types as their binary encodings; 0 stands for the validator's unknown (polymorphic) type. */
public final class ValType {
    public static final byte UNKNOWN = 0;
    public static final byte I32 = 0x7F;
    public static final byte I64 = 0x7E;
    public static final byte F32 = 0x7D;
    public static final byte F64 = 0x7C;
    public static final byte V128 = 0x7B;
    public static final byte FUNCREF = 0x70;
    public static final byte EXTERNREF = 0x6F;

    private ValType() {}

    public static boolean isRef(byte t) { return t == FUNCREF || t == EXTERNREF; }

    public static boolean isNum(byte t) { return t == I32 || t == I64 || t == F32 || t == F64; }

    /** Numbers and v128: the types an untyped {@code select} accepts. */
    public static boolean isNumOrVector(byte t) { return isNum(t) || t == V128; }

    public static String name(byte t) {
        switch (t) {
            case I32: return "i32";
            case I64: return "i64";
            case F32: return "f32";
            case F64: return "f64";
            case V128: return "v128";
            case FUNCREF: return "funcref";
            case EXTERNREF: return "externref";
            case UNKNOWN: return "unknown";
            default: return "type(0x" + Integer.toHexString(t & 0xFF) + ")";
        }
    }

    public static byte parse(String s) {
        switch (s) {
            case "i32": return I32;
            case "i64": return I64;
            case "f32": return F32;
            case "f64": return F64;
            case "v128": return V128;
            case "funcref": return FUNCREF;
            case "externref": return EXTERNREF;
            default: throw new IllegalArgumentException("unknown value type " + s);
        }
    }
}
