package dev.termcade.cli;

import dev.termcade.vm.Memory;
import dev.termcade.vm.ResourceLimits;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The {@code --max-memory SIZE} option of {@code run} and {@code repl}: how much linear memory a module may have,
 * like the cap {@code play} gives carts (a 50-byte module can otherwise ask for 2 GiB). SIZE is bytes with an
 * optional K, M or G suffix (binary units), rounded down to whole 64 KiB pages.
 */
final class MemoryCap implements CommandLine.ITypeConverter<ResourceLimits> {
    /** What {@code run} and {@code repl} allow unless told otherwise: the same as a game cartridge. */
    static final String DEFAULT = "256M";

    @Override public ResourceLimits convert(String value) {
        String s = value.strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("K") || s.endsWith("M") || s.endsWith("G")) {
            unit = s.endsWith("K") ? 1L << 10 : s.endsWith("M") ? 1L << 20 : 1L << 30;
            s = s.substring(0, s.length() - 1);
        }
        long n;
        try {
            n = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size (bytes, or a number with K, M or G)");
        }
        if (n < 0) throw new CommandLine.TypeConversionException("a memory size cannot be negative: '" + value + "'");
        long pages = n > Long.MAX_VALUE / unit ? Long.MAX_VALUE : n * unit / Memory.PAGE_SIZE;
        if (pages > Memory.MAX_PAGES_JVM) {
            throw new CommandLine.TypeConversionException("'" + value + "' is more than the " + (((long) Memory.MAX_PAGES_JVM * Memory.PAGE_SIZE) >> 20) + " MiB a memory can have here");
        }
        return new ResourceLimits((int) pages, ResourceLimits.UNLIMITED.maxTableElements());
    }
}
