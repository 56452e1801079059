package dev.termcade.vm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small binary modules for tests that generate many variants (hostile carts: every entry point times every
 * hazard), where committing one .wat per variant would not scale. Only what those tests need: function types,
 * function imports, functions, one memory, exports, a start function and function names.
 */
public final class WasmBuilder {
    public static final byte I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C;

    private record Func(int type, byte[] body) {}
    private record Exp(String name, int kind, int index) {}

    private final List<byte[]> types = new ArrayList<>();
    private final List<byte[]> imports = new ArrayList<>();
    private final List<Func> funcs = new ArrayList<>();
    private final List<Exp> exports = new ArrayList<>();
    private final Map<Integer, String> names = new LinkedHashMap<>();
    private int memoryPages = -1;
    private int start = -1;

    /** The index of the type (params) -> (results), added if new. */
    public int type(byte[] params, byte[] results) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.write(0x60);
        vec(t, params);
        vec(t, results);
        byte[] b = t.toByteArray();
        for (int i = 0; i < types.size(); i++) if (Arrays.equals(types.get(i), b)) return i;
        types.add(b);
        return types.size() - 1;
    }

    /** Imports a function; call before {@link #func}. Returns its function index. */
    public int importFunc(String module, String name, byte[] params, byte[] results) {
        if (!funcs.isEmpty()) throw new IllegalStateException("imports come before functions");
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        string(e, module);
        string(e, name);
        e.write(0x00);
        uleb(e, type(params, results));
        imports.add(e.toByteArray());
        return imports.size() - 1;
    }

    /** The index the next {@link #func} will get (for bodies that call themselves). */
    public int nextFuncIndex() { return imports.size() + funcs.size(); }

    /** A function without locals; {@code code} is its instructions without the final {@code end}. */
    public int func(byte[] params, byte[] results, byte[] code) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0); // no local declarations
        b.writeBytes(code);
        b.write(0x0B);
        funcs.add(new Func(type(params, results), b.toByteArray()));
        return nextFuncIndex() - 1;
    }

    public WasmBuilder export(String name, int funcIndex) {
        exports.add(new Exp(name, 0, funcIndex));
        return this;
    }

    /** One memory of {@code pages} (no maximum), exported as "memory". */
    public WasmBuilder memory(int pages) {
        memoryPages = pages;
        exports.add(new Exp("memory", 2, 0));
        return this;
    }

    public WasmBuilder start(int funcIndex) {
        start = funcIndex;
        return this;
    }

    /** A name-section name for a function. */
    public WasmBuilder name(int funcIndex, String name) {
        names.put(funcIndex, name);
        return this;
    }

    public byte[] build() {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[]{0, 'a', 's', 'm', 1, 0, 0, 0});
        section(m, 1, types.size(), types);
        section(m, 2, imports.size(), imports);
        List<byte[]> fidx = new ArrayList<>();
        for (Func f : funcs) fidx.add(uleb(f.type));
        section(m, 3, funcs.size(), fidx);
        if (memoryPages >= 0) {
            ByteArrayOutputStream mem = new ByteArrayOutputStream();
            mem.write(0);
            uleb(mem, memoryPages);
            section(m, 5, 1, List.of(mem.toByteArray()));
        }
        List<byte[]> ex = new ArrayList<>();
        for (Exp e : exports) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            string(b, e.name);
            b.write(e.kind);
            uleb(b, e.index);
            ex.add(b.toByteArray());
        }
        section(m, 7, exports.size(), ex);
        if (start >= 0) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            uleb(s, start);
            raw(m, 8, s.toByteArray());
        }
        List<byte[]> code = new ArrayList<>();
        for (Func f : funcs) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            uleb(b, f.body.length);
            b.writeBytes(f.body);
            code.add(b.toByteArray());
        }
        section(m, 10, funcs.size(), code);
        if (!names.isEmpty()) {
            ByteArrayOutputStream sub = new ByteArrayOutputStream();
            uleb(sub, names.size());
            for (Map.Entry<Integer, String> e : names.entrySet()) {
                uleb(sub, e.getKey());
                string(sub, e.getValue());
            }
            ByteArrayOutputStream custom = new ByteArrayOutputStream();
            string(custom, "name");
            custom.write(1); // function names
            uleb(custom, sub.size());
            custom.writeBytes(sub.toByteArray());
            raw(m, 0, custom.toByteArray());
        }
        return m.toByteArray();
    }

    private static void section(ByteArrayOutputStream m, int id, int count, List<byte[]> items) {
        if (count == 0) return;
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        uleb(s, count);
        for (byte[] i : items) s.writeBytes(i);
        raw(m, id, s.toByteArray());
    }

    private static void raw(ByteArrayOutputStream m, int id, byte[] content) {
        m.write(id);
        uleb(m, content.length);
        m.writeBytes(content);
    }

    private static void vec(ByteArrayOutputStream o, byte[] items) {
        uleb(o, items.length);
        o.writeBytes(items);
    }

    private static void string(ByteArrayOutputStream o, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        uleb(o, b.length);
        o.writeBytes(b);
    }

    /** Unsigned LEB128, for function indices in test bodies. */
    public static byte[] uleb(long v) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        uleb(o, v);
        return o.toByteArray();
    }

    public static void uleb(ByteArrayOutputStream o, long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            o.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    /** Signed LEB128, for {@code i32.const} immediates in test bodies. */
    public static byte[] sleb(long v) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            o.write(done ? b : b | 0x80);
            if (done) return o.toByteArray();
        }
    }

    /** Concatenates instruction bytes. */
    public static byte[] code(Object... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof byte[]) o.writeBytes((byte[]) p);
            else o.write(((Number) p).intValue());
        }
        return o.toByteArray();
    }
}
