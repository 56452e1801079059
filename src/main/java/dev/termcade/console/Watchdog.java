package dev.termcade.console;

import dev.termcade.vm.Machine;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One daemon thread that interrupts any cartridge call running past its frame budget. Sessions arm and disarm
 * a {@link Timer} around each call; nothing is allocated per frame.
 */
public final class Watchdog {
    private static final CopyOnWriteArrayList<Timer> TIMERS = new CopyOnWriteArrayList<>();
    private static volatile Thread thread;

    private Watchdog() {}

    /** A per-session budget timer. */
    public static final class Timer {
        private final Machine machine;
        private volatile long deadline;
        private volatile String what = "the cart";
        private volatile long budgetMs;

        private Timer(Machine machine) { this.machine = machine; }

        public void arm(String what, long budgetMs) {
            this.what = what;
            this.budgetMs = budgetMs;
            this.deadline = System.nanoTime() + budgetMs * 1_000_000L;
        }

        public void disarm() { deadline = 0; }

        public void close() {
            deadline = 0;
            TIMERS.remove(this);
        }

        void check(long now) {
            long d = deadline;
            if (d != 0 && now - d > 0) {
                deadline = 0;
                machine.interrupt("cart did not return from " + what + " within " + budgetMs + " ms");
            }
        }
    }

    /** A timer for the machine of the calling thread. */
    public static Timer forCurrentThread() {
        Timer t = new Timer(Machine.current());
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
