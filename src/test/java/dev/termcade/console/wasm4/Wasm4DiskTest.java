package dev.termcade.console.wasm4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.vm.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Wasm4DiskTest {
    @Test
    void aFileThatIsNotASaveIsNeverOverwritten(@TempDir Path dir) throws IOException {
        Path notes = dir.resolve("notes.md");
        byte[] text = "my notes\n".repeat(200).getBytes();
        Files.write(notes, text);
        IOException e = assertThrows(IOException.class, () -> Wasm4Disk.at(notes));
        assertTrue(e.getMessage().contains("refusing to overwrite it"), e.getMessage());
        assertArrayEquals(text, Files.readAllBytes(notes));
        assertThrows(IOException.class, () -> Wasm4Disk.at(dir));
    }

    @Test
    void savesAreAtomicAndReadBack(@TempDir Path dir) throws IOException {
        Path save = dir.resolve("sub/cart.disk");
        Wasm4Disk d = Wasm4Disk.at(save);
        assertEquals(0, d.size());
        Memory mem = new Memory(1, 1);
        for (int i = 0; i < 64; i++) mem.writeByte(i, (byte) i);
        d.write(mem, 10, 5);
        assertArrayEquals(new byte[]{10, 11, 12, 13, 14}, d.contents(), "the cart sees its write at once");
        d.close(); // the file is written in the background; closing waits for it
        assertArrayEquals(new byte[]{10, 11, 12, 13, 14}, Files.readAllBytes(save));
        assertEquals(1, Files.list(save.getParent()).count(), "no temporary file left beside the save");
        assertArrayEquals(new byte[]{10, 11, 12, 13, 14}, Wasm4Disk.at(save).contents());
    }
}
