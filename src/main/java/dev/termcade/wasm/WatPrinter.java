package dev.termcade.wasm;

/**
 * Prints function bodies in the WebAssembly text format (flat instructions, indented by block), with names from
 * the name section where the module has them.
 */
public final class WatPrinter {
    private final Module m;

    public WatPrinter(Module m) { this.m = m; }

    private String funcRef(int idx) {
        String n = m.functionName(idx);
        return n != null ? "$" + n : Integer.toString(idx);
    }

    private String localRef(int func, int idx) {
        String n = m.localName(func, idx);
        return n != null ? "$" + n : Integer.toString(idx);
    }

    /** The whole function: signature, locals and body. Imported functions print as their import. */
    public String function(int funcIndex) {
        StringBuilder sb = new StringBuilder();
        FuncType t = m.functionTypes().get(funcIndex);
        sb.append("(func ").append(funcRef(funcIndex)).append(" (;").append(funcIndex).append(";)");
        if (funcIndex < m.importedFunctionCount()) {
            Import imp = m.imports().stream().filter(i -> i.kind() == ExternKind.FUNC).skip(funcIndex).findFirst().orElseThrow();
            return sb.append(" (import \"").append(imp.module()).append("\" \"").append(imp.name()).append("\")").append(signature(funcIndex, t)).append(")\n").toString();
        }
        sb.append(signature(funcIndex, t)).append('\n');
        FunctionBody body = m.bodies().get(funcIndex - m.importedFunctionCount());
        byte[] locals = body.locals();
        for (int i = 0; i < locals.length; i++) {
            sb.append("  (local ");
            String n = m.localName(funcIndex, t.paramCount() + i);
            if (n != null) sb.append('$').append(n).append(' ');
            sb.append(ValType.name(locals[i])).append(")\n");
        }
        body(funcIndex, body, sb);
        return sb.append(")\n").toString();
    }

    private String signature(int func, FuncType t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.paramCount(); i++) {
            sb.append(" (param ");
            String n = m.localName(func, i);
            if (n != null) sb.append('$').append(n).append(' ');
            sb.append(ValType.name(t.param(i))).append(')');
        }
        if (t.resultCount() > 0) {
            sb.append(" (result");
            for (int i = 0; i < t.resultCount(); i++) sb.append(' ').append(ValType.name(t.result(i)));
            sb.append(')');
        }
        return sb.toString();
    }

    private void body(int func, FunctionBody body, StringBuilder sb) {
        WasmReader r = new WasmReader(m.bytes(), body.codeStart(), body.codeEnd());
        r.section("code of function " + func);
        int depth = 1;
        while (!r.atEnd()) {
            int op = r.u8();
            if (op == 0x0B) {
                depth--;
                if (depth == 0) break;
            }
            int indent = op == 0x05 ? depth - 1 : depth;
            sb.append("  ".repeat(Math.max(1, indent)));
            String name = op == 0xFC ? null : Opcodes.NAMES[op];
            if (op == 0xFC) {
                int sub = r.u32();
                sb.append(sub >= 0 && sub < Opcodes.FC_NAMES.length ? Opcodes.FC_NAMES[sub] : "0xfc " + sub);
                switch (sub) {
                    case 8: sb.append(' ').append(r.u32()); r.u8(); break;
                    case 9: case 13: sb.append(' ').append(r.u32()); break;
                    case 10: r.u8(); r.u8(); break;
                    case 11: r.u8(); break;
                    case 12: case 14: sb.append(' ').append(r.u32()).append(' ').append(r.u32()); break;
                    case 15: case 16: case 17: sb.append(' ').append(r.u32()); break;
                    default: break;
                }
            } else if (op == 0xFD) {
                int sub = r.u32();
                String simd = sub >= 0 && sub < Opcodes.FD_NAMES.length ? Opcodes.FD_NAMES[sub] : null;
                if (simd == null) {
                    sb.append("(; illegal opcode 0xfd ").append(Integer.toUnsignedString(sub)).append(" ;)\n");
                    return;
                }
                sb.append(simd);
                simdOperands(simd, r, sb);
            } else if (name == null) {
                sb.append("(; illegal opcode 0x").append(Integer.toHexString(op)).append(" ;)\n");
                return;
            } else {
                sb.append(name);
                operands(func, op, r, sb);
            }
            sb.append('\n');
            if (op == 0x02 || op == 0x03 || op == 0x04) depth++;
        }
    }

    private void operands(int func, int op, WasmReader r, StringBuilder sb) {
        switch (op) {
            case 0x02: case 0x03: case 0x04: {
                long bt = r.s33();
                if (bt == -64) break;
                if (bt < 0) sb.append(" (result ").append(ValType.name((byte) (bt & 0x7F))).append(')');
                else sb.append(" (type ").append(bt).append(')');
                break;
            }
            case 0x0C: case 0x0D: sb.append(' ').append(r.u32()); break;
            case 0x0E: {
                int n = r.u32();
                for (int i = 0; i <= n; i++) sb.append(' ').append(r.u32());
                break;
            }
            case 0x10: sb.append(' ').append(funcRef(r.u32())); break;
            case 0x11: {
                int type = r.u32();
                int table = r.u32();
                if (table != 0) sb.append(' ').append(table);
                sb.append(" (type ").append(type).append(')');
                break;
            }
            case 0x1C: {
                int n = r.u32();
                sb.append(" (result");
                for (int i = 0; i < n; i++) sb.append(' ').append(ValType.name(r.valType()));
                sb.append(')');
                break;
            }
            case 0x20: case 0x21: case 0x22: sb.append(' ').append(localRef(func, r.u32())); break;
            case 0x23: case 0x24: case 0x25: case 0x26: sb.append(' ').append(r.u32()); break;
            case 0x3F: case 0x40: r.u8(); break;
            case 0x41: sb.append(' ').append(r.s32()); break;
            case 0x42: sb.append(' ').append(r.s64()); break;
            case 0x43: {
                float f = Float.intBitsToFloat(r.f32Bits());
                sb.append(' ').append(Float.isNaN(f) ? "nan" : Float.toString(f));
                break;
            }
            case 0x44: {
                double d = Double.longBitsToDouble(r.f64Bits());
                sb.append(' ').append(Double.isNaN(d) ? "nan" : Double.toString(d));
                break;
            }
            case 0xD0: sb.append(' ').append(r.refType() == ValType.FUNCREF ? "func" : "extern"); break;
            case 0xD2: sb.append(' ').append(funcRef(r.u32())); break;
            default:
                if (op >= 0x28 && op <= 0x3E) memarg(r, sb);
        }
    }

    private static void memarg(WasmReader r, StringBuilder sb) {
        int align = r.u32();
        int offset = r.u32();
        if (offset != 0) sb.append(" offset=").append(Integer.toUnsignedString(offset));
        sb.append(" align=").append(1L << Math.min(align, 62));
    }

    /** Immediates of a SIMD instruction: a memarg, lane indices, or the 16 bytes of a constant. */
    private static void simdOperands(String name, WasmReader r, StringBuilder sb) {
        if (name.equals("v128.const")) {
            sb.append(" i32x4");
            for (int i = 0; i < 4; i++) sb.append(String.format(" 0x%08x", r.f32Bits()));
        } else if (name.equals("i8x16.shuffle")) {
            for (int i = 0; i < 16; i++) sb.append(' ').append(r.u8());
        } else if (name.startsWith("v128.load") || name.startsWith("v128.store")) {
            memarg(r, sb);
            if (name.endsWith("_lane")) sb.append(' ').append(r.u8());
        } else if (name.contains("_lane")) {
            sb.append(' ').append(r.u8());
        }
    }
}
