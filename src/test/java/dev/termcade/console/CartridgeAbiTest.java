package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.termcade.wasm.Module;
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
    void abisAreDetectedFromImports() {
        assertEquals(Cartridge.Abi.TERMCADE, Cartridge.Abi.detect(module("(module (import \"termcade\" \"clear\" (func (param i32))))")));
        assertEquals(Cartridge.Abi.WASM4, Cartridge.Abi.detect(module("(module (import \"env\" \"memory\" (memory 1 1)) (func (export \"update\")))")));
        assertEquals(Cartridge.Abi.ROCKET, Cartridge.Abi.detect(module("(module (import \"env\" \"sin\" (func (param f64) (result f64))))")));
    }
}
