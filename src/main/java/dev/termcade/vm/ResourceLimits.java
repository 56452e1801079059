package dev.termcade.vm;

/** Host caps on what one instance may allocate; growth beyond them fails the way the spec allows (-1). */
public record ResourceLimits(int maxMemoryPages, int maxTableElements) {
    /** As much as the JVM can give: 2 GiB memories, 10 million table elements. */
    public static final ResourceLimits UNLIMITED = new ResourceLimits(Memory.MAX_PAGES_JVM, 10_000_000);
    /** What a game cartridge gets by default: 256 MiB of memory, 1 million table elements. */
    public static final ResourceLimits CARTRIDGE = new ResourceLimits(4096, 1_000_000);
}
