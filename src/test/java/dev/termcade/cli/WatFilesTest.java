package dev.termcade.cli;

import static dev.termcade.cli.RobustnessTest.assertClean;
import static dev.termcade.cli.RobustnessTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.wasm.FunctionBody;
import dev.termcade.wasm.Module;
import dev.termcade.wasm.WatPrinter;
import dev.termcade.wasm.text.Wat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .wat} files work wherever {@code .wasm} files do, and {@code inspect --disassemble} gives text back. */
class WatFilesTest {
    static final String ADD = ";; two exports\n"
            + "(module\n"
            + "  (memory (export \"mem\") (data \"hi\"))\n"
            + "  (func $add (export \"add\") (param $a i32) (param $b i32) (result i32)\n"
            + "    (i32.add (local.get $a) (local.get $b)))\n"
            + "  (func (export \"half\") (param f64) (result f64) local.get 0 f64.const 0x1p-1 f64.mul))\n";

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void runAndInspectReadText() throws Exception {
        Path add = write("add.wat", ADD);
        RobustnessTest.Result r = cli("run", add.toString(), "--invoke", "add", "40", "2");
        assertEquals(0, r.code(), r.all());
        assertEquals("42", r.out().strip());
        assertEquals("1.25", cli("run", add.toString(), "--invoke", "half", "2.5").out().strip());
        RobustnessTest.Result info = cli("inspect", add.toString());
        assertEquals(0, info.code(), info.all());
        assertTrue(info.out().contains("add: func[0] (i32 i32) -> (i32)"), info.out());
        // Without the .wat extension, the content decides.
        Path noExtension = write("add", ADD);
        assertEquals("42", cli("run", noExtension.toString(), "--invoke", "add", "40", "2").out().strip());
    }

    @Test
    void aSyntaxErrorIsOneLineWithFileLineAndColumn() throws Exception {
        Path bad = write("bad.wat", "(module\n  (func (result i32)\n    i32.const 1\n    i32.ad))\n");
        RobustnessTest.Result r = cli("run", bad.toString(), "--invoke", "f");
        assertTrue(r.code() != 0);
        assertEquals("error: " + bad + ":4:5: unknown operator 'i32.ad'", r.err().strip());
        assertClean(r);
        RobustnessTest.Result unclosed = cli("inspect", write("open.wat", "(module (func").toString());
        assertTrue(unclosed.code() != 0);
        assertTrue(unclosed.err().strip().endsWith("open.wat:1:9: unclosed '(' (the text ends before its ')')"), unclosed.err());
        assertClean(unclosed);
    }

    @Test
    void disassemblyOfACartReadsBackToTheSameCode() throws Exception {
        for (String cart : new String[]{"rocket", "snake"}) {
            Path wasm = RobustnessTest.ROOT.resolve("carts/" + cart + ".wasm");
            RobustnessTest.Result r = cli("inspect", wasm.toString(), "--disassemble");
            assertEquals(0, r.code(), r.err());
            Path wat = write(cart + ".wat", r.out());
            Module original = Module.decode(Files.readAllBytes(wasm));
            Module back = Module.decode(Wat.toBinary(Files.readAllBytes(wat)));
            assertEquals(original.bodies().size(), back.bodies().size());
            for (int i = 0; i < original.bodies().size(); i++) {
                FunctionBody a = original.bodies().get(i), b = back.bodies().get(i);
                assertArrayEquals(a.locals(), b.locals());
                // The same instructions; rustc pads some LEB128 immediates to 5 bytes, which a text round trip cannot keep.
                int f = original.importedFunctionCount() + i;
                assertEquals(new WatPrinter(original).function(f), new WatPrinter(back).function(f), cart + " function " + f);
            }
            assertEquals(original.exports(), back.exports());
            // And the text is a cart: it plays like the binary.
            RobustnessTest.Result play = cli("play", wat.toString(), "--headless", "--frames", "3");
            assertEquals(0, play.code(), play.all());
            assertTrue(play.out().contains("frames=3"), play.out());
        }
    }
}
