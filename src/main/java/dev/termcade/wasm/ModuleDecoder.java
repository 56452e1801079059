package dev.termcade.wasm;

import java.util.HashMap;
import java.util.Map;

/** Reads the sections of a binary module into a {@link Module}. */
final class ModuleDecoder {
    private static final int MAX_LOCALS = 50_000;
    /** More functions than any real program has; bounds translation work for hostile files. */
    private static final int MAX_FUNCTIONS = 1_000_000;
    private static final String[] SECTION_NAMES = {"custom", "type", "import", "function", "table", "memory",
            "global", "export", "start", "element", "code", "data", "datacount"};
    // Canonical order of the non-custom sections; datacount (12) sits between element (9) and code (10).
    private static final int[] ORDER = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};

    private final Module m;
    private final WasmReader r;

    ModuleDecoder(byte[] bytes) {
        this.m = new Module(bytes);
        this.r = new WasmReader(bytes, 0, bytes.length);
    }

    Module decode() {
        r.section("module header");
        if (r.remaining() < 4 || r.u8() != 0 || r.u8() != 'a' || r.u8() != 's' || r.u8() != 'm') {
            throw r.errorAt(0, "magic header not detected (not a WebAssembly binary)");
        }
        if (r.remaining() < 4) throw r.error("unexpected end (truncated version)");
        int version = r.f32Bits();
        if (version != 1) throw r.errorAt(4, "unknown binary version " + version);
        int lastOrder = 0;
        int functionCount = -1;
        while (!r.atEnd()) {
            int sectionStart = r.pos();
            r.section("section header");
            int id = r.u8();
            if (id > 12) throw r.errorAt(sectionStart, "malformed section id " + id);
            int size = r.u32();
            if ((size & 0xFFFFFFFFL) > r.remaining()) throw r.errorAt(sectionStart, "length out of bounds: section size " + Integer.toUnsignedString(size) + " exceeds the file");
            int end = r.pos() + size;
            r.section(SECTION_NAMES[id] + " section");
            m.sections.add(new SectionInfo(id, SECTION_NAMES[id], sectionStart, size));
            if (id != 0) {
                if (ORDER[id] <= lastOrder) throw r.errorAt(sectionStart, "unexpected content after last section (section " + SECTION_NAMES[id] + " out of order or repeated)");
                lastOrder = ORDER[id];
            }
            int savedLimit = r.limit();
            r.limit(end);
            switch (id) {
                case 0: custom(end); break;
                case 1: types(); break;
                case 2: imports(); break;
                case 3: functionCount = functions(); break;
                case 4: tables(); break;
                case 5: memories(); break;
                case 6: globals(); break;
                case 7: exports(); break;
                case 8: m.start = r.u32(); break;
                case 9: elements(); break;
                case 10: code(functionCount); functionCount = -2; break;
                case 11: data(); break;
                case 12: m.dataCount = r.u32(); break;
                default: throw new AssertionError();
            }
            if (r.pos() != end) throw r.error("section size mismatch");
            r.limit(savedLimit);
        }
        r.section("module");
        if (functionCount > 0) throw r.error("function and code section have inconsistent lengths");
        if (m.dataCount >= 0 && m.dataCount != m.data.size()) {
            throw r.error("data count and data section have inconsistent lengths");
        }
        return m;
    }

    private void custom(int end) {
        int start = r.pos();
        String name = r.name();
        m.customs.add(CustomSection.of(name, r.bytes(), r.pos(), end - r.pos()));
        if (name.equals("name")) {
            int saved = r.pos();
            try {
                names(end);
            } catch (WasmFormatException e) {
                // A broken name section is only a debugging aid: the spec says to ignore it, and so do we.
                m.functionNames.clear();
                m.localNames.clear();
            }
            r.pos(saved);
        }
        r.pos(end);
        assert start <= end;
    }

    private void names(int end) {
        while (r.pos() < end) {
            int id = r.u8();
            int size = r.count(1);
            int subEnd = r.pos() + size;
            if (id == 0) {
                m.moduleName = r.name();
            } else if (id == 1) {
                readNameMap(m.functionNames);
            } else if (id == 2) {
                int n = r.count(1);
                for (int i = 0; i < n; i++) {
                    int func = r.u32();
                    Map<Integer, String> locals = new HashMap<>();
                    readNameMap(locals);
                    m.localNames.put(func, locals);
                }
            }
            r.pos(subEnd);
        }
    }

    private void readNameMap(Map<Integer, String> into) {
        int n = r.count(1);
        for (int i = 0; i < n; i++) {
            int idx = r.u32();
            into.put(idx, r.name());
        }
    }

    private void types() {
        int n = r.count(1);
        for (int i = 0; i < n; i++) {
            int at = r.pos();
            int form = r.u8();
            if (form != 0x60) throw r.errorAt(at, "malformed function type: expected 0x60, found 0x" + Integer.toHexString(form));
            byte[] params = valTypes();
            byte[] results = valTypes();
            m.types.add(FuncType.of(params, results));
        }
    }

    private byte[] valTypes() {
        int n = r.count(1);
        byte[] t = new byte[n];
        for (int i = 0; i < n; i++) t[i] = r.valType();
        return t;
    }

    private void imports() {
        int n = r.count(1);
        for (int i = 0; i < n; i++) {
            String module = r.name();
            String name = r.name();
            int at = r.pos();
            int kind = r.u8();
            switch (kind) {
                case 0: {
                    int type = r.u32();
                    m.imports.add(new Import(module, name, ExternKind.FUNC, type, null, null, null));
                    m.importedFunctions++;
                    break;
                }
                case 1: {
                    TableType t = tableType();
                    m.imports.add(new Import(module, name, ExternKind.TABLE, -1, t, null, null));
                    m.importedTables++;
                    m.allTables.add(t);
                    break;
                }
                case 2: {
                    Limits l = limits(true);
                    m.imports.add(new Import(module, name, ExternKind.MEMORY, -1, null, l, null));
                    m.importedMemories++;
                    m.allMemories.add(l);
                    break;
                }
                case 3: {
                    GlobalType g = globalType();
                    m.imports.add(new Import(module, name, ExternKind.GLOBAL, -1, null, null, g));
                    m.importedGlobals++;
                    m.allGlobals.add(g);
                    break;
                }
                default:
                    throw r.errorAt(at, "malformed import kind " + kind);
            }
        }
    }

    private int functions() {
        int n = r.count(1);
        if (n > MAX_FUNCTIONS) throw r.error("too many functions (" + n + ", limit " + MAX_FUNCTIONS + ")");
        for (int i = 0; i < n; i++) m.functionTypes.add(r.u32());
        return n;
    }

    private void tables() {
        int n = r.count(1);
        for (int i = 0; i < n; i++) {
            TableType t = tableType();
            m.tables.add(t);
            m.allTables.add(t);
        }
    }

    private void memories() {
        int n = r.count(1);
        for (int i = 0; i < n; i++) {
            Limits l = limits(true);
            m.memories.add(l);
            m.allMemories.add(l);
        }
    }

    private void globals() {
        int n = r.count(1);
        for (int i = 0; i < n; i++) {
            GlobalType t = globalType();
            ConstExpr init = constExpr();
            m.globals.add(new Global(t, init));
            m.allGlobals.add(t);
        }
    }

    private void exports() {
        int n = r.count(1);
        for (int i = 0; i < n; i++) {
            String name = r.name();
            int at = r.pos();
            int kind = r.u8();
            if (kind > 3) throw r.errorAt(at, "malformed export kind " + kind);
            m.exports.add(new Export(name, ExternKind.values()[kind], r.u32()));
        }
    }

    private void elements() {
        int n = r.count(1);
        for (int i = 0; i < n; i++) {
            int at = r.pos();
            int flags = r.u32();
            if (flags < 0 || flags > 7) throw r.errorAt(at, "malformed elements segment kind " + flags);
            SegmentMode mode = (flags & 1) == 0 ? SegmentMode.ACTIVE : (flags & 2) == 0 ? SegmentMode.PASSIVE : SegmentMode.DECLARATIVE;
            int table = (flags & 2) != 0 && mode == SegmentMode.ACTIVE ? r.u32() : 0;
            ConstExpr offset = mode == SegmentMode.ACTIVE ? constExpr() : null;
            boolean exprs = (flags & 4) != 0;
            byte elemType = ValType.FUNCREF;
            if ((flags & 3) != 0) {
                if (exprs) {
                    elemType = r.refType();
                } else {
                    int kindAt = r.pos();
                    if (r.u8() != 0) throw r.errorAt(kindAt, "malformed element kind");
                }
            }
            int count = r.count(1);
            ConstExpr[] items = new ConstExpr[count];
            for (int j = 0; j < count; j++) {
                items[j] = exprs ? constExpr() : new ConstExpr(ConstExpr.Kind.REF_FUNC, ValType.FUNCREF, 0, r.u32());
            }
            m.elements.add(new ElementSegment(mode, table, offset, elemType, items));
        }
    }

    private void code(int functionCount) {
        int n = r.count(1);
        if (n != Math.max(functionCount, 0)) throw r.error("function and code section have inconsistent lengths");
        for (int i = 0; i < n; i++) {
            int size = r.count(1);
            int bodyEnd = r.pos() + size;
            int saved = r.limit();
            r.limit(bodyEnd);
            int groups = r.count(2);
            long total = 0;
            int[] counts = new int[groups];
            byte[] types = new byte[groups];
            for (int g = 0; g < groups; g++) {
                int at = r.pos();
                counts[g] = r.u32();
                total += counts[g] & 0xFFFFFFFFL;
                if (total > MAX_LOCALS) throw r.errorAt(at, "too many locals (" + total + ", limit " + MAX_LOCALS + ") in function body " + i);
                types[g] = r.valType();
            }
            byte[] locals = new byte[(int) total];
            int k = 0;
            for (int g = 0; g < groups; g++) for (int c = 0; c < counts[g]; c++) locals[k++] = types[g];
            m.bodies.add(new FunctionBody(locals, r.pos(), bodyEnd));
            r.pos(bodyEnd);
            r.limit(saved);
        }
    }

    private void data() {
        int n = r.count(1);
        for (int i = 0; i < n; i++) {
            int at = r.pos();
            int flags = r.u32();
            switch (flags) {
                case 0: {
                    ConstExpr off = constExpr();
                    m.data.add(new DataSegment(SegmentMode.ACTIVE, 0, off, r.byteVec()));
                    break;
                }
                case 1:
                    m.data.add(new DataSegment(SegmentMode.PASSIVE, 0, null, r.byteVec()));
                    break;
                case 2: {
                    int mem = r.u32();
                    ConstExpr off = constExpr();
                    m.data.add(new DataSegment(SegmentMode.ACTIVE, mem, off, r.byteVec()));
                    break;
                }
                default:
                    throw r.errorAt(at, "malformed data segment kind " + flags);
            }
        }
    }

    private TableType tableType() {
        byte t = r.refType();
        return new TableType(t, limits(false));
    }

    private Limits limits(boolean memory) {
        int at = r.pos();
        int flag = r.u8();
        if (flag == 0) return new Limits(r.u32() & 0xFFFFFFFFL, -1);
        if (flag == 1) {
            long min = r.u32() & 0xFFFFFFFFL;
            return new Limits(min, r.u32() & 0xFFFFFFFFL);
        }
        if (memory && (flag == 2 || flag == 3)) throw r.errorAt(at, "shared memories (threads) are not supported");
        throw r.errorAt(at, "integer too large: malformed limits flags 0x" + Integer.toHexString(flag));
    }

    private GlobalType globalType() {
        byte t = r.valType();
        int at = r.pos();
        int mut = r.u8();
        if (mut > 1) throw r.errorAt(at, "malformed mutability " + mut);
        return new GlobalType(t, mut == 1);
    }

    private ConstExpr constExpr() {
        ConstExpr e = null;
        int count = 0;
        while (true) {
            int at = r.pos();
            int op = r.u8();
            if (op == 0x0B) break;
            ConstExpr cur;
            switch (op) {
                case 0x41: cur = new ConstExpr(ConstExpr.Kind.CONST, ValType.I32, r.s32(), 0); break;
                case 0x42: cur = new ConstExpr(ConstExpr.Kind.CONST, ValType.I64, r.s64(), 0); break;
                case 0x43: cur = new ConstExpr(ConstExpr.Kind.CONST, ValType.F32, r.f32Bits(), 0); break;
                case 0x44: cur = new ConstExpr(ConstExpr.Kind.CONST, ValType.F64, r.f64Bits(), 0); break;
                case 0xD0: cur = new ConstExpr(ConstExpr.Kind.REF_NULL, r.refType(), 0, 0); break;
                case 0xD2: cur = new ConstExpr(ConstExpr.Kind.REF_FUNC, ValType.FUNCREF, 0, r.u32()); break;
                case 0x23: cur = new ConstExpr(ConstExpr.Kind.GLOBAL_GET, ValType.UNKNOWN, 0, r.u32()); break;
                case 0xFD: {
                    int sub = r.u32();
                    if (sub != 12) {
                        throw new WasmValidationException(r.section() + " at byte offset 0x" + Integer.toHexString(at),
                                "constant expression required (found opcode 0xfd " + Integer.toUnsignedString(sub) + ")");
                    }
                    long low = r.f64Bits(); // 8 little-endian bytes, whatever they mean
                    cur = ConstExpr.v128(low, r.f64Bits());
                    break;
                }
                default:
                    throw new WasmValidationException(r.section() + " at byte offset 0x" + Integer.toHexString(at),
                            "constant expression required (found opcode 0x" + Integer.toHexString(op) + ")");
            }
            count++;
            e = cur;
        }
        if (count != 1) throw new WasmValidationException(r.section(), "type mismatch: constant expression must produce exactly one value");
        return e;
    }
}
