package dev.termcade.vm;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One daemon thread that interrupts wasm calls running past their deadline (frame budgets, {@code run --timeout}).
 * Callers arm and disarm a {@link Timer} around each call; nothing is allocated per call.
 */
public final class Watchdog {
    private static final CopyOnWriteArrayList<Timer> TIMERS = new CopyOnWriteArrayList<>();
    private static volatile Thread thread;
    private static final long MAX_BUDGET_MS = Long.MAX_VALUE / 4_000_000L;

    private Watchdog() {}

    /** A per-session budget timer. */
    public static final class Timer {
        private final Machine machine;
        private final String prefix;
        private volatile long deadline;
        private volatile String what = "";
        private volatile long budgetMs;

        private Timer(Machine machine, String prefix) {
            this.machine = machine;
            this.prefix = prefix;
        }

        /**
         * Interrupts the call with "PREFIX WHAT within BUDGET ms" if it has not returned by then. An interrupt left
         * over from an earlier deadline (one that fired just as its call returned) is dropped first.
         */
        public void arm(String what, long budgetMs) {
            if (budgetMs < 0) throw new IllegalArgumentException("a budget cannot be negative: " + budgetMs + " ms");
            machine.clearInterrupt();
            this.what = what;
            this.budgetMs = budgetMs;
            // Budgets beyond ~146 years are "never"; the cap keeps the nanosecond arithmetic from overflowing.
            this.deadline = System.nanoTime() + Math.min(budgetMs, MAX_BUDGET_MS) * 1_000_000L;
        }

        public void disarm() { deadline = 0; }

        /**
         * Runs {@code call} (instantiation, an export, anything that runs wasm on this timer's machine) under a
         * deadline of {@code budgetMs}; past it the call ends in an {@link Trap.Kind#INTERRUPTED} trap.
         */
        public <T> T within(String what, long budgetMs, java.util.function.Supplier<T> call) {
            arm(what, budgetMs);
            try {
                return call.get();
            } finally {
                disarm();
            }
        }

        public void close() {
            deadline = 0;
            TIMERS.remove(this);
        }

        void check(long now) {
            long d = deadline;
            if (d != 0 && now - d > 0) {
                deadline = 0;
                machine.interrupt(prefix + what + " within " + budgetMs + " ms");
            }
        }
    }

    /** A timer that interrupts calls running on {@code machine}; its messages start with {@code prefix}. */
    public static Timer timer(Machine machine, String prefix) {
        Timer t = new Timer(machine, prefix);
        TIMERS.add(t);
        start();
        return t;
    }

    private static synchronized void start() {
        if (thread != null) return;
        thread = new Thread(() -> {
            while (true) {
                long now = System.nanoTime();
                for (Timer t : TIMERS) t.check(now);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "termcade-watchdog");
        thread.setDaemon(true);
        thread.start();
    }
}
