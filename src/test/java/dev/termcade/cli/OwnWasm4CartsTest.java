package dev.termcade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.wasm.ConstExpr;
import dev.termcade.wasm.DataSegment;
import dev.termcade.wasm.Export;
import dev.termcade.wasm.ExternKind;
import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.Import;
import dev.termcade.wasm.Module;
import dev.termcade.wasm.SegmentMode;
import dev.termcade.wasm.ValType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our WASM-4 carts are linked the way WASM-4 expects (issue 11): memory is exactly one imported page, every
 * import is a WASM-4 function with its documented signature, update (and start) are exported, and no data
 * segment lands on the console's registers or framebuffer (the linker flags in carts/build.sh see to that).
 */
class OwnWasm4CartsTest {
    static final Path CARTS = Path.of(System.getProperty("termcade.root", ".")).resolve("carts");

    private static FuncType ints(int params) {
        byte[] p = new byte[params];
        Arrays.fill(p, ValType.I32);
        return FuncType.of(p);
    }

    /** The WASM-4 functions by name, with their signatures as wasm4.org documents them. */
    static final Map<String, FuncType> WASM4_FUNCTIONS = Map.ofEntries(
            Map.entry("blit", ints(6)), Map.entry("blitSub", ints(9)),
            Map.entry("line", ints(4)), Map.entry("hline", ints(3)), Map.entry("vline", ints(3)),
            Map.entry("oval", ints(4)), Map.entry("rect", ints(4)),
            Map.entry("text", ints(3)), Map.entry("textUtf8", ints(4)), Map.entry("textUtf16", ints(4)),
            Map.entry("tone", ints(4)),
            Map.entry("diskr", ints(2).returning(ValType.I32)), Map.entry("diskw", ints(2).returning(ValType.I32)),
            Map.entry("trace", ints(1)), Map.entry("traceUtf8", ints(2)), Map.entry("traceUtf16", ints(2)),
            Map.entry("tracef", ints(2)));

    /** Where the cart's own memory starts: the framebuffer (0xa0, 6400 bytes) ends here. */
    static final long FIRST_FREE_BYTE = 0xa0 + 6400;

    @ParameterizedTest
    // plasma.wasm (built with -msimd128) joins this list once the decoder reads SIMD code.
    @ValueSource(strings = {"pong.wasm", "spritelab.wasm"})
    void linkedAsWasm4Expects(String cart) throws Exception {
        Module m = Module.decode(Files.readAllBytes(CARTS.resolve(cart)));

        assertEquals(1, m.allMemories().size(), "one memory");
        assertEquals(1, m.importedMemoryCount(), "the memory is imported");
        Set<String> imported = new HashSet<>();
        for (Import im : m.imports()) {
            assertEquals("env", im.module(), im.qualifiedName());
            if (im.kind() == ExternKind.MEMORY) {
                assertEquals("memory", im.name());
                assertEquals(1, im.memory().min(), "one page");
                assertEquals(1, im.memory().max(), "and no more");
                continue;
            }
            assertEquals(ExternKind.FUNC, im.kind(), im.qualifiedName());
            FuncType expected = WASM4_FUNCTIONS.get(im.name());
            assertNotNull(expected, im.qualifiedName() + " is not a WASM-4 function");
            assertEquals(expected, m.types().get(im.typeIndex()), im.qualifiedName());
            imported.add(im.name());
        }
        assertTrue(imported.contains("text") || imported.contains("textUtf8"), "every cart writes something");

        Export update = m.export("update");
        assertNotNull(update, "update is exported");
        assertEquals(FuncType.of(), m.functionTypes().get(update.index()));
        Export start = m.export("start");
        if (start != null) assertEquals(FuncType.of(), m.functionTypes().get(start.index()));

        for (DataSegment d : m.data()) {
            assertEquals(SegmentMode.ACTIVE, d.mode());
            assertEquals(ConstExpr.Kind.CONST, d.offset().kind());
            assertTrue(d.offset().value() >= FIRST_FREE_BYTE, cart + ": data at " + d.offset().value() + " would overwrite the console's memory");
            assertTrue(d.offset().value() + d.bytes().length <= 65536, cart + ": data past the one page");
        }
    }
}
