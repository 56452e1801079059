package dev.termcade.wasm;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Prints a module, or one function, in the WebAssembly text format, so that {@code wat2wasm} and our own parser
 * read it back to the same code: flat instructions indented by block, {@code (type N)} on every signature (so
 * duplicate types keep their index), floats that parse back to the same bits, {@code $names} from the name
 * section where they are valid, unique identifiers. Printing is a loop over the bytes, never a recursion, and
 * indentation stops growing at {@link #MAX_INDENT} levels, so any nesting depth prints in linear space.
 */
public final class WatPrinter {
    /** Deeper blocks are indented like this level: 100,000 nested blocks must not cost 100,000 columns a line. */
    public static final int MAX_INDENT = 32;

    private final Module m;
    /** A usable {@code $id} per function index, or null. */
    private final String[] funcIds;

    public WatPrinter(Module m) {
        this.m = m;
        int n = m.functionTypes().size();
        funcIds = new String[n];
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String name = m.functionName(i);
            if (name != null && isId(name) && !seen.add(name)) duplicated.add(name);
        }
        for (int i = 0; i < n; i++) {
            String name = m.functionName(i);
            if (name != null && isId(name) && !duplicated.contains(name)) funcIds[i] = name;
        }
    }

    /** Whether {@code $name} is a text-format identifier: printable ASCII but space and {@code " , ; ( ) [ ] { }}. */
    static boolean isId(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7F || "\",;()[]{}".indexOf(c) >= 0) return false;
        }
        return true;
    }

    private String funcRef(int idx) {
        String id = idx >= 0 && idx < funcIds.length ? funcIds[idx] : null;
        return id != null ? "$" + id : Integer.toUnsignedString(idx);
    }

    /** Local ids of one function: valid and unique names only. */
    private Map<Integer, String> localIds(int func, int count) {
        Map<Integer, String> ids = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String n = m.localName(func, i);
            if (n != null && isId(n) && used.add(n)) ids.put(i, n);
        }
        return ids;
    }

    // ---- the whole module ---------------------------------------------------------------------------------

    /** The whole module: every section the text format has (custom sections and names of other spaces are left out). */
    public String module() {
        StringBuilder sb = new StringBuilder("(module\n");
        for (int i = 0; i < m.types().size(); i++) {
            sb.append("  (type (;").append(i).append(";) (func").append(signature(m.types().get(i), null)).append("))\n");
        }
        int func = 0, table = 0, memory = 0, global = 0;
        for (Import imp : m.imports()) {
            sb.append("  (import ").append(string(imp.module())).append(' ').append(string(imp.name())).append(' ');
            switch (imp.kind()) {
                case FUNC:
                    sb.append("(func ").append(funcIds[func] != null ? "$" + funcIds[func] + " " : "").append("(;").append(func).append(";) (type ")
                            .append(imp.typeIndex()).append(')').append(signature(m.types().get(imp.typeIndex()), null)).append(')');
                    func++;
                    break;
                case TABLE: sb.append("(table (;").append(table++).append(";) ").append(tableType(imp.table())).append(')'); break;
                case MEMORY: sb.append("(memory (;").append(memory++).append(";) ").append(limits(imp.memory())).append(')'); break;
                default: sb.append("(global (;").append(global++).append(";) ").append(globalType(imp.global())).append(')');
            }
            sb.append(")\n");
        }
        for (int f = m.importedFunctionCount(); f < m.functionTypes().size(); f++) indent(function(f), sb);
        for (TableType t : m.tables()) sb.append("  (table (;").append(table++).append(";) ").append(tableType(t)).append(")\n");
        for (Limits l : m.memories()) sb.append("  (memory (;").append(memory++).append(";) ").append(limits(l)).append(")\n");
        for (Global g : m.globals()) {
            sb.append("  (global (;").append(global++).append(";) ").append(globalType(g.type())).append(" (").append(constExpr(g.init())).append("))\n");
        }
        for (Export e : m.exports()) {
            sb.append("  (export ").append(string(e.name())).append(" (").append(kindName(e.kind())).append(' ')
                    .append(e.kind() == ExternKind.FUNC ? funcRef(e.index()) : Integer.toUnsignedString(e.index())).append("))\n");
        }
        if (m.startFunction() >= 0) sb.append("  (start ").append(funcRef(m.startFunction())).append(")\n");
        for (int i = 0; i < m.elements().size(); i++) elem(i, m.elements().get(i), sb);
        for (int i = 0; i < m.data().size(); i++) {
            DataSegment d = m.data().get(i);
            sb.append("  (data (;").append(i).append(";)");
            if (d.mode() == SegmentMode.ACTIVE) {
                if (d.memory() != 0) sb.append(" (memory ").append(d.memory()).append(')');
                sb.append(" (").append(constExpr(d.offset())).append(')');
            }
            sb.append(' ').append(string(d.bytes())).append(")\n");
        }
        return sb.append(")\n").toString();
    }

    private static void indent(String lines, StringBuilder sb) {
        int from = 0;
        while (from < lines.length()) {
            int nl = lines.indexOf('\n', from);
            int end = nl < 0 ? lines.length() : nl + 1;
            sb.append("  ").append(lines, from, end);
            from = end;
        }
    }

    private void elem(int index, ElementSegment e, StringBuilder sb) {
        sb.append("  (elem (;").append(index).append(";)");
        if (e.mode() == SegmentMode.DECLARATIVE) sb.append(" declare");
        if (e.mode() == SegmentMode.ACTIVE) {
            sb.append(" (table ").append(e.table()).append(") (offset ").append(constExpr(e.offset())).append(')');
        }
        boolean allFunctions = e.elemType() == ValType.FUNCREF;
        for (ConstExpr item : e.items()) if (item.kind() != ConstExpr.Kind.REF_FUNC) allFunctions = false;
        if (allFunctions) {
            sb.append(" func");
            for (ConstExpr item : e.items()) sb.append(' ').append(funcRef(item.index()));
        } else {
            sb.append(' ').append(ValType.name(e.elemType()));
            for (ConstExpr item : e.items()) sb.append(" (item ").append(constExpr(item)).append(')');
        }
        sb.append(")\n");
    }

    private static String kindName(ExternKind k) {
        switch (k) {
            case FUNC: return "func";
            case TABLE: return "table";
            case MEMORY: return "memory";
            default: return "global";
        }
    }

    private static String limits(Limits l) {
        return Long.toUnsignedString(l.min()) + (l.hasMax() ? " " + Long.toUnsignedString(l.max()) : "");
    }

    private static String tableType(TableType t) { return limits(t.limits()) + " " + ValType.name(t.elemType()); }

    private static String globalType(GlobalType g) {
        return g.mutable() ? "(mut " + ValType.name(g.valType()) + ")" : ValType.name(g.valType());
    }

    private String constExpr(ConstExpr e) {
        switch (e.kind()) {
            case CONST: {
                String t = ValType.name(e.type());
                if (e.type() == ValType.F32) return "f32.const " + f32((int) e.value());
                if (e.type() == ValType.F64) return "f64.const " + f64(e.value());
                if (e.type() == ValType.V128) return "v128.const i64x2 0x" + Long.toHexString(e.value()) + " 0x" + Long.toHexString(e.high());
                return t + ".const " + (e.type() == ValType.I32 ? Integer.toString((int) e.value()) : Long.toString(e.value()));
            }
            case REF_NULL: return "ref.null " + (e.type() == ValType.FUNCREF ? "func" : "extern");
            case REF_FUNC: return "ref.func " + funcRef(e.index());
            default: return "global.get " + e.index();
        }
    }

    /** A string literal: printable ASCII as it is, every other byte as {@code \hh} (terminal-safe, exact). */
    public static String string(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 2).append('"');
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') sb.append((char) c);
            else sb.append('\\').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
        }
        return sb.append('"').toString();
    }

    private static String string(String s) { return string(s.getBytes(StandardCharsets.UTF_8)); }

    /** An f32 as the text format writes it: shortest decimal that reads back to the same bits, else hex; NaN payloads kept. */
    public static String f32(int bits) {
        String sign = bits < 0 ? "-" : "";
        int payload = bits & 0x7FFFFF;
        if ((bits & 0x7F800000) == 0x7F800000) return sign + (payload == 0 ? "inf" : payload == 0x400000 ? "nan" : "nan:0x" + Integer.toHexString(payload));
        float abs = Math.abs(Float.intBitsToFloat(bits));
        String s = Float.toString(abs);
        if (Float.floatToRawIntBits(Float.parseFloat(s)) == Float.floatToRawIntBits(abs)) return sign + s.replace('E', 'e');
        return sign + Float.toHexString(abs);
    }

    /** An f64, as {@link #f32}. */
    public static String f64(long bits) {
        String sign = bits < 0 ? "-" : "";
        long payload = bits & 0xFFFFFFFFFFFFFL;
        if ((bits & 0x7FF0000000000000L) == 0x7FF0000000000000L) {
            return sign + (payload == 0 ? "inf" : payload == 1L << 51 ? "nan" : "nan:0x" + Long.toHexString(payload));
        }
        double abs = Math.abs(Double.longBitsToDouble(bits));
        String s = Double.toString(abs);
        if (Double.doubleToRawLongBits(Double.parseDouble(s)) == Double.doubleToRawLongBits(abs)) return sign + s.replace('E', 'e');
        return sign + Double.toHexString(abs);
    }

    // ---- one function -------------------------------------------------------------------------------------

    /** The whole function: signature, locals and body. Imported functions print as their import. */
    public String function(int funcIndex) {
        StringBuilder sb = new StringBuilder();
        int typeIndex = m.functionTypeIndex(funcIndex);
        FuncType t = m.functionTypes().get(funcIndex);
        sb.append("(func ");
        if (funcIds[funcIndex] != null) sb.append('$').append(funcIds[funcIndex]).append(' ');
        sb.append("(;").append(funcIndex).append(";)");
        if (funcIndex < m.importedFunctionCount()) {
            Import imp = m.imports().stream().filter(i -> i.kind() == ExternKind.FUNC).skip(funcIndex).findFirst().orElseThrow();
            return sb.append(" (import ").append(string(imp.module())).append(' ').append(string(imp.name())).append(") (type ")
                    .append(typeIndex).append(')').append(signature(t, null)).append(")\n").toString();
        }
        FunctionBody body = m.bodies().get(funcIndex - m.importedFunctionCount());
        byte[] locals = body.locals();
        Map<Integer, String> ids = localIds(funcIndex, t.paramCount() + locals.length);
        sb.append(" (type ").append(typeIndex).append(')').append(signature(t, ids)).append('\n');
        // Unnamed locals of a run share one (local ...); a named one stands alone.
        int i = 0;
        while (i < locals.length) {
            String id = ids.get(t.paramCount() + i);
            if (id != null) {
                sb.append("  (local $").append(id).append(' ').append(ValType.name(locals[i])).append(")\n");
                i++;
                continue;
            }
            sb.append("  (local");
            while (i < locals.length && ids.get(t.paramCount() + i) == null) sb.append(' ').append(ValType.name(locals[i++]));
            sb.append(")\n");
        }
        body(funcIndex, body, ids, sb);
        return sb.append(")\n").toString();
    }

    /** {@code (param ...) (result ...)}: named parameters one by one, unnamed ones grouped. */
    private static String signature(FuncType t, Map<Integer, String> ids) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < t.paramCount()) {
            String id = ids == null ? null : ids.get(i);
            if (id != null) {
                sb.append(" (param $").append(id).append(' ').append(ValType.name(t.param(i++))).append(')');
                continue;
            }
            sb.append(" (param");
            while (i < t.paramCount() && (ids == null || ids.get(i) == null)) sb.append(' ').append(ValType.name(t.param(i++)));
            sb.append(')');
        }
        if (t.resultCount() > 0) {
            sb.append(" (result");
            for (int k = 0; k < t.resultCount(); k++) sb.append(' ').append(ValType.name(t.result(k)));
            sb.append(')');
        }
        return sb.toString();
    }

    private void body(int func, FunctionBody body, Map<Integer, String> localIds, StringBuilder sb) {
        WasmReader r = new WasmReader(m.bytes(), body.codeStart(), body.codeEnd());
        r.section("code of function " + func);
        int depth = 1;
        while (!r.atEnd()) {
            int op = r.u8();
            if (op == 0x0B) {
                depth--;
                if (depth == 0) break;
            }
            int indent = Math.min(MAX_INDENT, Math.max(1, op == 0x05 ? depth - 1 : depth));
            for (int k = 0; k < indent; k++) sb.append("  ");
            if (op == 0xFC) {
                prefixed(r, sb);
            } else if (op == 0xFD) {
                int sub = r.u32();
                String simd = sub >= 0 && sub < Opcodes.FD_NAMES.length ? Opcodes.FD_NAMES[sub] : null;
                if (simd == null) {
                    sb.append("(; illegal opcode 0xfd ").append(Integer.toUnsignedString(sub)).append(" ;)\n");
                    return;
                }
                sb.append(simd);
                simdOperands(simd, r, sb);
            } else if (Opcodes.NAMES[op] == null) {
                sb.append("(; illegal opcode 0x").append(Integer.toHexString(op)).append(" ;)\n");
                return;
            } else {
                sb.append(Opcodes.NAMES[op]);
                operands(op, r, localIds, sb);
            }
            sb.append('\n');
            if (op == 0x02 || op == 0x03 || op == 0x04) depth++;
        }
    }

    private static void prefixed(WasmReader r, StringBuilder sb) {
        int sub = r.u32();
        if (sub < 0 || sub >= Opcodes.FC_NAMES.length) {
            sb.append("(; unknown opcode 0xfc ").append(Integer.toUnsignedString(sub)).append(" ;)");
            return;
        }
        sb.append(Opcodes.FC_NAMES[sub]);
        switch (sub) {
            case 8: sb.append(' ').append(Integer.toUnsignedString(r.u32())); r.u8(); break;       // memory.init data, memory 0
            case 9: case 13: sb.append(' ').append(Integer.toUnsignedString(r.u32())); break;   // data.drop, elem.drop
            case 10: r.u8(); r.u8(); break;                                                     // memory.copy 0 0
            case 11: r.u8(); break;                                                             // memory.fill 0
            case 12: {                                                                          // table.init: binary elem, table; text table, elem
                int elem = r.u32();
                int table = r.u32();
                sb.append(' ').append(Integer.toUnsignedString(table)).append(' ').append(Integer.toUnsignedString(elem));
                break;
            }
            case 14: sb.append(' ').append(Integer.toUnsignedString(r.u32())).append(' ').append(Integer.toUnsignedString(r.u32())); break;
            case 15: case 16: case 17: sb.append(' ').append(Integer.toUnsignedString(r.u32())); break;
            default: break;
        }
    }

    private void operands(int op, WasmReader r, Map<Integer, String> localIds, StringBuilder sb) {
        switch (op) {
            case 0x02: case 0x03: case 0x04: {
                long bt = r.s33();
                if (bt == -64) break;
                if (bt < 0) {
                    sb.append(" (result ").append(ValType.name((byte) (bt & 0x7F))).append(')');
                } else {
                    sb.append(" (type ").append(bt).append(')');
                    if (bt < m.types().size()) sb.append(signature(m.types().get((int) bt), null));
                }
                break;
            }
            case 0x0C: case 0x0D: sb.append(' ').append(Integer.toUnsignedString(r.u32())); break;
            case 0x0E: {
                int n = r.u32();
                for (int i = 0; i <= n; i++) sb.append(' ').append(Integer.toUnsignedString(r.u32()));
                break;
            }
            case 0x10: case 0xD2: sb.append(' ').append(funcRef(r.u32())); break;
            case 0x11: {
                int type = r.u32();
                int table = r.u32();
                sb.append(' ').append(Integer.toUnsignedString(table)).append(" (type ").append(Integer.toUnsignedString(type)).append(')');
                break;
            }
            case 0x1C: {
                int n = r.u32();
                sb.append(" (result");
                for (int i = 0; i < n; i++) sb.append(' ').append(ValType.name(r.valType()));
                sb.append(')');
                break;
            }
            case 0x20: case 0x21: case 0x22: {
                int local = r.u32();
                String id = localIds.get(local);
                sb.append(' ').append(id != null ? "$" + id : Integer.toUnsignedString(local));
                break;
            }
            case 0x23: case 0x24: case 0x25: case 0x26: sb.append(' ').append(Integer.toUnsignedString(r.u32())); break;
            case 0x3F: case 0x40: r.u8(); break;
            case 0x41: sb.append(' ').append(r.s32()); break;
            case 0x42: sb.append(' ').append(r.s64()); break;
            case 0x43: sb.append(' ').append(f32(r.f32Bits())); break;
            case 0x44: sb.append(' ').append(f64(r.f64Bits())); break;
            case 0xD0: sb.append(' ').append(r.refType() == ValType.FUNCREF ? "func" : "extern"); break;
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
