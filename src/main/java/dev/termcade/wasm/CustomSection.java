package dev.termcade.wasm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A custom section: its name, where its contents start in the module's bytes, and their size. The contents
 * themselves are kept only for small sections (metadata such as a cart's title, up to {@link #KEPT_BYTES});
 * debug information and the like stay in the file.
 */
public record CustomSection(String name, int offset, int size, byte[] kept) {
    /** Contents up to this size are kept with the module. */
    public static final int KEPT_BYTES = 1024;

    public CustomSection(String name, int offset, int size) { this(name, offset, size, new byte[0]); }

    /** The contents as UTF-8 text (malformed bytes replaced), or null if the section was too large to keep. */
    public String text() {
        return size <= KEPT_BYTES ? new String(kept, StandardCharsets.UTF_8) : null;
    }

    /** A section of {@code bytes[offset, offset + size)}, keeping its contents if it is small. */
    static CustomSection of(String name, byte[] bytes, int offset, int size) {
        return new CustomSection(name, offset, size, size <= KEPT_BYTES ? Arrays.copyOfRange(bytes, offset, offset + size) : new byte[0]);
    }
}
