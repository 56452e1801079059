package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Machine;
import dev.termcade.vm.Tier;
import dev.termcade.wasm.Module;
import java.nio.file.Path;
import dev.termcade.wasm.text.Wat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CartridgeAbiTest {
    private static Module module(String wat) {
        return Module.decode(Wat.toBinary(wat.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aStrayEnvImportInATermcadeCartIsNamed() {
        CartridgeException e = assertThrows(CartridgeException.class, () -> Cartridge.Abi.detect(module(
                "(module (import \"termcade\" \"clear\" (func (param i32))) (import \"env\" \"memset\" (func (param i32 i32 i32) (result i32)))"
                        + " (func (export \"frame\") (param f64)))")));
        assertEquals("env.memset is not part of the termcade ABI (clang turned a loop or copy into a call to it: build with -mbulk-memory)", e.getMessage());
    }

    @Test
    void mixingTwoKnownAbisIsRefusedAsSuch() {
        CartridgeException e = assertThrows(CartridgeException.class, () -> Cartridge.Abi.detect(module(
                "(module (import \"termcade\" \"clear\" (func (param i32))) (import \"env\" \"sin\" (func (param f64) (result f64))))")));
        assertEquals("cart imports from both 'env' (the rocket or WASM-4 ABI) and 'termcade'; pick one ABI", e.getMessage());
    }

    @Test
    void inTheJitTierACartIsCompiledWhenLoadedNotInItsFirstFrame() {
        // Compiling inside the first update() would count against the frame deadline (a cold server could stop
        // the first player's game); loading compiles every function first.
        for (Tier tier : new Tier[] {Tier.JIT, Tier.AUTO}) {
            CompiledModule cm = CompiledModule.load(Path.of("carts/rocket.wasm")).tier(tier);
            int update = cm.findFunction("update");
            assertFalse(cm.isJitCompiled(update), "compiled before loading");
            Cartridge.load(cm, new Framebuffer(80, 48), new ConsoleOptions(), new Machine());
            assertEquals(tier == Tier.JIT, cm.isJitCompiled(update), tier + ": update compiled at load");
        }
    }

    @Test
    void abisAreDetectedFromImports() {
        assertEquals(Cartridge.Abi.TERMCADE, Cartridge.Abi.detect(module("(module (import \"termcade\" \"clear\" (func (param i32))))")));
        assertEquals(Cartridge.Abi.WASM4, Cartridge.Abi.detect(module("(module (import \"env\" \"memory\" (memory 1 1)) (func (export \"update\")))")));
        assertEquals(Cartridge.Abi.ROCKET, Cartridge.Abi.detect(module("(module (import \"env\" \"sin\" (func (param f64) (result f64))))")));
    }

    /** {@code module} with a custom section appended (section id 0: size, name, contents). */
    private static byte[] withCustomSection(byte[] module, String name, String text) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8), t = text.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(module);
        out.write(0);
        out.write(1 + n.length + t.length); // small enough for a one-byte LEB128
        out.write(n.length);
        out.writeBytes(n);
        out.writeBytes(t);
        return out.toByteArray();
    }

    @Test
    void aCartNamesItselfLogsAndSetsItsKeyHints() throws Exception {
        byte[] wasm = Wat.toBinary(("(module (import \"termcade\" \"log\" (func $log (param i32 i32)))"
                + " (memory (export \"memory\") 1) (data (i32.const 16) \"hello\")"
                + " (func (export \"frame\") (param f64) (call $log (i32.const 16) (i32.const 5))))").getBytes(StandardCharsets.UTF_8));
        wasm = withCustomSection(withCustomSection(wasm, Cartridge.TITLE_SECTION, "Catch\u001b[2J"), Cartridge.KEYS_SECTION, "arrows move  q quit");
        ConsoleOptions o = new ConsoleOptions();
        o.cartName = "file-name";
        java.util.List<String> logged = new java.util.ArrayList<>();
        o.trace = logged::add;
        Headless.Result r = Headless.run(dev.termcade.vm.CompiledModule.load(wasm), o, 60, 5, 2, 1.0 / 60, Headless.Script.EMPTY);
        assertEquals(java.util.List.of("hello", "hello"), logged);
        String status = r.screen().get(4);
        org.junit.jupiter.api.Assertions.assertTrue(status.startsWith(" CATCH\\X1B[2J \u2502 60 fps \u2502 arrows move  q quit"), status);
    }
}
