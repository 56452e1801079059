package dev.termcade.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecoderTest {
    private static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};

    private static byte[] module(int... sectionBytes) {
        byte[] out = new byte[HEADER.length + sectionBytes.length];
        System.arraycopy(HEADER, 0, out, 0, HEADER.length);
        for (int i = 0; i < sectionBytes.length; i++) out[HEADER.length + i] = (byte) sectionBytes[i];
        return out;
    }

    @Test
    void emptyModuleDecodes() {
        Module m = Module.decode(module());
        assertEquals(0, m.functionTypes().size());
    }

    @Test
    void badMagicNamesTheProblemAndOffset() {
        WasmFormatException e = assertThrows(WasmFormatException.class, () -> Module.decode("hello world!".getBytes()));
        assertTrue(e.getMessage().contains("magic header not detected"), e.getMessage());
        assertEquals(0, e.offset());
    }

    @Test
    void truncatedSectionIsMalformedNotAnArrayIndexError() {
        // type section claiming 10 bytes, only 2 present
        WasmFormatException e = assertThrows(WasmFormatException.class, () -> Module.decode(module(1, 10, 1, 0x60)));
        assertTrue(e.getMessage().contains("length out of bounds"), e.getMessage());
        assertEquals(8, e.offset());
    }

    @Test
    void hugeCountsAreRejectedBeforeAllocating() {
        // type section: count 0xFFFFFFFF
        WasmFormatException e = assertThrows(WasmFormatException.class,
                () -> Module.decode(module(1, 5, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)));
        assertTrue(e.getMessage().contains("type section"), e.getMessage());
    }

    @Test
    void overlongLebIsMalformed() {
        // start section with a 6-byte LEB
        WasmFormatException e = assertThrows(WasmFormatException.class,
                () -> Module.decode(module(8, 6, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00)));
        assertTrue(e.getMessage().contains("integer representation too long"), e.getMessage());
    }

    @Test
    void v128IsAValueTypeAndTheByteAfterItIsNot() {
        // type section: one type (v128) -> ()
        assertEquals("(v128) -> ()", Module.decode(module(1, 5, 1, 0x60, 1, 0x7B, 0)).types().get(0).toString());
        WasmFormatException e = assertThrows(WasmFormatException.class, () -> Module.decode(module(1, 5, 1, 0x60, 1, 0x7A, 0)));
        assertTrue(e.getMessage().contains("malformed value type 0x7a"), e.getMessage());
    }

    @Test
    void v128ConstantInitialisesAGlobalWithAll16Bytes() {
        // global section: one immutable v128 global = v128.const with bytes 1..16
        int[] global = {6, 22, 1, 0x7B, 0, 0xFD, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0x0B};
        ConstExpr init = Module.decode(module(global)).globals().get(0).init();
        assertEquals(0x0807060504030201L, init.value());
        assertEquals(0x100F0E0D0C0B0A09L, init.high());
        // Other SIMD instructions are not constant.
        int[] splat = {6, 7, 1, 0x7B, 0, 0x41, 0, 0xFD, 0x11, 0x0B};
        splat[1] = splat.length - 2;
        assertThrows(WasmValidationException.class, () -> Module.decode(module(splat)));
    }

    @Test
    void sectionsOutOfOrderAreMalformed() {
        assertThrows(WasmFormatException.class, () -> Module.decode(module(3, 1, 0, 1, 1, 0)));
    }

    @Test
    void exportOfUnknownFunctionIsInvalid() {
        // export section: "f" func 0, but there are no functions
        WasmValidationException e = assertThrows(WasmValidationException.class,
                () -> Module.decode(module(7, 5, 1, 1, 'f', 0, 0)));
        assertTrue(e.getMessage().contains("unknown function 0"), e.getMessage());
    }

    @Test
    void nameSectionGivesFunctionNames() throws Exception {
        byte[] bytes;
        try (var in = DecoderTest.class.getResourceAsStream("/wasm/basics.wasm")) {
            bytes = in.readAllBytes();
        }
        Module m = Module.decode(bytes);
        assertEquals("fac", m.functionName(1));
        assertEquals("n", m.localName(1, 0));
        assertEquals("callback", m.functionName(0));
    }

    @Test
    void randomCorruptionNeverEscapesAsAnUnexpectedException() throws Exception {
        byte[] good;
        try (var in = DecoderTest.class.getResourceAsStream("/wasm/basics.wasm")) {
            good = in.readAllBytes();
        }
        java.util.Random rnd = new java.util.Random(42);
        for (int i = 0; i < 5000; i++) {
            byte[] b = good.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips; k++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            if (rnd.nextBoolean()) b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            try {
                dev.termcade.vm.CompiledModule.load(b);
            } catch (WasmException expected) {
                // rejected with our own exception: fine
            }
        }
    }
}
