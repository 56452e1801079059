package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.wasm.WasmException;
import dev.termcade.wasm.WatPrinter;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Block types given as type indices are 32-bit (s33 in the binary): indices of 256 and more must not be narrowed
 * to a byte, where 256 would read as type 0 and 299 as type 43.
 */
class BlockTypeIndexTest {
    private final Machine machine = new Machine();
    private static final int I32 = 0x7F, I64 = 0x7E;

    private static void u32(ByteArrayOutputStream out, long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    /** A positive s33 (a block's type index): LEB128 whose last byte keeps bit 6 clear. */
    private static void s33(ByteArrayOutputStream out, long v) {
        while (v >= 0x40) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void section(ByteArrayOutputStream module, int id, ByteArrayOutputStream content) {
        module.write(id);
        u32(module, content.size());
        module.writeBytes(content.toByteArray());
    }

    private static void funcType(ByteArrayOutputStream out, int[] params, int[] results) {
        out.write(0x60);
        u32(out, params.length);
        for (int p : params) out.write(p);
        u32(out, results.length);
        for (int r : results) out.write(r);
    }

    /**
     * 301 types: 0 is the exported function's {@code () -> i32}, 256 is {@code i32 -> i64}, 299 is
     * {@code i32 -> (i32 i32)}, 300 is {@code i64 -> i64}; every other is {@code () -> ()}. The function uses them as
     * block, loop and if types and returns 42; {@code ifType} replaces the if's type index.
     */
    static byte[] module(long ifType) {
        ByteArrayOutputStream types = new ByteArrayOutputStream();
        u32(types, 301);
        for (int i = 0; i < 301; i++) {
            switch (i) {
                case 0: funcType(types, new int[0], new int[]{I32}); break;
                case 256: funcType(types, new int[]{I32}, new int[]{I64}); break;
                case 299: funcType(types, new int[]{I32}, new int[]{I32, I32}); break;
                case 300: funcType(types, new int[]{I64}, new int[]{I64}); break;
                default: funcType(types, new int[0], new int[0]);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0); // no locals
        body.writeBytes(new byte[]{0x41, 5});                   // i32.const 5
        body.write(0x02); s33(body, 299);                       // block (type 299): i32 -> i32 i32
        body.writeBytes(new byte[]{0x41, 7, 0x0B});             //   i32.const 7  end
        body.write(0x6A);                                       // i32.add -> 12
        body.write(0x03); s33(body, 256);                       // loop (type 256): i32 -> i64
        body.writeBytes(new byte[]{(byte) 0xAD, 0x0B});         //   i64.extend_i32_u  end
        body.writeBytes(new byte[]{0x41, 1});                   // i32.const 1
        body.write(0x04); s33(body, ifType);                    // if (type 300): i64 -> i64
        body.writeBytes(new byte[]{0x42, 30, 0x7C});            //   i64.const 30  i64.add
        body.write(0x05);                                       // else
        body.writeBytes(new byte[]{0x42, (byte) 0xE8, 0x07, 0x7C, 0x0B}); // i64.const 1000  i64.add  end
        body.writeBytes(new byte[]{(byte) 0xA7, 0x0B});         // i32.wrap_i64  end
        ByteArrayOutputStream funcs = new ByteArrayOutputStream();
        u32(funcs, 1);
        u32(funcs, 0);
        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        u32(exports, 1);
        u32(exports, 3);
        exports.writeBytes("run".getBytes());
        exports.write(0);
        u32(exports, 0);
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        u32(code, 1);
        u32(code, body.size());
        code.writeBytes(body.toByteArray());
        ByteArrayOutputStream module = new ByteArrayOutputStream();
        module.writeBytes(new byte[]{0, 'a', 's', 'm', 1, 0, 0, 0});
        section(module, 1, types);
        section(module, 3, funcs);
        section(module, 7, exports);
        section(module, 10, code);
        return module.toByteArray();
    }

    @Test
    void blockLoopAndIfTakeTypeIndicesAbove255() {
        Instance inst = Instance.builder(CompiledModule.load(module(300), "types")).build();
        assertEquals(42, machine.call(inst.function("run"))[0].i32());
    }

    @Test
    void aTypeIndexPastTheLastTypeIsRejected() {
        WasmException e = assertThrows(WasmException.class, () -> CompiledModule.load(module(301), "types"));
        assertTrue(e.getMessage().contains("unknown type 301"), e.getMessage());
    }

    @Test
    void theTextPrinterShowsTheWholeIndex() {
        String text = new WatPrinter(dev.termcade.wasm.Module.decode(module(300))).function(0);
        assertTrue(text.contains("block (type 299)") && text.contains("loop (type 256)") && text.contains("if (type 300)"), text);
    }
}
