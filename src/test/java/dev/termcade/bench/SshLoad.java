package dev.termcade.bench;

import dev.termcade.ssh.GameServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * Load test of the SSH server: N clients on loopback each play the rocket game for T seconds (pressing keys),
 * reporting the frame rate each got, bytes per second per client and the CPU the server's threads used.
 * Usage: {@code ./run.sh bench ssh [--clients N] [--seconds T]}.
 */
public final class SshLoad {
    private SshLoad() {}

    /** Counts bytes and drops them. */
    static final class Sink extends OutputStream {
        final AtomicLong bytes = new AtomicLong();

        @Override public void write(int b) { bytes.incrementAndGet(); }
        @Override public void write(byte[] b, int off, int len) { bytes.addAndGet(len); }
    }

    public static void main(String[] args) throws Exception {
        int clients = 20, seconds = 10;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--clients")) clients = Integer.parseInt(args[++i]);
            else if (args[i].equals("--seconds")) seconds = Integer.parseInt(args[++i]);
        }
        Path root = Path.of(System.getProperty("termcade.home", "."));
        GameServer.Config c = new GameServer.Config();
        c.port = 0;
        c.carts = List.of(root.resolve("carts/rocket.wasm"));
        c.hostKey = Files.createTempDirectory("termcade-load").resolve("host_key");
        c.maxSessions = clients + 5;
        GameServer server = new GameServer(c, line -> { });
        server.start();
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        List<ClientSession> sessions = new ArrayList<>();
        List<Sink> sinks = new ArrayList<>();
        List<PipedOutputStream> keys = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            ClientSession s = client.connect("rocket", "127.0.0.1", server.port()).verify(Duration.ofSeconds(20)).getSession();
            s.addPasswordIdentity("x");
            s.auth().verify(Duration.ofSeconds(20));
            ChannelShell shell = s.createShellChannel();
            shell.setPtyType("xterm-256color");
            shell.setPtyColumns(120);
            shell.setPtyLines(40);
            PipedOutputStream k = new PipedOutputStream();
            shell.setIn(new PipedInputStream(k, 4096));
            Sink sink = new Sink();
            shell.setOut(sink);
            shell.open().verify(Duration.ofSeconds(20));
            sessions.add(s);
            sinks.add(sink);
            keys.add(k);
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (server.framesPerSession().size() < clients && System.nanoTime() < deadline) Thread.sleep(50);
        Thread.sleep(2000); // let the JIT settle
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        long cpu0 = serverCpu(tm);
        List<Long> f0 = server.framesPerSession();
        long[] b0 = sinks.stream().mapToLong(x -> x.bytes.get()).toArray();
        long t0 = System.nanoTime();
        String[] presses = {"\u001b[D", " ", "\u001b[A", "\u001b[C", " "};
        int tick = 0;
        while (System.nanoTime() - t0 < seconds * 1_000_000_000L) {
            for (int i = 0; i < keys.size(); i++) {
                try {
                    keys.get(i).write(presses[(tick + i) % presses.length].getBytes());
                    keys.get(i).flush();
                } catch (IOException ignored) {
                    // a closed channel shows up as a low frame rate
                }
            }
            tick++;
            Thread.sleep(100);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long cpu = serverCpu(tm) - cpu0;
        List<Long> f1 = server.framesPerSession();
        double[] fps = new double[Math.min(f0.size(), f1.size())];
        for (int i = 0; i < fps.length; i++) fps[i] = (f1.get(i) - f0.get(i)) / secs;
        double bytes = 0;
        for (int i = 0; i < sinks.size(); i++) bytes += (sinks.get(i).bytes.get() - b0[i]) / secs;
        double min = Double.MAX_VALUE, max = 0, sum = 0;
        for (double f : fps) {
            min = Math.min(min, f);
            max = Math.max(max, f);
            sum += f;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "SSH load: %d clients x %.1f s on loopback, rocket cart at 120x40, target 30 fps%n", clients, secs);
        System.out.printf(Locale.ROOT, "  fps per client: min %.1f, avg %.1f, max %.1f%n", min, sum / fps.length, max);
        System.out.printf(Locale.ROOT, "  bytes per second per client: %.0f (%.0f per frame)%n", bytes / clients, bytes / clients / Math.max(1, sum / fps.length));
        System.out.printf(Locale.ROOT, "  server CPU: %.1f%% of %d cores (game, SSH and watchdog threads; the clients run in the same JVM and are not counted)%n",
                100.0 * cpu / 1e9 / secs / cores, cores);
        for (ClientSession s : sessions) s.close();
        client.stop();
        server.close();
        System.exit(0);
    }

    private static long serverCpu(ThreadMXBean tm) {
        long total = 0;
        for (ThreadInfo ti : tm.getThreadInfo(tm.getAllThreadIds())) {
            if (ti == null) continue;
            String n = ti.getThreadName();
            if (n.startsWith("termcade-player") || n.contains("SshServer") || n.equals("termcade-watchdog")) {
                long t = tm.getThreadCpuTime(ti.getThreadId());
                if (t > 0) total += t;
            }
        }
        return total;
    }
}
