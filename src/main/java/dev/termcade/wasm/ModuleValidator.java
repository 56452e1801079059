package dev.termcade.wasm;

import java.util.HashSet;
import java.util.Set;

/** Module-level validation: indices, limits, constant expressions, exports, start. Function bodies are checked by the translator. */
final class ModuleValidator {
    static final long MAX_PAGES = 65536;
    private final Module m;

    ModuleValidator(Module m) { this.m = m; }

    private static WasmValidationException invalid(String where, String problem) {
        return new WasmValidationException(where, problem);
    }

    void validate() {
        for (Import imp : m.imports) {
            String where = "import " + imp.qualifiedName();
            switch (imp.kind()) {
                case FUNC:
                    m.allFunctions.add(type(imp.typeIndex(), where));
                    break;
                case TABLE: tableLimits(imp.table().limits(), where); break;
                case MEMORY: memoryLimits(imp.memory(), where); break;
                case GLOBAL: break;
            }
        }
        for (int i = 0; i < m.functionTypes.size(); i++) {
            m.allFunctions.add(type(m.functionTypes.get(i), "function " + (m.importedFunctions + i)));
        }
        for (int i = 0; i < m.tables.size(); i++) tableLimits(m.tables.get(i).limits(), "table " + i);
        for (int i = 0; i < m.memories.size(); i++) memoryLimits(m.memories.get(i), "memory " + i);
        if (m.allMemories.size() > 1) throw invalid("memory section", "multiple memories");

        // C.refs: functions referenced outside function bodies may be named by ref.func inside them.
        for (Global g : m.globals) if (g.init().kind() == ConstExpr.Kind.REF_FUNC) m.declaredRefs.set(g.init().index());
        for (ElementSegment e : m.elements)
            for (ConstExpr c : e.items()) if (c.kind() == ConstExpr.Kind.REF_FUNC) m.declaredRefs.set(c.index());
        for (Export e : m.exports) if (e.kind() == ExternKind.FUNC) m.declaredRefs.set(e.index());

        for (int i = 0; i < m.globals.size(); i++) {
            Global g = m.globals.get(i);
            constExpr(g.init(), g.type().valType(), "global " + (m.importedGlobals + i));
        }
        Set<String> names = new HashSet<>();
        for (Export e : m.exports) {
            String where = "export \"" + SafeText.of(e.name()) + "\"";
            if (!names.add(e.name())) throw invalid(where, "duplicate export name");
            int n;
            switch (e.kind()) {
                case FUNC: n = m.allFunctions.size(); break;
                case TABLE: n = m.allTables.size(); break;
                case MEMORY: n = m.allMemories.size(); break;
                default: n = m.allGlobals.size(); break;
            }
            if (Integer.compareUnsigned(e.index(), n) >= 0) throw invalid(where, "unknown " + (e.kind() == ExternKind.FUNC ? "function" : e.kind().wat()) + " " + Integer.toUnsignedString(e.index()));
        }
        if (m.start >= 0 || m.sections.stream().anyMatch(s -> s.id() == 8)) {
            if (Integer.compareUnsigned(m.start, m.allFunctions.size()) >= 0) throw invalid("start section", "unknown function " + Integer.toUnsignedString(m.start));
            FuncType t = m.allFunctions.get(m.start);
            if (t.paramCount() != 0 || t.resultCount() != 0) throw invalid("start section", "start function must have type () -> (), has " + t);
        }
        for (int i = 0; i < m.elements.size(); i++) {
            ElementSegment e = m.elements.get(i);
            String where = "element segment " + i;
            if (e.mode() == SegmentMode.ACTIVE) {
                if (Integer.compareUnsigned(e.table(), m.allTables.size()) >= 0) throw invalid(where, "unknown table " + e.table());
                constExpr(e.offset(), ValType.I32, where);
                if (m.allTables.get(e.table()).elemType() != e.elemType()) throw invalid(where, "type mismatch: segment of " + ValType.name(e.elemType()) + " for a table of " + ValType.name(m.allTables.get(e.table()).elemType()));
            }
            for (ConstExpr c : e.items()) constExpr(c, e.elemType(), where);
        }
        for (int i = 0; i < m.data.size(); i++) {
            DataSegment d = m.data.get(i);
            if (d.mode() == SegmentMode.ACTIVE) {
                if (d.memory() != 0 || m.allMemories.isEmpty()) throw invalid("data segment " + i, "unknown memory " + d.memory());
                constExpr(d.offset(), ValType.I32, "data segment " + i);
            }
        }
    }

    private FuncType type(int index, String where) {
        if (Integer.compareUnsigned(index, m.types.size()) >= 0) throw invalid(where, "unknown type " + Integer.toUnsignedString(index));
        return m.types.get(index);
    }

    private void tableLimits(Limits l, String where) {
        if (l.hasMax() && l.min() > l.max()) throw invalid(where, "size minimum must not be greater than maximum");
    }

    private void memoryLimits(Limits l, String where) {
        if (l.min() > MAX_PAGES || (l.hasMax() && l.max() > MAX_PAGES)) throw invalid(where, "memory size must be at most 65536 pages (4GiB)");
        if (l.hasMax() && l.min() > l.max()) throw invalid(where, "size minimum must not be greater than maximum");
    }

    private void constExpr(ConstExpr e, byte expected, String where) {
        byte actual;
        switch (e.kind()) {
            case CONST:
            case REF_NULL:
                actual = e.type();
                break;
            case REF_FUNC:
                if (Integer.compareUnsigned(e.index(), m.allFunctions.size()) >= 0) throw invalid(where, "unknown function " + Integer.toUnsignedString(e.index()));
                actual = ValType.FUNCREF;
                break;
            default: {
                // Wasm 2.0: only imported globals are visible to constant expressions, and they must be immutable.
                if (Integer.compareUnsigned(e.index(), m.importedGlobals) >= 0) throw invalid(where, "unknown global " + Integer.toUnsignedString(e.index()));
                GlobalType g = m.allGlobals.get(e.index());
                if (g.mutable()) throw invalid(where, "constant expression required (global.get of a mutable global)");
                actual = g.valType();
            }
        }
        if (actual != expected) throw invalid(where, "type mismatch: expected " + ValType.name(expected) + ", constant expression has " + ValType.name(actual));
    }
}
