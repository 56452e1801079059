package dev.termcade.cli;

import static dev.termcade.cli.RobustnessTest.assertClean;
import static dev.termcade.cli.RobustnessTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WASM-4 carts through the real command line: headless outputs, input scripts, bad paths. */
class PlayWasm4Test {
    static final String DEMO = RobustnessTest.WASM.resolve("w4_demo.wasm").toString();

    @TempDir Path tmp;

    @Test void screenshotAndMemoryDumpAfterTheLastFrame() throws Exception {
        Path png = tmp.resolve("shot.png"), mem = tmp.resolve("mem.bin"), input = tmp.resolve("in.txt");
        Files.writeString(input, "# move right for two frames\n1 right down\n3 right up\n4 mouse 5 6 2\n");
        RobustnessTest.Result r = cli("play", DEMO, "--headless", "--frames", "6", "--size", "80x24", "--input", input.toString(),
                "--screenshot", png.toString(), "--dump-memory", mem.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.err().contains("hello"), "trace goes to stderr: " + r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(160, img.getWidth());
        assertEquals(160, img.getHeight());
        // the square moved from x = 0x50 to 0x52; colour 3 of the default palette, the rest colour 0
        assertEquals(0x071821, img.getRGB(0x52, 10) & 0xFFFFFF);
        assertEquals(0xe0f8cf, img.getRGB(0x51, 10) & 0xFFFFFF);
        byte[] dump = Files.readAllBytes(mem);
        assertEquals(65536, dump.length);
        assertEquals(0x52, dump[0x3008]);
        assertEquals(5, dump[0x3014]);
        assertEquals(6, dump[0x3016]);
        assertEquals(2, dump[0x3018]);
    }

    @Test void badScriptsAndPathsAreOneLine() throws Exception {
        Path input = tmp.resolve("bad.txt");
        Files.writeString(input, "0 right down\n5 5:x down\n");
        RobustnessTest.Result r = cli("play", DEMO, "--headless", "--frames", "6", "--input", input.toString());
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("bad.txt:2: player must be 1-4"), r.err());
        assertClean(r);
        Files.writeString(input, "0 enter down\n");
        r = cli("play", DEMO, "--headless", "--frames", "2", "--input", input.toString());
        assertTrue(r.err().contains("key 'enter' is not a button of the WASM-4 ABI"), r.err());
        assertClean(r);
        r = cli("play", DEMO, "--headless", "--frames", "2", "--screenshot", tmp.resolve("no/such/dir/x.png").toString());
        assertEquals(Main.FAILED, r.code());
        assertTrue(r.err().contains("no such directory"), r.err());
        assertClean(r);
        r = cli("play", DEMO, "--headless", "--frames", "2", "--disk", tmp.toString());
        assertTrue(r.err().contains("is a directory"), r.err());
        assertClean(r);
    }

    @Test void inspectNamesTheAbi() {
        RobustnessTest.Result r = cli("inspect", DEMO);
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("Console ABI: WASM-4"), r.out());
    }
}
