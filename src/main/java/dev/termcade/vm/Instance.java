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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An instantiated module: its functions, memory, tables and globals, made by {@link #builder}. Its functions run
 * on a {@link Machine}; one instance is used by one thread at a time, and separate instances of the same
 * {@link CompiledModule} share nothing mutable.
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
    private final Map<String, Extern> exports = new LinkedHashMap<>();

    private Instance(CompiledModule cm, Imports imports, ResourceLimits limits) {
        this.module = cm;
        Module m = cm.module;
        functions = new WasmFunction[m.functionTypes().size()];
        tables = new Table[m.allTables().size()];
        globals = new GlobalVar[m.allGlobals().size()];
        Memory mem = null;
        int fi = 0, ti = 0, gi = 0;
        for (Import imp : m.imports()) {
            Extern ext = imports.resolve(imp, m);
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
                    if (t.elemType().code != want.elemType() || !limitsMatch(t.size(), t.max(), want.limits())) {
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
                    if (!g.type.equals(imp.global())) throw new LinkException("incompatible import type for " + imp.qualifiedName() + ": module expects global " + imp.global() + ", host provides " + g.type);
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
            Extern v;
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

    static String describe(Module m, Import imp) {
        switch (imp.kind()) {
            case FUNC: return "function " + m.types().get(imp.typeIndex());
            case TABLE: return "table " + imp.table();
            case MEMORY: return "memory " + imp.memory();
            default: return "global " + imp.global();
        }
    }

    private static LinkException incompatible(Import imp, String want, Extern got) {
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
            case CONST: return Value.of(e.type(), e.value(), e.high(), null);
            case REF_NULL: return Value.of(e.type(), 0, 0, null);
            case REF_FUNC: return Value.ref(ValueType.FUNCREF, functions[e.index()]);
            default: return globals[e.index()].get();
        }
    }

    /** Starts instantiating {@code module}: give it its imports, limits and machine, then {@link Builder#build()}. */
    public static Builder builder(CompiledModule module) { return new Builder(module); }

    /** How to instantiate a module; every setting has a default, so {@code builder(m).build()} suits a module without imports. */
    public static final class Builder {
        private final CompiledModule module;
        private Imports imports = new Imports();
        private ResourceLimits limits = ResourceLimits.UNLIMITED;
        private Machine machine;

        private Builder(CompiledModule module) { this.module = java.util.Objects.requireNonNull(module, "module"); }

        /** What the module's imports resolve to (default: nothing, for a module without imports). */
        public Builder withImports(Imports imports) {
            this.imports = imports;
            return this;
        }

        /** Caps on memory and table sizes (default {@link ResourceLimits#UNLIMITED}). */
        public Builder withLimits(ResourceLimits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * The machine the start function runs on, so a watchdog on it bounds instantiation too (default: a machine of
         * its own). The instance is not tied to it: its functions run on whichever machine calls them.
         */
        public Builder withMachine(Machine machine) {
            this.machine = machine;
            return this;
        }

        /**
         * Links the imports, allocates memories, tables and globals, initialises segments and runs the start function.
         * Throws {@link LinkException} if an import is missing or does not fit, {@link Trap} if initialisation traps.
         */
        public Instance build() {
            Instance inst = new Instance(module, imports, limits);
            inst.initialize(machine != null ? machine : new Machine());
            return inst;
        }
    }

    /** Segment initialisation and the start function, in the spec's order; a trap here fails instantiation. */
    private void initialize(Machine machine) {
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
        if (m.startFunction() >= 0) machine.call(functions[m.startFunction()]);
    }

    public CompiledModule module() { return module; }

    /** The linear memory, or null if the module has none. */
    public Memory memory() { return hasMemory ? memory : null; }

    /** Every export by name, in the module's order. */
    public Map<String, Extern> exports() { return java.util.Collections.unmodifiableMap(exports); }

    /** An export, or null. */
    public Extern export(String name) { return exports.get(name); }

    /** An exported function, or null if there is no export of that name or it is not a function. */
    public WasmFunction function(String exportName) {
        Extern e = exports.get(exportName);
        return e instanceof WasmFunction ? (WasmFunction) e : null;
    }

    /** Function {@code index} of the module's function index space. */
    public WasmFunction functionAt(int index) { return functions[index]; }

    /** An exported global, or null. */
    public GlobalVar global(String exportName) {
        Extern e = exports.get(exportName);
        return e instanceof GlobalVar ? (GlobalVar) e : null;
    }
}
