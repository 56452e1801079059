package dev.termcade.wasm;

import java.util.List;

/** A readable summary of a module, for {@code inspect} and the REPL's {@code info}; the module's own names made safe. */
public final class ModuleSummary {
    private ModuleSummary() {}

    public static String render(Module m, String name, long fileSize) {
        StringBuilder sb = new StringBuilder();
        sb.append(SafeText.of(name)).append(": ").append(fileSize).append(" bytes, WebAssembly version 1");
        if (m.moduleName() != null) sb.append(", module name \"").append(SafeText.of(m.moduleName())).append('"');
        sb.append("\n\nSections:\n");
        for (SectionInfo s : m.sections()) {
            sb.append(String.format("  %-10s offset 0x%06x  size %8d%n", s.name(), s.offset(), s.size()));
        }
        sb.append("\nTypes (").append(m.types().size()).append("):\n");
        for (int i = 0; i < m.types().size(); i++) sb.append("  type[").append(i).append("] ").append(m.types().get(i)).append('\n');
        sb.append("\nImports (").append(m.imports().size()).append("):\n");
        int fi = 0;
        for (Import imp : m.imports()) {
            sb.append("  ").append(imp.qualifiedName()).append(": ");
            switch (imp.kind()) {
                case FUNC: sb.append("func[").append(fi++).append("] ").append(m.types().get(imp.typeIndex())); break;
                case TABLE: sb.append("table ").append(ValType.name(imp.table().elemType())).append(' ').append(limits(imp.table().limits(), "elements")); break;
                case MEMORY: sb.append("memory ").append(limits(imp.memory(), "pages")); break;
                default: sb.append("global ").append(imp.global());
            }
            sb.append('\n');
        }
        sb.append("\nExports (").append(m.exports().size()).append("):\n");
        for (Export e : m.exports()) {
            sb.append("  ").append(SafeText.of(e.name())).append(": ").append(e.kind().wat()).append('[').append(e.index()).append(']');
            if (e.kind() == ExternKind.FUNC) sb.append(' ').append(m.functionTypes().get(e.index()));
            sb.append('\n');
        }
        sb.append('\n');
        List<Limits> mems = m.allMemories();
        for (int i = 0; i < mems.size(); i++) sb.append("Memory[").append(i).append("]: ").append(limits(mems.get(i), "pages")).append(imported(i, m.importedMemoryCount())).append('\n');
        List<TableType> tables = m.allTables();
        for (int i = 0; i < tables.size(); i++) {
            sb.append("Table[").append(i).append("]: ").append(ValType.name(tables.get(i).elemType())).append(' ')
                    .append(limits(tables.get(i).limits(), "elements")).append(imported(i, m.importedTableCount())).append('\n');
        }
        List<GlobalType> globals = m.allGlobals();
        for (int i = 0; i < globals.size(); i++) {
            sb.append("Global[").append(i).append("]: ").append(globals.get(i));
            int own = i - m.importedGlobalCount();
            sb.append(own >= 0 ? " = " + m.globals().get(own).init() : imported(i, m.importedGlobalCount())).append('\n');
        }
        sb.append("Start function: ").append(m.startFunction() >= 0 ? "func[" + m.startFunction() + "]" : "none").append('\n');
        sb.append("Element segments: ").append(m.elements().size()).append(", data segments: ").append(m.data().size());
        long dataBytes = m.data().stream().mapToLong(d -> d.bytes().length).sum();
        sb.append(" (").append(dataBytes).append(" bytes)\n");
        long code = m.bodies().stream().mapToLong(b -> b.codeEnd() - b.codeStart()).sum();
        sb.append("Functions: ").append(m.bodies().size()).append(" defined, ").append(m.importedFunctionCount())
                .append(" imported; code ").append(code).append(" bytes; ").append(m.functionNamesCount()).append(" named\n");
        sb.append("Custom sections (").append(m.customSections().size()).append("):");
        for (CustomSection c : m.customSections()) sb.append("\n  \"").append(SafeText.of(c.name())).append("\" ").append(c.size()).append(" bytes");
        return sb.append('\n').toString();
    }

    /** {@code min 17, max none (pages of 64 KiB)}. */
    private static String limits(Limits l, String unit) {
        return "min " + l.min() + ", max " + (l.hasMax() ? Long.toString(l.max()) : "none") + " (" + unit + ")";
    }

    /** Imported entities come first in their index space; they have no definition here to show. */
    private static String imported(int index, int importedCount) { return index < importedCount ? ", imported" : ""; }
}
