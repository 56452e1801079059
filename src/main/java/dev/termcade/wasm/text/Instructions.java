package dev.termcade.wasm.text;

import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.Opcodes;
import dev.termcade.wasm.ValType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes an instruction sequence, flat ({@code block ... end}) and folded ({@code (i32.add (...) (...))}) forms
 * mixed freely. Folded expressions are unfolded with an explicit stack of pending work, so nesting depth is
 * bounded by memory, not by the Java stack.
 */
final class Instructions {
    /** Text name to opcode; {@code 0xFC0000 | sub} and {@code 0xFD0000 | sub} for the prefixed ones. */
    private static final Map<String, Integer> OPCODES = new HashMap<>();
    private static final int MISC_PREFIX = 0xFC0000, SIMD_PREFIX = 0xFD0000;

    static {
        for (int op = 0; op < 256; op++) {
            String name = Opcodes.NAMES[op];
            if (name != null && !OPCODES.containsKey(name)) OPCODES.put(name, op);
        }
        for (int sub = 0; sub < Opcodes.FC_NAMES.length; sub++) OPCODES.put(Opcodes.FC_NAMES[sub], MISC_PREFIX | sub);
        for (int sub = 0; sub < Opcodes.FD_NAMES.length; sub++) if (Opcodes.FD_NAMES[sub] != null) OPCODES.put(Opcodes.FD_NAMES[sub], SIMD_PREFIX | sub);
    }

    private static final int BLOCK = 0x02, LOOP = 0x03, IF = 0x04, ELSE = 0x05, END = 0x0B;

    private final WatParser module;
    private final Space locals;
    private final Sink out;
    private final List<Label> labels = new ArrayList<>();

    private static final class Label {
        /** The {@code block}/{@code loop}/{@code if} keyword, for errors. */
        final SExpr at;
        final SExpr id;
        final int opcode;
        boolean sawElse;

        Label(SExpr at, SExpr id, int opcode) {
            this.at = at;
            this.id = id;
            this.opcode = opcode;
        }
    }

    /** Work still to do: the rest of a list of instructions, then {@code whenDone}. */
    private static final class Frame {
        final Cursor items;
        final Runnable whenDone;
        /** Labels below this belong to enclosing frames: a flat {@code end} here may not close them. */
        final int labelBase;

        Frame(Cursor items, int labelBase, Runnable whenDone) {
            this.items = items;
            this.labelBase = labelBase;
            this.whenDone = whenDone;
        }
    }

    private final Deque<Frame> work = new ArrayDeque<>();

    Instructions(WatParser module, Space locals, Sink out) {
        this.module = module;
        this.locals = locals;
        this.out = out;
    }

    /** Encodes every remaining item of {@code c} (without the final {@code end}). */
    void sequence(Cursor c) {
        work.push(new Frame(c, 0, null));
        while (!work.isEmpty()) {
            Frame f = work.peek();
            if (f.items.done()) {
                if (labels.size() > f.labelBase) {
                    Label open = labels.get(labels.size() - 1);
                    throw open.at.error("'" + open.at.text + "' has no 'end'");
                }
                work.pop();
                if (f.whenDone != null) f.whenDone.run();
                continue;
            }
            SExpr n = f.items.next();
            if (n.isList()) folded(n);
            else if (n.kind == SExpr.Kind.KEYWORD) flat(n, f);
            else throw Cursor.unexpected(n);
        }
    }

    private int opcode(SExpr name) {
        Integer op = OPCODES.get(name.text);
        if (op == null) throw name.error("unknown operator " + name.describe());
        return op;
    }

    private void flat(SExpr name, Frame frame) {
        Cursor c = frame.items;
        switch (name.text) {
            case "block": case "loop": case "if": {
                int op = name.text.equals("block") ? BLOCK : name.text.equals("loop") ? LOOP : IF;
                SExpr id = c.optId();
                out.u8(op);
                blockType(c, out);
                labels.add(new Label(name, id, op));
                return;
            }
            case "else": {
                Label top = labels.size() > frame.labelBase ? labels.get(labels.size() - 1) : null;
                if (top == null || top.opcode != IF || top.sawElse) throw name.error("unexpected 'else' outside an 'if'");
                top.sawElse = true;
                closingLabel(c, top);
                out.u8(ELSE);
                return;
            }
            case "end": {
                if (labels.size() <= frame.labelBase) throw name.error("unexpected 'end' with no block open");
                Label top = labels.remove(labels.size() - 1);
                closingLabel(c, top);
                out.u8(END);
                return;
            }
            case "then": throw name.error("unexpected token 'then' outside (if ... (then ...))");
            default: instruction(opcode(name), name, c, out);
        }
    }

    /** The optional {@code $id} after {@code else} or {@code end}, which must repeat the block's own. */
    private static void closingLabel(Cursor c, Label block) {
        SExpr id = c.optId();
        if (id != null && (block.id == null || !block.id.text.equals(id.text))) {
            throw id.error("mismatching label " + id.text + (block.id == null ? " (the block has no label)" : ", the block is " + block.id.text));
        }
    }

    private void folded(SExpr list) {
        String head = list.head();
        if (head == null) throw list.items.isEmpty() ? list.error("unexpected token '()': expected an instruction") : Cursor.unexpected(list.items.get(0));
        Cursor c = Cursor.of(list);
        switch (head) {
            case "block": case "loop": {
                int op = head.equals("block") ? BLOCK : LOOP;
                SExpr id = c.optId();
                out.u8(op);
                blockType(c, out);
                labels.add(new Label(list.items.get(0), id, op));
                work.push(new Frame(c, labels.size(), () -> {
                    labels.remove(labels.size() - 1);
                    out.u8(END);
                }));
                return;
            }
            case "if": {
                SExpr id = c.optId();
                Sink type = new Sink();
                blockType(c, type);
                List<SExpr> conditions = new ArrayList<>();
                while (!c.done() && !c.peekList("then")) {
                    SExpr cond = c.next();
                    if (!cond.isList()) throw Cursor.unexpected(cond);
                    conditions.add(cond);
                }
                Cursor then = Cursor.of(c.list("then"));
                Cursor elseItems = c.peekList("else") ? Cursor.of(c.next()) : null;
                Cursor otherwise = elseItems != null && !elseItems.done() ? elseItems : null; // an empty (else) adds nothing
                c.end();
                work.push(new Frame(new Cursor(conditions, 0, list), labels.size(), () -> {
                    out.u8(IF).bytes(type);
                    labels.add(new Label(list.items.get(0), id, IF));
                    work.push(new Frame(then, labels.size(), () -> {
                        if (otherwise == null) {
                            labels.remove(labels.size() - 1);
                            out.u8(END);
                            return;
                        }
                        out.u8(ELSE);
                        work.push(new Frame(otherwise, labels.size(), () -> {
                            labels.remove(labels.size() - 1);
                            out.u8(END);
                        }));
                    }));
                }));
                return;
            }
            default: {
                SExpr name = list.items.get(0);
                if (head.equals("then") || head.equals("else") || head.equals("end")) throw Cursor.unexpected(name);
                Sink self = new Sink();
                instruction(opcode(name), name, c, self);
                List<SExpr> operands = new ArrayList<>();
                while (!c.done()) {
                    SExpr operand = c.next();
                    if (!operand.isList()) throw Cursor.unexpected(operand);
                    operands.add(operand);
                }
                work.push(new Frame(new Cursor(operands, 0, list), labels.size(), () -> out.bytes(self)));
            }
        }
    }

    /** {@code (type x)? (param t*)* (result t*)*} of a block: empty, one value type, or a type index. */
    private void blockType(Cursor c, Sink to) {
        if (!c.peekList("type") && !c.peekList("param") && !c.peekList("result")) {
            to.u8(0x40);
            return;
        }
        // Signatures without parameters and with at most one result are written inline, even when named by a
        // (type x), as wat2wasm does; others refer to a type, added at the end of the type section if need be.
        FuncType t;
        Integer index = null;
        if (c.peekList("type")) {
            WatParser.SignatureUse use = module.typeUse(c, false);
            t = use.type;
            index = use.typeIndex;
        } else {
            t = module.signature(c, false, null);
        }
        if (t.paramCount() == 0 && t.resultCount() <= 1) {
            if (t.resultCount() == 0) to.u8(0x40);
            else to.u8(t.result(0));
            return;
        }
        to.s64(index != null ? index & 0xFFFFFFFFL : module.typeIndex(t));
    }

    private int label(SExpr ref) {
        if (ref.kind == SExpr.Kind.ID) {
            for (int i = labels.size() - 1; i >= 0; i--) {
                Label l = labels.get(i);
                if (l.id != null && l.id.text.equals(ref.text)) return labels.size() - 1 - i;
            }
            throw ref.error("unknown label " + ref.text);
        }
        return (int) WatParser.u32(ref);
    }

    private static boolean nextIsIndex(Cursor c) { return Space.isIndex(c.peek()); }

    /** Writes {@code op} and its immediates, read from {@code c}. */
    private void instruction(int op, SExpr name, Cursor c, Sink to) {
        if ((op & 0xFF0000) == MISC_PREFIX) {
            prefixed(op & 0xFFFF, name, c, to);
            return;
        }
        if ((op & 0xFF0000) == SIMD_PREFIX) {
            simd(op & 0xFFFF, name, c, to);
            return;
        }
        switch (op) {
            case BLOCK: case LOOP: case IF: case ELSE: case END:
                throw name.error("unexpected token " + name.describe());
            case 0x0C: case 0x0D:
                to.u8(op).u32(label(c.next()));
                return;
            case 0x0E: {
                List<Integer> targets = new ArrayList<>();
                while (nextIsIndex(c)) targets.add(label(c.next()));
                if (targets.isEmpty()) throw c.done() ? c.atEnd("a label") : c.peek().error("expected a label, found " + c.peek().describe());
                to.u8(op).u32(targets.size() - 1);
                for (int t : targets) to.u32(t);
                return;
            }
            case 0x10: case 0xD2:
                to.u8(op).u32(module.funcSpace.resolve(c.next()));
                return;
            case 0x11: {
                int table = nextIsIndex(c) ? module.tableSpace.resolve(c.next()) : 0;
                WatParser.SignatureUse use = module.typeUse(c, false);
                to.u8(op).u32(use.typeIndex).u32(table);
                return;
            }
            case 0x1B: {
                if (!c.peekList("result")) {
                    to.u8(0x1B);
                    return;
                }
                List<Byte> types = new ArrayList<>();
                while (c.peekList("result")) {
                    Cursor rc = Cursor.of(c.next());
                    while (!rc.done()) types.add(WatParser.valType(rc.keyword("a value type")));
                }
                if (types.isEmpty()) {
                    to.u8(0x1B);
                    return;
                }
                to.u8(0x1C).u32(types.size());
                for (byte t : types) to.u8(t);
                return;
            }
            case 0x20: case 0x21: case 0x22:
                to.u8(op).u32(locals.resolve(c.next()));
                return;
            case 0x23: case 0x24:
                to.u8(op).u32(module.globalSpace.resolve(c.next()));
                return;
            case 0x25: case 0x26:
                to.u8(op).u32(nextIsIndex(c) ? module.tableSpace.resolve(c.next()) : 0);
                return;
            case 0x3F: case 0x40:
                to.u8(op).u8(0);
                return;
            case 0x41:
                to.u8(op).s64((int) integer(c.next(), 32));
                return;
            case 0x42:
                to.u8(op).s64(integer(c.next(), 64));
                return;
            case 0x43: {
                SExpr n = c.next();
                try {
                    to.u8(op).f32(WatNumbers.f32(n.text));
                } catch (WatNumbers.BadNumber e) {
                    throw n.error(e.getMessage());
                }
                return;
            }
            case 0x44: {
                SExpr n = c.next();
                try {
                    to.u8(op).f64(WatNumbers.f64(n.text));
                } catch (WatNumbers.BadNumber e) {
                    throw n.error(e.getMessage());
                }
                return;
            }
            case 0xD0: {
                SExpr t = c.keyword("func or extern");
                if (t.isKeyword("func")) to.u8(op).u8(ValType.FUNCREF);
                else if (t.isKeyword("extern")) to.u8(op).u8(ValType.EXTERNREF);
                else throw t.error("unexpected token " + t.describe() + ": expected func or extern");
                return;
            }
            default:
                to.u8(op);
                if (op >= 0x28 && op <= 0x3E) memarg(name, c, to);
        }
    }

    private void prefixed(int sub, SExpr name, Cursor c, Sink to) {
        to.u8(0xFC).u32(sub);
        switch (sub) {
            case 8: {
                int data = module.dataSpace.resolve(c.next());
                module.usesDataCount = true;
                to.u32(data).u8(0);
                return;
            }
            case 9:
                module.usesDataCount = true;
                to.u32(module.dataSpace.resolve(c.next()));
                return;
            case 10: to.u8(0).u8(0); return;
            case 11: to.u8(0); return;
            case 12: {
                // table.init x? y: the text names the table first, the binary the segment first.
                SExpr first = c.next();
                if (nextIsIndex(c)) {
                    int table = module.tableSpace.resolve(first);
                    to.u32(module.elemSpace.resolve(c.next())).u32(table);
                } else {
                    to.u32(module.elemSpace.resolve(first)).u32(0);
                }
                return;
            }
            case 13: to.u32(module.elemSpace.resolve(c.next())); return;
            case 14: {
                if (nextIsIndex(c)) {
                    int dst = module.tableSpace.resolve(c.next());
                    to.u32(dst).u32(module.tableSpace.resolve(c.next()));
                } else {
                    to.u32(0).u32(0);
                }
                return;
            }
            case 15: case 16: case 17:
                to.u32(nextIsIndex(c) ? module.tableSpace.resolve(c.next()) : 0);
                return;
            default:
                // the saturating truncations: no immediates
        }
    }

    /** A SIMD instruction: {@code 0xFD}, the subopcode, then a constant, shuffle lanes, or a memarg and lane. */
    private void simd(int sub, SExpr name, Cursor c, Sink to) {
        to.u8(0xFD).u32(sub);
        String op = name.text;
        if (op.equals("v128.const")) {
            v128(c, to);
        } else if (op.equals("i8x16.shuffle")) {
            for (int i = 0; i < 16; i++) to.u8(lane(c.next()));
        } else if (op.startsWith("v128.load") || op.startsWith("v128.store")) {
            memarg(name, c, to);
            if (op.endsWith("_lane")) to.u8(lane(c.next()));
        } else if (op.contains("_lane")) {
            to.u8(lane(c.next()));
        }
    }

    /** {@code i8x16 n*16 | i16x8 n*8 | i32x4 n*4 | i64x2 n*2 | f32x4 z*4 | f64x2 z*2}, as 16 little-endian bytes. */
    private static void v128(Cursor c, Sink to) {
        SExpr shape = c.keyword("a lane shape (i8x16, i16x8, i32x4, i64x2, f32x4 or f64x2)");
        switch (shape.text) {
            case "i8x16": for (int i = 0; i < 16; i++) to.u8((int) integer(c.next(), 8)); break;
            case "i16x8": for (int i = 0; i < 8; i++) { int v = (int) integer(c.next(), 16); to.u8(v).u8(v >> 8); } break;
            case "i32x4": for (int i = 0; i < 4; i++) to.f32((int) integer(c.next(), 32)); break;
            case "i64x2": for (int i = 0; i < 2; i++) to.f64(integer(c.next(), 64)); break;
            case "f32x4":
                for (int i = 0; i < 4; i++) {
                    SExpr n = c.next();
                    try {
                        to.f32(WatNumbers.f32(n.text));
                    } catch (WatNumbers.BadNumber e) {
                        throw n.error(e.getMessage());
                    }
                }
                break;
            case "f64x2":
                for (int i = 0; i < 2; i++) {
                    SExpr n = c.next();
                    try {
                        to.f64(WatNumbers.f64(n.text));
                    } catch (WatNumbers.BadNumber e) {
                        throw n.error(e.getMessage());
                    }
                }
                break;
            default: throw shape.error("unexpected token " + shape.describe() + ": expected a lane shape (i8x16, i16x8, i32x4, i64x2, f32x4 or f64x2)");
        }
    }

    /** A lane index: an unsigned byte. */
    private static int lane(SExpr n) {
        long v = WatParser.u32(n);
        if (v > 255) throw n.error("lane index " + n.text + " is out of range (0 to 255)");
        return (int) v;
    }

    private static long integer(SExpr n, int bits) {
        try {
            return WatNumbers.integer(n.text, bits);
        } catch (WatNumbers.BadNumber e) {
            throw n.error(e.getMessage());
        }
    }

    /** {@code offset=N? align=N?}; the alignment is written as its log2, the natural one by default. */
    private static void memarg(SExpr name, Cursor c, Sink to) {
        long offset = 0;
        int alignLog2 = naturalAlignmentLog2(name.text);
        if (c.peekKind(SExpr.Kind.KEYWORD) && c.peek().text.startsWith("offset=")) {
            SExpr n = c.next();
            offset = field(n, "offset=");
        }
        if (c.peekKind(SExpr.Kind.KEYWORD) && c.peek().text.startsWith("align=")) {
            SExpr n = c.next();
            long align = field(n, "align=");
            if (align == 0 || Long.bitCount(align) != 1) throw n.error("alignment " + n.text.substring(6) + " is not a power of two");
            alignLog2 = Long.numberOfTrailingZeros(align);
        }
        to.u32(alignLog2).u32(offset);
    }

    private static long field(SExpr n, String prefix) {
        String v = n.text.substring(prefix.length());
        long x;
        try {
            x = WatNumbers.u32OrMinus1(v);
        } catch (WatNumbers.BadNumber e) {
            throw n.error(e.getMessage());
        }
        if (x < 0) throw n.error("unexpected token " + n.describe() + ": expected " + prefix + "N");
        return x;
    }

    private static final java.util.regex.Pattern ACCESS = java.util.regex.Pattern.compile("[a-z0-9]+\\.(?:load|store)(\\d*)(x\\d+)?.*");

    /**
     * The bytes an access moves, as log2, from its name: {@code i64.load8_u} 1 byte, {@code f64.store} 8,
     * {@code v128.load16x4_s} 8 (four 16-bit lanes), {@code v128.load32_zero} 4, {@code v128.store} 16.
     */
    static int naturalAlignmentLog2(String name) {
        java.util.regex.Matcher m = ACCESS.matcher(name);
        if (!m.matches()) throw new IllegalArgumentException("not a memory access: " + name);
        if (m.group(2) != null) return 3;
        if (!m.group(1).isEmpty()) return Integer.numberOfTrailingZeros(Integer.parseInt(m.group(1)) / 8);
        if (name.startsWith("v128")) return 4;
        return name.startsWith("i64") || name.startsWith("f64") ? 3 : 2;
    }
}
