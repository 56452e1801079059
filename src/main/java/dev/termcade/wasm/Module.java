package dev.termcade.wasm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded and structurally validated WebAssembly module. Immutable after {@link #decode}: function bodies are
 * kept as byte ranges of {@link #bytes()} and are type-checked by whoever translates them.
 */
public final class Module {
    final byte[] bytes;
    final List<FuncType> types = new ArrayList<>();
    final List<Import> imports = new ArrayList<>();
    final List<Integer> functionTypes = new ArrayList<>();
    final List<TableType> tables = new ArrayList<>();
    final List<Limits> memories = new ArrayList<>();
    final List<Global> globals = new ArrayList<>();
    final List<Export> exports = new ArrayList<>();
    int start = -1;
    final List<ElementSegment> elements = new ArrayList<>();
    int dataCount = -1;
    final List<DataSegment> data = new ArrayList<>();
    final List<FunctionBody> bodies = new ArrayList<>();
    final List<CustomSection> customs = new ArrayList<>();
    final List<SectionInfo> sections = new ArrayList<>();
    String moduleName;
    final Map<Integer, String> functionNames = new HashMap<>();
    final Map<Integer, Map<Integer, String>> localNames = new HashMap<>();

    // Index spaces: imports first, then the module's own definitions.
    final List<FuncType> allFunctions = new ArrayList<>();
    final List<TableType> allTables = new ArrayList<>();
    final List<Limits> allMemories = new ArrayList<>();
    final List<GlobalType> allGlobals = new ArrayList<>();
    int importedFunctions, importedTables, importedMemories, importedGlobals;
    final java.util.BitSet declaredRefs = new java.util.BitSet();

    Module(byte[] bytes) { this.bytes = bytes; }

    /** Decodes and validates everything but function bodies. */
    public static Module decode(byte[] bytes) {
        Module m = new ModuleDecoder(bytes).decode();
        new ModuleValidator(m).validate();
        return m;
    }

    public byte[] bytes() { return bytes; }
    public List<FuncType> types() { return Collections.unmodifiableList(types); }
    public List<Import> imports() { return Collections.unmodifiableList(imports); }
    public List<TableType> tables() { return Collections.unmodifiableList(tables); }
    public List<Limits> memories() { return Collections.unmodifiableList(memories); }
    public List<Global> globals() { return Collections.unmodifiableList(globals); }
    public List<Export> exports() { return Collections.unmodifiableList(exports); }
    public int startFunction() { return start; }
    public List<ElementSegment> elements() { return Collections.unmodifiableList(elements); }
    public List<DataSegment> data() { return Collections.unmodifiableList(data); }
    public boolean hasDataCount() { return dataCount >= 0; }
    public List<FunctionBody> bodies() { return Collections.unmodifiableList(bodies); }
    public List<CustomSection> customSections() { return Collections.unmodifiableList(customs); }
    public List<SectionInfo> sections() { return Collections.unmodifiableList(sections); }
    public String moduleName() { return moduleName; }

    public int importedFunctionCount() { return importedFunctions; }
    public int importedTableCount() { return importedTables; }
    public int importedMemoryCount() { return importedMemories; }
    public int importedGlobalCount() { return importedGlobals; }

    /** The type index a function was declared with (module index space, imports first). */
    public int functionTypeIndex(int funcIndex) {
        if (funcIndex >= importedFunctions) return functionTypes.get(funcIndex - importedFunctions);
        int k = 0;
        for (Import i : imports) if (i.kind() == ExternKind.FUNC && k++ == funcIndex) return i.typeIndex();
        throw new IndexOutOfBoundsException("function " + funcIndex);
    }

    /** Types of the whole function index space (imports first). */
    public List<FuncType> functionTypes() { return Collections.unmodifiableList(allFunctions); }
    public List<TableType> allTables() { return Collections.unmodifiableList(allTables); }
    public List<Limits> allMemories() { return Collections.unmodifiableList(allMemories); }
    public List<GlobalType> allGlobals() { return Collections.unmodifiableList(allGlobals); }

    /** Whether {@code ref.func index} may appear in a function body (C.refs in the spec). */
    public boolean isDeclaredReference(int funcIndex) { return declaredRefs.get(funcIndex); }

    /** The name-section name of a function, or null. */
    public String functionName(int funcIndex) { return functionNames.get(funcIndex); }

    /**
     * Rust's legacy mangling ({@code _ZN6rocket4Game7update17h0123456789abcdefE}) made readable
     * ({@code rocket::Game::update}); other names unchanged.
     */
    public static String demangle(String name) {
        if (name == null || !name.startsWith("_ZN") || !name.endsWith("E")) return name;
        StringBuilder out = new StringBuilder();
        int i = 3, end = name.length() - 1;
        while (i < end) {
            // A length prefix: ASCII digits whose value fits in what is left of the name (a hostile one may not).
            int len = 0, j = i;
            while (j < end && name.charAt(j) >= '0' && name.charAt(j) <= '9') {
                len = len * 10 + (name.charAt(j) - '0');
                if (len > end) return name;
                j++;
            }
            if (j == i || len > end - j) return name;
            String part = name.substring(j, j + len);
            i = j + len;
            if (i == end && part.length() == 17 && part.startsWith("h") && part.substring(1).matches("[0-9a-f]{16}")) break;
            if (out.length() > 0) out.append("::");
            out.append(part.replace("$LT$", "<").replace("$GT$", ">").replace("$u20$", " ").replace("..", "::").replace("$RF$", "&"));
        }
        return out.length() == 0 ? name : out.toString();
    }

    public int functionNamesCount() { return functionNames.size(); }

    public String localName(int funcIndex, int localIndex) {
        Map<Integer, String> m = localNames.get(funcIndex);
        return m == null ? null : m.get(localIndex);
    }

    /** A printable name (made safe for terminals): the name section's, else the export's, else {@code func[N]}. */
    public String displayName(int funcIndex) {
        String n = functionNames.get(funcIndex);
        if (n != null) return SafeText.of(demangle(n));
        for (Export e : exports) if (e.kind() == ExternKind.FUNC && e.index() == funcIndex) return SafeText.of(e.name());
        if (funcIndex < importedFunctions) return imports.stream().filter(i -> i.kind() == ExternKind.FUNC)
                .skip(funcIndex).findFirst().map(Import::qualifiedName).orElse(null);
        return null;
    }

    public Export export(String name) {
        for (Export e : exports) if (e.name().equals(name)) return e;
        return null;
    }
}
