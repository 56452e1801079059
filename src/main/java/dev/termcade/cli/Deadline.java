package dev.termcade.cli;

import dev.termcade.vm.Machine;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Runs wasm code with an optional time limit, enforced through the machine's interrupt flag. */
final class Deadline {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "termcade-deadline");
        t.setDaemon(true);
        return t;
    });

    private Deadline() {}

    static <T> T run(long timeoutMs, Supplier<T> body) {
        if (timeoutMs <= 0) return body.get();
        Machine m = Machine.current();
        m.clearInterrupt();
        ScheduledFuture<?> f = TIMER.schedule(() -> m.interrupt("interrupted: the call did not return within " + timeoutMs + " ms"), timeoutMs, TimeUnit.MILLISECONDS);
        try {
            return body.get();
        } finally {
            f.cancel(false);
            m.clearInterrupt();
        }
    }
}
