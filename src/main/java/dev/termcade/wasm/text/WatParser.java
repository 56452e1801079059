package dev.termcade.wasm.text;

import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.ValType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one text-format module into the binary format. Two passes over the module's fields: the first numbers
 * every definition (so names may be used before they are defined), the second encodes the sections in the
 * binary format's order. Inline type uses that match no {@code (type)} add a type at the end, in order of
 * appearance, as the spec's abbreviations say.
 */
final class WatParser {
    private final boolean withNames;

    final Space typeSpace = new Space("type");
    final Space funcSpace = new Space("func");
    final Space tableSpace = new Space("table");
    final Space memorySpace = new Space("memory");
    final Space globalSpace = new Space("global");
    final Space elemSpace = new Space("elem segment");
    final Space dataSpace = new Space("data segment");

    private final List<FuncType> types = new ArrayList<>();
    private final Map<FuncType, Integer> firstTypeIndex = new HashMap<>();

    private final Sink imports = new Sink();
    private int importCount;
    private final Sink functions = new Sink();
    private int functionCount;
    private final Sink tables = new Sink();
    private int tableCount;
    private final Sink memories = new Sink();
    private int memoryCount;
    private final Sink globals = new Sink();
    private int globalCount;
    private final Sink exports = new Sink();
    private int exportCount;
    private int start = -1;
    private final Sink elems = new Sink();
    private int elemCount;
    private final Sink code = new Sink();
    private final Sink datas = new Sink();
    private int dataCount;
    /** Set by {@code memory.init} and {@code data.drop}, which need the data count section. */
    boolean usesDataCount;

    private final Map<Integer, Map<Integer, String>> localNames = new HashMap<>();

    private WatParser(boolean withNames) { this.withNames = withNames; }

    /** The binary module the text describes. {@code withNames} adds a name section with the {@code $names}. */
    static byte[] module(byte[] source, boolean withNames) {
        List<SExpr> top = SExpr.read(source);
        if (top.isEmpty()) return new WatParser(withNames).fields(new Cursor(top, 0, null));
        SExpr first = top.get(0);
        if (first.isList("module")) {
            if (top.size() > 1) throw top.get(1).error("unexpected token " + top.get(1).describe() + " after the module");
            Cursor c = Cursor.of(first);
            c.optId();
            if (c.peekKeyword("binary")) {
                c.next();
                return strings(c);
            }
            if (c.peekKeyword("quote")) {
                c.next();
                return module(strings(c), withNames);
            }
            return new WatParser(withNames).fields(c);
        }
        return new WatParser(withNames).fields(new Cursor(top, 0, null));
    }

    private static byte[] strings(Cursor c) {
        Sink s = new Sink();
        while (!c.done()) s.bytes(c.string("a string").bytes);
        return s.toByteArray();
    }

    // ---- pass 1: number the definitions -------------------------------------------------------------------

    private String firstDefinition;

    private void number(SExpr field) {
        String head = field.head();
        if (head == null) throw Cursor.unexpected(field);
        Cursor c = Cursor.of(field);
        switch (head) {
            case "type": {
                typeSpace.define(c.optId());
                SExpr func = c.list("func");
                Cursor fc = Cursor.of(func);
                FuncType t = signature(fc, true, null);
                fc.end();
                c.end();
                types.add(t);
                firstTypeIndex.putIfAbsent(t, types.size() - 1);
                break;
            }
            case "import": {
                c.string("a module name");
                c.string("an import name");
                SExpr desc = c.next();
                String kind = desc.head();
                Space space = space(kind);
                if (space == null || space == typeSpace) throw desc.error("expected (func), (table), (memory) or (global) in an import, found " + desc.describe());
                if (firstDefinition != null) throw field.error("import after " + firstDefinition);
                space.define(Cursor.of(desc).optId());
                break;
            }
            case "func": case "table": case "memory": case "global": {
                SExpr id = c.optId();
                while (c.peekList("export")) c.next();
                boolean imported = c.peekList("import");
                if (imported && firstDefinition != null) throw field.error("import after " + firstDefinition);
                if (!imported && firstDefinition == null) firstDefinition = head;
                space(head).define(id);
                if (head.equals("table") && hasInlineSegment(c, "elem")) elemSpace.define(null);
                if (head.equals("memory") && c.peekList("data")) dataSpace.define(null);
                break;
            }
            case "elem": elemSpace.define(c.optId()); break;
            case "data": dataSpace.define(c.optId()); break;
            case "export": case "start": break;
            default: throw field.error("unknown module field " + field.describe());
        }
    }

    private static boolean hasInlineSegment(Cursor c, String head) {
        for (int i = 0; c.peek(i) != null; i++) if (c.peek(i).isList(head)) return true;
        return false;
    }

    private Space space(String kind) {
        if (kind == null) return null;
        switch (kind) {
            case "func": return funcSpace;
            case "table": return tableSpace;
            case "memory": return memorySpace;
            case "global": return globalSpace;
            case "type": return typeSpace;
            default: return null;
        }
    }

    // ---- pass 2: encode -------------------------------------------------------------------------------------

    private byte[] fields(Cursor c) {
        List<SExpr> fields = new ArrayList<>();
        while (!c.done()) {
            SExpr f = c.next();
            if (!f.isList()) throw Cursor.unexpected(f);
            fields.add(f);
        }
        for (SExpr f : fields) number(f);
        int funcIndex = 0, tableIndex = 0, memoryIndex = 0, globalIndex = 0, elemIndex = 0, dataIndex = 0;
        for (SExpr f : fields) {
            Cursor fc = Cursor.of(f);
            switch (f.head()) {
                case "type": break;
                case "import": {
                    // Imports come first in each index space, so the definitions' numbers continue after them.
                    switch (importField(fc)) {
                        case "func": funcIndex++; break;
                        case "table": tableIndex++; break;
                        case "memory": memoryIndex++; break;
                        default: globalIndex++;
                    }
                    break;
                }
                case "func": func(fc, funcIndex++); break;
                case "table": elemIndex += table(fc, tableIndex++, elemIndex); break;
                case "memory": dataIndex += memory(fc, memoryIndex++, dataIndex); break;
                case "global": global(fc, globalIndex++); break;
                case "export": {
                    byte[] name = name(fc.string("an export name"));
                    SExpr desc = fc.next();
                    Space space = space(desc.head());
                    if (space == null || space == typeSpace) throw desc.error("expected (func), (table), (memory) or (global) in an export, found " + desc.describe());
                    Cursor dc = Cursor.of(desc);
                    int index = space.resolve(dc.next());
                    dc.end();
                    fc.end();
                    export(name, desc.head(), index);
                    break;
                }
                case "start": {
                    if (start >= 0) throw f.error("multiple start sections");
                    start = funcSpace.resolve(fc.next());
                    fc.end();
                    break;
                }
                case "elem": elem(fc, elemIndex++); break;
                case "data": data(fc, dataIndex++); break;
                default: throw f.error("unknown module field " + f.describe());
            }
        }
        return assemble(functionCount);
    }

    private byte[] assemble(int bodyCount) {
        Sink out = new Sink().u8(0).u8('a').u8('s').u8('m').u8(1).u8(0).u8(0).u8(0);
        if (!types.isEmpty()) {
            Sink s = new Sink().u32(types.size());
            for (FuncType t : types) {
                s.u8(0x60).u32(t.paramCount());
                for (int i = 0; i < t.paramCount(); i++) s.u8(t.param(i));
                s.u32(t.resultCount());
                for (int i = 0; i < t.resultCount(); i++) s.u8(t.result(i));
            }
            section(out, 1, s);
        }
        section(out, 2, importCount, imports);
        section(out, 3, functionCount, functions);
        section(out, 4, tableCount, tables);
        section(out, 5, memoryCount, memories);
        section(out, 6, globalCount, globals);
        section(out, 7, exportCount, exports);
        if (start >= 0) section(out, 8, new Sink().u32(start));
        section(out, 9, elemCount, elems);
        if (usesDataCount && dataCount > 0) section(out, 12, new Sink().u32(dataCount));
        section(out, 10, bodyCount, code);
        section(out, 11, dataCount, datas);
        if (withNames) names(out);
        return out.toByteArray();
    }

    private static void section(Sink out, int id, int count, Sink entries) {
        if (count == 0) return;
        section(out, id, new Sink().u32(count).bytes(entries));
    }

    private static void section(Sink out, int id, Sink content) {
        out.u8(id).u32(content.size()).bytes(content);
    }

    /** The {@code name} custom section: function names and local names, from the {@code $ids}. */
    private void names(Sink out) {
        Sink funcs = new Sink();
        int n = 0;
        for (int i = 0; i < funcSpace.count; i++) {
            String name = funcSpace.nameOf(i);
            if (name == null) continue;
            funcs.u32(i).name(name.getBytes(StandardCharsets.UTF_8));
            n++;
        }
        Sink content = new Sink().name("name".getBytes(StandardCharsets.UTF_8));
        if (n > 0) {
            Sink sub = new Sink().u32(n).bytes(funcs);
            content.u8(1).u32(sub.size()).bytes(sub);
        }
        if (!localNames.isEmpty()) {
            Sink sub = new Sink();
            int functionsWithLocals = 0;
            for (int f = 0; f < funcSpace.count; f++) {
                Map<Integer, String> locals = localNames.get(f);
                if (locals == null) continue;
                functionsWithLocals++;
                sub.u32(f).u32(locals.size());
                locals.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> sub.u32(e.getKey()).name(e.getValue().getBytes(StandardCharsets.UTF_8)));
            }
            Sink all = new Sink().u32(functionsWithLocals).bytes(sub);
            content.u8(2).u32(all.size()).bytes(all);
        }
        if (n > 0 || !localNames.isEmpty()) section(out, 0, content);
    }

    private void export(byte[] name, String kind, int index) {
        exports.name(name).u8(externKind(kind)).u32(index);
        exportCount++;
    }

    private static int externKind(String kind) {
        switch (kind) {
            case "func": return 0;
            case "table": return 1;
            case "memory": return 2;
            default: return 3;
        }
    }

    /** Inline {@code (export "name")} abbreviations of a definition. */
    private void inlineExports(Cursor c, String kind, int index) {
        while (c.peekList("export")) {
            Cursor ec = Cursor.of(c.next());
            byte[] name = name(ec.string("an export name"));
            ec.end();
            export(name, kind, index);
        }
    }

    /** An inline {@code (import "m" "n")}: writes the import's names and returns true, or returns false. */
    private boolean inlineImport(Cursor c) {
        if (!c.peekList("import")) return false;
        Cursor ic = Cursor.of(c.next());
        imports.name(name(ic.string("a module name"))).name(name(ic.string("an import name")));
        ic.end();
        importCount++;
        return true;
    }

    /** Writes an {@code (import ...)} field; returns its kind. */
    private String importField(Cursor c) {
        imports.name(name(c.string("a module name"))).name(name(c.string("an import name")));
        importCount++;
        SExpr desc = c.next();
        c.end();
        Cursor dc = Cursor.of(desc);
        dc.optId();
        switch (desc.head()) {
            case "func": {
                SignatureUse use = typeUse(dc, true);
                dc.end();
                imports.u8(0).u32(use.typeIndex);
                break;
            }
            case "table": imports.u8(1); tableType(dc, imports); dc.end(); break;
            case "memory": imports.u8(2); limits(dc, imports); dc.end(); break;
            default: imports.u8(3); globalType(dc, imports); dc.end(); break;
        }
        return desc.head();
    }

    private void func(Cursor c, int index) {
        c.optId();
        inlineExports(c, "func", index);
        if (inlineImport(c)) {
            SignatureUse use = typeUse(c, true);
            c.end();
            imports.u8(0).u32(use.typeIndex);
            return;
        }
        SignatureUse use = typeUse(c, true);
        functions.u32(use.typeIndex);
        functionCount++;
        Space locals = new Space("local");
        Map<Integer, String> names = new HashMap<>();
        for (SExpr id : use.paramIds) {
            int i = locals.define(id);
            if (id != null) names.put(i, id.text.substring(1));
        }
        List<Byte> localTypes = new ArrayList<>();
        while (c.peekList("local")) {
            SExpr l = c.next();
            Cursor lc = Cursor.of(l);
            SExpr id = lc.optId();
            if (id != null) {
                int i = locals.define(id);
                names.put(i, id.text.substring(1));
                localTypes.add(valType(lc.keyword("a value type")));
                lc.end();
            } else {
                while (!lc.done()) {
                    locals.define(null);
                    localTypes.add(valType(lc.keyword("a value type")));
                }
            }
        }
        if (!names.isEmpty()) localNames.put(index, names);
        // Runs of one type share a local declaration. The body is encoded now, so the implicit types of its
        // block types follow the function's own, in order of appearance as wat2wasm numbers them.
        Sink body = new Sink();
        int groups = 0;
        Sink groupBytes = new Sink();
        for (int i = 0; i < localTypes.size(); ) {
            int j = i;
            while (j < localTypes.size() && localTypes.get(j).equals(localTypes.get(i))) j++;
            groupBytes.u32(j - i).u8(localTypes.get(i));
            groups++;
            i = j;
        }
        body.u32(groups).bytes(groupBytes);
        new Instructions(this, locals, body).sequence(c);
        body.u8(0x0B);
        code.u32(body.size()).bytes(body);
    }

    private int table(Cursor c, int index, int elemIndex) {
        c.optId();
        inlineExports(c, "table", index);
        if (inlineImport(c)) {
            imports.u8(1);
            tableType(c, imports);
            c.end();
            return 0;
        }
        if (c.peekKind(SExpr.Kind.KEYWORD) && !Space.isIndex(c.peek()) && hasInlineSegment(c, "elem")) {
            byte type = refType(c.keyword("a reference type"));
            Cursor ec = Cursor.of(c.list("elem"));
            c.end();
            List<byte[]> items = new ArrayList<>();
            if (ec.peekKind(SExpr.Kind.LIST)) {
                while (!ec.done()) items.add(elemItem(ec));
            } else {
                while (!ec.done()) items.add(refFunc(funcSpace.resolve(ec.next())));
            }
            tables.u8(type).u8(1).u32(items.size()).u32(items.size());
            tableCount++;
            byte[] offset = new Sink().u8(0x41).u8(0).u8(0x0B).toByteArray();
            elemSegment(Mode.ACTIVE, index, offset, type, items);
            return 1;
        }
        tableType(c, tables);
        c.end();
        tableCount++;
        return 0;
    }

    private int memory(Cursor c, int index, int dataIndex) {
        c.optId();
        inlineExports(c, "memory", index);
        if (inlineImport(c)) {
            imports.u8(2);
            limits(c, imports);
            c.end();
            return 0;
        }
        memoryCount++;
        if (c.peekList("data")) {
            Cursor dc = Cursor.of(c.next());
            c.end();
            Sink bytes = new Sink();
            while (!dc.done()) bytes.bytes(dc.string("data").bytes);
            long pages = (bytes.size() + 65535L) / 65536;
            memories.u8(1).u32(pages).u32(pages);
            byte[] offset = new Sink().u8(0x41).u8(0).u8(0x0B).toByteArray();
            dataSegment(Mode.ACTIVE, index, offset, bytes);
            return 1;
        }
        limits(c, memories);
        c.end();
        return 0;
    }

    private void global(Cursor c, int index) {
        c.optId();
        inlineExports(c, "global", index);
        if (inlineImport(c)) {
            imports.u8(3);
            globalType(c, imports);
            c.end();
            return;
        }
        globalType(c, globals);
        globals.bytes(constExpr(c));
        globalCount++;
    }

    enum Mode { ACTIVE, PASSIVE, DECLARATIVE }

    private void elem(Cursor c, int index) {
        c.optId();
        Mode mode = Mode.PASSIVE;
        int table = 0;
        byte[] offset = null;
        if (c.peekKeyword("declare")) {
            c.next();
            mode = Mode.DECLARATIVE;
        } else {
            if (c.peekList("table")) {
                Cursor tc = Cursor.of(c.next());
                table = tableSpace.resolve(tc.next());
                tc.end();
                mode = Mode.ACTIVE;
            } else if (Space.isIndex(c.peek()) && c.peek(1) != null && c.peek(1).isList()) {
                table = tableSpace.resolve(c.next());
                mode = Mode.ACTIVE;
            }
            if (c.peekKind(SExpr.Kind.LIST)) {
                offset = offset(c);
                mode = Mode.ACTIVE;
            } else if (mode == Mode.ACTIVE) {
                throw c.done() ? c.atEnd("an offset") : c.peek().error("expected an offset, found " + c.peek().describe());
            }
        }
        byte type = ValType.FUNCREF;
        List<byte[]> items = new ArrayList<>();
        if (c.peekKeyword("func")) {
            c.next();
            while (!c.done()) items.add(refFunc(funcSpace.resolve(c.next())));
        } else if (c.peekKind(SExpr.Kind.KEYWORD) && !Space.isIndex(c.peek())) {
            type = refType(c.next());
            while (!c.done()) items.add(elemItem(c));
        } else if (mode == Mode.ACTIVE) {
            while (!c.done()) items.add(refFunc(funcSpace.resolve(c.next())));
        } else if (!c.done()) {
            throw c.peek().error("expected 'func' or a reference type, found " + c.peek().describe());
        }
        elemSegment(mode, table, offset, type, items);
    }

    private byte[] refFunc(int func) { return new Sink().u8(0xD2).u32(func).u8(0x0B).toByteArray(); }

    /** {@code (item instr*)} or a single folded instruction. */
    private byte[] elemItem(Cursor c) {
        SExpr item = c.next();
        if (!item.isList()) throw item.error("expected (item ...) or a folded instruction, found " + item.describe());
        if (item.isList("item")) return constExpr(Cursor.of(item));
        return constExpr(new Cursor(List.of(item), 0, item));
    }

    /** The function index of an item that is just {@code ref.func x}, or -1. */
    private static long refFuncIndex(byte[] item) {
        if (item.length < 3 || (item[0] & 0xFF) != 0xD2) return -1;
        long v = 0;
        int i = 1, shift = 0;
        while (i < item.length - 1) {
            int b = item[i++] & 0xFF;
            v |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) break;
        }
        return i == item.length - 1 && item[i] == 0x0B ? v : -1;
    }

    private void elemSegment(Mode mode, int table, byte[] offset, byte type, List<byte[]> items) {
        boolean indices = type == ValType.FUNCREF;
        for (byte[] item : items) if (refFuncIndex(item) < 0) indices = false;
        // Flags 0 and 4 imply table 0 and funcref; anything else names both.
        boolean explicitTable = mode == Mode.ACTIVE && (table != 0 || !indices && type != ValType.FUNCREF);
        int flags = (mode == Mode.PASSIVE ? 1 : mode == Mode.DECLARATIVE ? 3 : explicitTable ? 2 : 0) | (indices ? 0 : 4);
        elems.u32(flags);
        if (mode == Mode.ACTIVE) {
            if (explicitTable) elems.u32(table);
            elems.bytes(offset);
        }
        if (flags != 0 && flags != 4) {
            if (indices) elems.u8(0x00);
            else elems.u8(type);
        }
        elems.u32(items.size());
        for (byte[] item : items) {
            if (indices) elems.u32(refFuncIndex(item));
            else elems.bytes(item);
        }
        elemCount++;
    }

    private void data(Cursor c, int index) {
        c.optId();
        int memory = 0;
        byte[] offset = null;
        if (c.peekList("memory")) {
            Cursor mc = Cursor.of(c.next());
            memory = memorySpace.resolve(mc.next());
            mc.end();
            if (!c.peekKind(SExpr.Kind.LIST)) throw c.done() ? c.atEnd("an offset") : c.peek().error("expected an offset, found " + c.peek().describe());
        } else if (Space.isIndex(c.peek()) && c.peek(1) != null && c.peek(1).isList()) {
            memory = memorySpace.resolve(c.next());
        }
        if (c.peekKind(SExpr.Kind.LIST)) offset = offset(c);
        Sink bytes = new Sink();
        while (!c.done()) bytes.bytes(c.string("data").bytes);
        dataSegment(offset == null ? Mode.PASSIVE : Mode.ACTIVE, memory, offset, bytes);
    }

    private void dataSegment(Mode mode, int memory, byte[] offset, Sink bytes) {
        if (mode == Mode.PASSIVE) {
            datas.u8(1);
        } else {
            if (memory != 0) datas.u8(2).u32(memory);
            else datas.u8(0);
            datas.bytes(offset);
        }
        datas.u32(bytes.size()).bytes(bytes);
        dataCount++;
    }

    /** {@code (offset instr*)} or a single folded instruction. */
    private byte[] offset(Cursor c) {
        SExpr o = c.next();
        if (o.isList("offset")) return constExpr(Cursor.of(o));
        return constExpr(new Cursor(List.of(o), 0, o));
    }

    /** Instructions up to the end of {@code c}, then {@code end}. */
    private byte[] constExpr(Cursor c) {
        Sink s = new Sink();
        new Instructions(this, new Space("local"), s).sequence(c);
        return s.u8(0x0B).toByteArray();
    }

    // ---- types -------------------------------------------------------------------------------------------------

    /** A resolved type use: the type index and the parameters' ids (null where unnamed). */
    static final class SignatureUse {
        final int typeIndex;
        final FuncType type;
        final List<SExpr> paramIds;

        SignatureUse(int typeIndex, FuncType type, List<SExpr> paramIds) {
            this.typeIndex = typeIndex;
            this.type = type;
            this.paramIds = paramIds;
        }
    }

    /**
     * {@code (type x)? (param ...)* (result ...)*}. With {@code (type x)}, inline parameters and results must
     * repeat its signature exactly; without, the first equal type is used or a new one is added.
     */
    SignatureUse typeUse(Cursor c, boolean namedParams) {
        SExpr typeRef = null;
        int index = 0;
        if (c.peekList("type")) {
            typeRef = c.next();
            Cursor tc = Cursor.of(typeRef);
            index = typeSpace.resolve(tc.next());
            tc.end();
        }
        List<SExpr> ids = new ArrayList<>();
        boolean inline = c.peekList("param") || c.peekList("result");
        FuncType written = signature(c, namedParams, ids);
        if (typeRef != null) {
            if (Integer.compareUnsigned(index, types.size()) >= 0) {
                // Left to the validator, which says "unknown type" for the binary as for the text.
                if (inline) throw typeRef.error("unknown type " + index);
                return new SignatureUse(index, written, ids);
            }
            FuncType t = types.get(index);
            if (inline && !t.equals(written)) throw typeRef.error("inline function type " + written + " does not match type " + index + " " + t);
            while (ids.size() < t.paramCount()) ids.add(null);
            return new SignatureUse(index, t, ids);
        }
        return new SignatureUse(typeIndex(written), written, ids);
    }

    /** The index of the first type equal to {@code t}, adding it at the end if there is none. */
    int typeIndex(FuncType t) {
        Integer i = firstTypeIndex.get(t);
        if (i != null) return i;
        types.add(t);
        firstTypeIndex.put(t, types.size() - 1);
        return types.size() - 1;
    }

    FuncType type(int index) { return index < types.size() ? types.get(index) : null; }

    /** {@code (param ...)* (result ...)*}; collects parameter ids into {@code ids} when it is not null. */
    FuncType signature(Cursor c, boolean namedParams, List<SExpr> ids) {
        List<Byte> params = new ArrayList<>();
        List<Byte> results = new ArrayList<>();
        while (c.peekList("param")) {
            Cursor pc = Cursor.of(c.next());
            SExpr id = pc.optId();
            if (id != null) {
                if (!namedParams) throw id.error("unexpected token " + id.describe() + ": parameters of a block or call_indirect have no names");
                params.add(valType(pc.keyword("a value type")));
                if (ids != null) ids.add(id);
                pc.end();
            } else {
                while (!pc.done()) {
                    params.add(valType(pc.keyword("a value type")));
                    if (ids != null) ids.add(null);
                }
            }
        }
        while (c.peekList("result")) {
            Cursor rc = Cursor.of(c.next());
            while (!rc.done()) results.add(valType(rc.keyword("a value type")));
        }
        return FuncType.of(toBytes(params), toBytes(results));
    }

    private static byte[] toBytes(List<Byte> list) {
        byte[] b = new byte[list.size()];
        for (int i = 0; i < b.length; i++) b[i] = list.get(i);
        return b;
    }

    static byte valType(SExpr k) {
        switch (k.text) {
            case "i32": return ValType.I32;
            case "i64": return ValType.I64;
            case "f32": return ValType.F32;
            case "f64": return ValType.F64;
            case "v128": return ValType.V128;
            case "funcref": return ValType.FUNCREF;
            case "externref": return ValType.EXTERNREF;
            default: throw k.error("unexpected token " + k.describe() + ": expected a value type");
        }
    }

    static byte refType(SExpr k) {
        if (k.isKeyword("funcref")) return ValType.FUNCREF;
        if (k.isKeyword("externref")) return ValType.EXTERNREF;
        throw k.error("unexpected token " + k.describe() + ": expected funcref or externref");
    }

    private void tableType(Cursor c, Sink out) {
        Sink lim = new Sink();
        limits(c, lim);
        byte type = refType(c.keyword("a reference type"));
        out.u8(type).bytes(lim);
    }

    private void limits(Cursor c, Sink out) {
        long min = u32(c.keyword("a minimum size"));
        if (Space.isIndex(c.peek()) && c.peek().kind == SExpr.Kind.KEYWORD) {
            long max = u32(c.next());
            out.u8(1).u32(min).u32(max);
        } else {
            out.u8(0).u32(min);
        }
    }

    private void globalType(Cursor c, Sink out) {
        if (c.peekList("mut")) {
            Cursor mc = Cursor.of(c.next());
            byte t = valType(mc.keyword("a value type"));
            mc.end();
            out.u8(t).u8(1);
        } else {
            out.u8(valType(c.keyword("a value type"))).u8(0);
        }
    }

    static long u32(SExpr n) {
        long v;
        try {
            v = WatNumbers.u32OrMinus1(n.text);
        } catch (WatNumbers.BadNumber e) {
            throw n.error(e.getMessage());
        }
        if (v < 0) throw n.error("unexpected token " + n.describe() + ": expected an unsigned integer");
        return v;
    }

    /** A name string's bytes, which must be UTF-8. */
    static byte[] name(SExpr s) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(s.bytes));
        } catch (CharacterCodingException e) {
            throw s.error("malformed UTF-8 encoding in name " + s.describe());
        }
        return s.bytes;
    }
}
