package dev.termcade.vm;

/**
 * A function implemented by the host. It reads its arguments from the {@link HostFrame} and writes its results
 * there (read all arguments before writing results: they share slots). Any exception it throws becomes a trap.
 */
@FunctionalInterface
public interface HostFunction {
    void call(HostFrame frame) throws Exception;
}
