package dev.termcade.vm;

import dev.termcade.wasm.ConstExpr;
import dev.termcade.wasm.DataSegment;
import dev.termcade.wasm.ElementSegment;
import dev.termcade.wasm.Export;
import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.Global;
import dev.termcade.wasm.Import;
import dev.termcade.wasm.Limits;
import dev.termcade.wasm.Module;
import dev.termcade.wasm.SegmentMode;
import dev.termcade.wasm.TableType;
import dev.termcade.wasm.ValType;
import dev.termcade.wasm.WasmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An instantiated module: its functions, memory, tables and globals. One instance is used by one thread at a
 * time; separate instances of the same {@link CompiledModule} share nothing mutable.
 */
public final class Instance {
    final CompiledModule module;
    final WasmFunction[] functions;
    final Table[] tables;
    final Memory memory;
    final boolean hasMemory;
    final GlobalVar[] globals;
    final Object[][] elemSegments;
    final byte[][] dataSegments;
    private final Map<String, Object> exports = new LinkedHashMap<>();

    private Instance(CompiledModule cm, Imports imports, ResourceLimits limits) {
        this.module = cm;
        Module m = cm.module;
        functions = new WasmFunction[m.functionTypes().size()];
        tables = new Table[m.allTables().size()];
        globals = new GlobalVar[m.allGlobals().size()];
        Memory mem = null;
        int fi = 0, ti = 0, gi = 0;
        for (Import imp : m.imports()) {
            Object ext = imports.resolve(imp);
            if (ext == null) throw new LinkException("unknown import " + imp.qualifiedName() + " (" + describe(m, imp) + ")");
            switch (imp.kind()) {
                case FUNC: {
                    FuncType want = m.types().get(imp.typeIndex());
                    if (!(ext instanceof WasmFunction)) throw incompatible(imp, "a function", ext);
                    WasmFunction f = (WasmFunction) ext;
                    if (!f.type.equals(want)) throw new LinkException("incompatible import type for " + imp.qualifiedName() + ": module expects " + want + ", host provides " + f.type);
                    functions[fi++] = f;
                    break;
                }
                case TABLE: {
                    if (!(ext instanceof Table)) throw incompatible(imp, "a table", ext);
                    Table t = (Table) ext;
                    TableType want = imp.table();
                    if (t.elemType() != want.elemType() || !limitsMatch(t.size(), t.max(), want.limits())) {
                        throw new LinkException("incompatible import type for " + imp.qualifiedName() + ": module expects table " + want + ", host provides " + t);
                    }
                    tables[ti++] = t;
                    break;
                }
                case MEMORY: {
                    if (!(ext instanceof Memory)) throw incompatible(imp, "a memory", ext);
                    Memory mm = (Memory) ext;
                    if (!limitsMatch(mm.pages(), mm.declaredMax(), imp.memory())) {
                        throw new LinkException("incompatible import type for " + imp.qualifiedName() + ": module expects memory " + imp.memory() + ", host provides " + mm.pages() + " pages (max " + mm.maxPages() + ")");
                    }
                    mem = mm;
                    break;
                }
                case GLOBAL: {
                    if (!(ext instanceof GlobalVar)) throw incompatible(imp, "a global", ext);
                    GlobalVar g = (GlobalVar) ext;
                    if (!g.type().equals(imp.global())) throw new LinkException("incompatible import type for " + imp.qualifiedName() + ": module expects global " + imp.global() + ", host provides " + g.type());
                    globals[gi++] = g;
                    break;
                }
            }
        }
        for (int i = 0; i < cm.functions.length; i++, fi++) {
            CompiledFunction cf = cm.functions[i];
            functions[fi] = new WasmFunction(cf.type, this, cf, cf.name == null ? "func[" + cf.index + "]" : cf.name);
        }
        for (TableType t : m.tables()) tables[ti++] = Table.create(t, limits.maxTableElements());
        for (Limits l : m.memories()) mem = Memory.create(l, limits.maxMemoryPages());
        this.hasMemory = mem != null;
        this.memory = mem == null ? Memory.NONE : mem;
        for (Global g : m.globals()) globals[gi++] = new GlobalVar(g.type(), eval(g.init()));
        for (Export e : m.exports()) {
            Object v;
            switch (e.kind()) {
                case FUNC: v = functions[e.index()]; break;
                case TABLE: v = tables[e.index()]; break;
                case MEMORY: v = memory; break;
                default: v = globals[e.index()]; break;
            }
            exports.put(e.name(), v);
        }
        elemSegments = new Object[m.elements().size()][];
        for (int i = 0; i < elemSegments.length; i++) {
            ElementSegment e = m.elements().get(i);
            Object[] items = new Object[e.items().length];
            for (int j = 0; j < items.length; j++) items[j] = eval(e.items()[j]).ref();
            elemSegments[i] = items;
        }
        dataSegments = new byte[m.data().size()][];
        for (int i = 0; i < dataSegments.length; i++) dataSegments[i] = m.data().get(i).bytes();
    }

    private static String describe(Module m, Import imp) {
        switch (imp.kind()) {
            case FUNC: return "function " + m.types().get(imp.typeIndex());
            case TABLE: return "table " + imp.table();
            case MEMORY: return "memory " + imp.memory();
            default: return "global " + imp.global();
        }
    }

    private static LinkException incompatible(Import imp, String want, Object got) {
        String kind = got instanceof WasmFunction ? "a function" : got instanceof Table ? "a table" : got instanceof Memory ? "a memory" : "a global";
        return new LinkException("incompatible import type for " + imp.qualifiedName() + ": module expects " + want + ", found " + kind);
    }

    private static boolean limitsMatch(long size, long max, Limits want) {
        if (size < want.min()) return false;
        if (!want.hasMax()) return true;
        return max >= 0 && max <= want.max();
    }

    private Value eval(ConstExpr e) {
        switch (e.kind()) {
            case CONST: return Value.raw(e.type(), e.value(), e.high());
            case REF_NULL: return Value.ref(e.type(), null);
            case REF_FUNC: return Value.ref(ValType.FUNCREF, functions[e.index()]);
            default: return globals[e.index()].get();
        }
    }

    static Instance create(CompiledModule cm, Imports imports, ResourceLimits limits) {
        Instance inst = new Instance(cm, imports, limits);
        inst.initialize();
        return inst;
    }

    /** Segment initialisation and the start function, in the spec's order; a trap here fails instantiation. */
    private void initialize() {
        Module m = module.module;
        for (int i = 0; i < elemSegments.length; i++) {
            ElementSegment e = m.elements().get(i);
            if (e.mode() == SegmentMode.ACTIVE) {
                Table t = tables[e.table()];
                long off = eval(e.offset()).i32() & 0xFFFFFFFFL;
                Object[] items = elemSegments[i];
                if (off + items.length > t.size) throw new Trap(Trap.Kind.TABLE_OUT_OF_BOUNDS, "out of bounds table access: element segment " + i + " does not fit");
                System.arraycopy(items, 0, t.elements, (int) off, items.length);
            }
            if (e.mode() != SegmentMode.PASSIVE) elemSegments[i] = new Object[0];
        }
        for (int i = 0; i < dataSegments.length; i++) {
            DataSegment d = m.data().get(i);
            if (d.mode() == SegmentMode.ACTIVE) {
                long off = eval(d.offset()).i32() & 0xFFFFFFFFL;
                byte[] bytes = dataSegments[i];
                if (off + bytes.length > memory.bytes.length) throw new Trap(Trap.Kind.MEMORY_OUT_OF_BOUNDS, "out of bounds memory access: data segment " + i + " does not fit");
                System.arraycopy(bytes, 0, memory.bytes, (int) off, bytes.length);
                dataSegments[i] = new byte[0];
            }
        }
        if (m.startFunction() >= 0) invoke(functions[m.startFunction()]);
    }

    public CompiledModule module() { return module; }

    /** The linear memory, or null if the module has none. */
    public Memory memory() { return hasMemory ? memory : null; }

    public Map<String, Object> exports() { return java.util.Collections.unmodifiableMap(exports); }

    /** An export (WasmFunction, Memory, Table or GlobalVar), or null. */
    public Object export(String name) { return exports.get(name); }

    public WasmFunction function(String exportName) {
        Object o = exports.get(exportName);
        return o instanceof WasmFunction ? (WasmFunction) o : null;
    }

    /** Function {@code index} of the module's function index space. */
    public WasmFunction functionAt(int index) { return functions[index]; }

    public GlobalVar global(String exportName) {
        Object o = exports.get(exportName);
        return o instanceof GlobalVar ? (GlobalVar) o : null;
    }

    /** Calls an exported function by name. */
    public Value[] invoke(String exportName, Value... args) {
        WasmFunction f = function(exportName);
        if (f == null) throw new WasmException("no exported function named '" + exportName + "'");
        return invoke(f, args);
    }

    /** Calls a function with typed arguments (checked against its signature) on the calling thread's machine. */
    public static Value[] invoke(WasmFunction f, Value... args) {
        FuncType t = f.type;
        if (args.length != t.paramCount()) throw new IllegalArgumentException(f.name + " takes " + t.paramCount() + " argument(s) " + t + ", got " + args.length);
        long[] raw = new long[args.length];
        long[] high = new long[Math.max(t.paramCount(), t.resultCount())];
        Object[] refs = new Object[Math.max(t.paramCount(), t.resultCount())];
        for (int i = 0; i < args.length; i++) {
            if (args[i].type() != t.param(i)) throw new IllegalArgumentException("argument " + (i + 1) + " of " + f.name + " must be " + ValType.name(t.param(i)) + ", got " + args[i]);
            raw[i] = args[i].bits();
            high[i] = args[i].high();
            refs[i] = args[i].ref();
        }
        long[] out = Machine.current().invoke(f, raw, high, refs);
        Value[] res = new Value[out.length];
        for (int i = 0; i < out.length; i++) {
            byte rt = t.result(i);
            res[i] = ValType.isRef(rt) ? Value.ref(rt, refs[i]) : Value.raw(rt, out[i], high[i]);
        }
        return res;
    }

    /**
     * The fast path for hosts that call the same export every frame: raw bits in, the first result's raw bits
     * out (0 if none), numbers only, and nothing allocated.
     */
    public static long callRaw(WasmFunction f) { return Machine.current().invokeRaw(f, 0, 0, 0, 0); }

    public static long callRaw(WasmFunction f, long a) { return Machine.current().invokeRaw(f, 1, a, 0, 0); }

    public static long callRaw(WasmFunction f, long a, long b) { return Machine.current().invokeRaw(f, 2, a, b, 0); }

    public static long callRaw(WasmFunction f, long a, long b, long c) { return Machine.current().invokeRaw(f, 3, a, b, c); }
}
