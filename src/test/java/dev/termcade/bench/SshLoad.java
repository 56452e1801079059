package dev.termcade.bench;

import dev.termcade.ssh.GameServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * Load test of the SSH server. The server runs in this JVM; the SSH clients run in a separate JVM (so the CPU
 * measured is the server's own). Each client plays for T seconds pressing keys; the report gives the server's CPU
 * per player-frame, each player's frame rate (min / median), bytes per player-second and heap per player.
 * <p>
 * Usage: {@code ./run.sh bench ssh [--clients N] [--seconds T] [--cart rocket|FILE] [--room-size K]}: with a room
 * size, players join rooms of K ({@code CART+roomI}), which needs a WASM-4 cart.
 */
public final class SshLoad {
    private SshLoad() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--clients-process")) {
            Clients.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int clients = 50, seconds = 10, roomSize = 0;
        boolean churn = false;
        Path root = Path.of(System.getProperty("termcade.home", "."));
        Path cartFile = root.resolve("carts/rocket.wasm");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients": clients = Integer.parseInt(args[++i]); break;
                case "--seconds": seconds = Integer.parseInt(args[++i]); break;
                case "--room-size": roomSize = Integer.parseInt(args[++i]); break;
                case "--churn": churn = true; break;
                case "--cart": {
                    String c = args[++i];
                    cartFile = c.endsWith(".wasm") ? Path.of(c) : root.resolve("carts/" + c + ".wasm");
                    break;
                }
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String cart = cartFile.getFileName().toString().replace(".wasm", "");
        if (churn) {
            churn(root, cartFile);
            return;
        }
        GameServer.Config c = new GameServer.Config();
        c.port = 0;
        c.carts = List.of(cartFile);
        Path dir = Files.createTempDirectory("termcade-load");
        c.hostKey = dir.resolve("host_key");
        c.dataDir = dir.resolve("data");
        c.maxSessions = clients + 5;
        c.maxPerAddress = clients + 5;
        c.statusIntervalSeconds = 0;
        GameServer server = new GameServer(c, line -> { });
        server.start();
        System.gc();
        long heapBefore = usedHeap();

        Process clientsProcess = clientsProcess(server.port(), clients, cart, roomSize);
        BufferedReader fromClients = new BufferedReader(new InputStreamReader(clientsProcess.getInputStream(), StandardCharsets.UTF_8));
        String line = fromClients.readLine(); // "connected" once every client has its game
        if (line == null || !line.equals("connected")) throw new IllegalStateException("the clients did not connect: " + line);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (server.framesPerSession().size() < clients && System.nanoTime() < deadline) Thread.sleep(50);
        Thread.sleep(3000); // let the JIT settle
        System.gc();
        long heapPlaying = usedHeap();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        java.util.Map<String, Long> groups0 = cpuByThreadGroup();
        List<Long> f0 = server.framesPerSession();
        List<Long> u0 = server.updatesPerRoom();
        long bytes0 = server.bytesSent();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double secs = (System.nanoTime() - t0) / 1e9;
        long cpu = os.getProcessCpuTime() - cpu0;
        java.util.Map<String, Long> groups = cpuByThreadGroup();
        List<Long> f1 = server.framesPerSession();
        List<Long> u1 = server.updatesPerRoom();
        long bytes = server.bytesSent() - bytes0;
        double[] fps = new double[Math.min(f0.size(), f1.size())];
        long frames = 0;
        for (int i = 0; i < fps.length; i++) {
            fps[i] = (f1.get(i) - f0.get(i)) / secs;
            frames += f1.get(i) - f0.get(i);
        }
        Arrays.sort(fps);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "SSH load: %d players of %s%s for %.1f s at 120x40, clients in a separate JVM, %d cores, target 30 fps per player%n",
                clients, cart, roomSize > 0 ? " in rooms of " + roomSize : " alone", secs, cores);
        System.out.printf(Locale.ROOT, "  fps per player: min %.1f, median %.1f, max %.1f%n", fps[0], fps[fps.length / 2], fps[fps.length - 1]);
        if (!u1.isEmpty()) {
            double[] ups = new double[Math.min(u0.size(), u1.size())];
            for (int i = 0; i < ups.length; i++) ups[i] = (u1.get(i) - u0.get(i)) / secs;
            Arrays.sort(ups);
            System.out.printf(Locale.ROOT, "  game updates per second in %d rooms: min %.1f, median %.1f, max %.1f%n", ups.length, ups[0], ups[ups.length / 2], ups[ups.length - 1]);
            for (String crash : server.roomCrashes()) System.out.println("  the cart stopped in " + crash);
        }
        System.out.printf(Locale.ROOT, "  server CPU: %.2f ms per player-frame; %.0f%% of %d cores%n", cpu / 1e6 / Math.max(1, frames), 100.0 * cpu / 1e9 / secs / cores, cores);
        StringBuilder where = new StringBuilder("  where the CPU went:");
        for (var e : groups.entrySet()) {
            where.append(String.format(Locale.ROOT, " %s %.0f%%", e.getKey(), 100.0 * (e.getValue() - groups0.getOrDefault(e.getKey(), 0L)) / Math.max(1, cpu)));
        }
        System.out.println(where + " (the rest: JIT, GC)");
        System.out.printf(Locale.ROOT, "  bytes per player-second: %.0f (%.0f per frame)%n", bytes / secs / clients, (double) bytes / Math.max(1, frames));
        System.out.printf(Locale.ROOT, "  heap per player: %.2f MB (%.1f MB with %d players, %.1f MB idle)%n",
                (heapPlaying - heapBefore) / 1e6 / clients, heapPlaying / 1e6, clients, heapBefore / 1e6);
        clientsProcess.getOutputStream().close(); // tells the clients to disconnect
        if (!clientsProcess.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) clientsProcess.destroy();
        server.close();
        System.exit(0);
    }

    /**
     * Leaks and stalls: 200 connect/disconnect cycles, then 100 spectators that never read joining a room where 4
     * players play; threads and heap must come back to where they started, and the room must keep its rate.
     * Needs a WASM-4 cart ({@code --cart FILE}); the solo cycles play rocket.
     */
    private static void churn(Path root, Path wasm4Cart) throws Exception {
        GameServer.Config c = new GameServer.Config();
        c.port = 0;
        c.carts = List.of(root.resolve("carts/rocket.wasm"), wasm4Cart);
        Path dir = Files.createTempDirectory("termcade-churn");
        c.hostKey = dir.resolve("host_key");
        c.dataDir = dir.resolve("data");
        c.maxSessions = 200;
        c.maxPerAddress = 200;
        c.statusIntervalSeconds = 0;
        GameServer server = new GameServer(c, line -> { });
        server.start();
        var threads = ManagementFactory.getThreadMXBean();
        Thread.sleep(1000);
        System.gc();
        long heap0 = usedHeap();
        int threads0 = threads.getThreadCount();
        String cart = wasm4Cart.getFileName().toString().replace(".wasm", "");
        Process p = clientsProcess(server.port(), 0, cart, -1);
        BufferedReader from = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        expect(from, "cycles done");
        long settle = System.nanoTime();
        while (threads.getThreadCount() > threads0 + 10 && System.nanoTime() - settle < 30_000_000_000L) Thread.sleep(100);
        System.out.printf(Locale.ROOT, "  (threads settled %.1f s after the last disconnect)%n", (System.nanoTime() - settle) / 1e9);
        threadsByName(threads);
        System.gc();
        System.out.printf(Locale.ROOT, "SSH churn: 200 connect/play/disconnect cycles: threads %d -> %d, heap %.1f -> %.1f MB%n",
                threads0, threads.getThreadCount(), heap0 / 1e6, usedHeap() / 1e6);
        expect(from, "players in");
        Thread.sleep(3000);
        double[] before = roomRates(server, 3);
        expect(from, "stalled in");
        Thread.sleep(3000);
        double[] stalled = roomRates(server, 5);
        System.out.printf(Locale.ROOT, "  room of 4 players: %.1f updates/s, players' fps min %.1f; with 100 spectators that never read: %.1f updates/s, players' fps min %.1f%n",
                before[0], before[1], stalled[0], stalled[1]);
        p.getOutputStream().close();
        p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        Thread.sleep(4000);
        System.gc();
        System.out.printf(Locale.ROOT, "  after everyone left: threads %d (started at %d), heap %.1f MB (started at %.1f), rooms open %d%n",
                threads.getThreadCount(), threads0, usedHeap() / 1e6, heap0 / 1e6, server.updatesPerRoom().size());
        server.close();
        System.exit(0);
    }

    /** Live threads by name (numbers removed), to see what a connection leaves behind. */
    private static void threadsByName(java.lang.management.ThreadMXBean threads) {
        java.util.Map<String, Integer> names = new java.util.TreeMap<>();
        for (var ti : threads.getThreadInfo(threads.getAllThreadIds())) if (ti != null) names.merge(ti.getThreadName().replaceAll("[0-9:./]+", "#"), 1, Integer::sum);
        System.out.println("  threads: " + names);
    }

    private static void expect(BufferedReader in, String line) throws IOException {
        String got = in.readLine();
        if (!line.equals(got)) throw new IllegalStateException("the clients said " + got + ", expected " + line);
    }

    /** The room's updates per second and the lowest frame rate of the players who read, over {@code seconds}. */
    private static double[] roomRates(GameServer server, int seconds) throws InterruptedException {
        long u0 = server.updatesPerRoom().get(0);
        List<Long> f0 = server.framesPerSession();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double secs = (System.nanoTime() - t0) / 1e9;
        long u1 = server.updatesPerRoom().get(0);
        List<Long> f1 = server.framesPerSession();
        double minFps = Double.MAX_VALUE;
        for (int i = 0; i < 4 && i < f1.size(); i++) minFps = Math.min(minFps, (f1.get(i) - f0.get(i)) / secs);
        return new double[] {(u1 - u0) / secs, minFps};
    }

    private static Process clientsProcess(int port, int clients, String cart, int roomSize) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Its standard output carries the protocol lines: its log goes to stderr.
        return new ProcessBuilder(javaBin, "-Dorg.slf4j.simpleLogger.logFile=System.err", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-cp", System.getProperty("java.class.path"), SshLoad.class.getName(), "--clients-process",
                String.valueOf(port), String.valueOf(clients), cart, String.valueOf(roomSize))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** CPU time so far of the server's threads, by kind: games (players and rooms), SSH I/O, others. */
    private static java.util.Map<String, Long> cpuByThreadGroup() {
        var tm = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (var ti : tm.getThreadInfo(tm.getAllThreadIds())) {
            if (ti == null) continue;
            String n = ti.getThreadName();
            String group = n.startsWith("termcade-player") || n.startsWith("termcade-room") ? "games"
                    : n.contains("nio") || n.contains("SshServer") ? "ssh-io" : n.startsWith("termcade-") ? "housekeeping" : null;
            long t = tm.getThreadCpuTime(ti.getThreadId());
            if (group != null && t > 0) out.merge(group, t, Long::sum);
        }
        return out;
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** The client side, in its own JVM: N MINA clients that play, press keys and read everything they are sent. */
    static final class Clients {
        /** Counts bytes and drops them. */
        static final class Sink extends OutputStream {
            final AtomicLong bytes = new AtomicLong();

            @Override public void write(int b) { bytes.incrementAndGet(); }
            @Override public void write(byte[] b, int off, int len) { bytes.addAndGet(len); }
        }

        static void run(String[] args) throws Exception {
            int port = Integer.parseInt(args[0]), clients = Integer.parseInt(args[1]);
            String cart = args[2];
            int roomSize = Integer.parseInt(args[3]);
            SshClient client = SshClient.setUpDefaultClient();
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            if (roomSize < 0) {
                churn(client, port, cart);
                return;
            }
            List<ChannelShell> shells = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String user = roomSize > 0 ? cart + "+room" + (i / roomSize) : cart;
                ClientSession s = client.connect(user, "127.0.0.1", port).verify(Duration.ofSeconds(30)).getSession();
                s.addPasswordIdentity("x");
                s.auth().verify(Duration.ofSeconds(30));
                ChannelShell shell = s.createShellChannel();
                shell.setPtyType("xterm-256color");
                shell.setPtyColumns(120);
                shell.setPtyLines(40);
                shell.setStreaming(org.apache.sshd.client.channel.ClientChannel.Streaming.Async);
                shell.open().verify(Duration.ofSeconds(30));
                drain(shell, new Sink());
                shells.add(shell);
            }
            System.out.println("connected");
            System.out.flush();
            String[] presses = {"\u001b[D", " ", "\u001b[A", "\u001b[C", " "};
            // Plays until the server's side closes our standard input.
            Thread stop = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) { }
                } catch (IOException ignored) {
                    // closed
                }
            });
            stop.start();
            for (int tick = 0; stop.isAlive(); tick++) {
                for (int i = 0; i < shells.size(); i++) {
                    try {
                        shells.get(i).getAsyncIn().writeBuffer(new ByteArrayBuffer(presses[(tick + i) % presses.length].getBytes(StandardCharsets.US_ASCII)));
                    } catch (IOException | RuntimeException ignored) {
                        // a closed channel shows up as a low frame rate on the server
                    }
                }
                Thread.sleep(100);
            }
            for (ChannelShell shell : shells) shell.getSession().close(false).await(Duration.ofSeconds(5));
            client.stop();
        }

        /** The client side of {@link SshLoad#churn}. */
        private static void churn(SshClient client, int port, String cart) throws Exception {
            for (int i = 0; i < 200; i++) {
                Sink sink = new Sink();
                ClientSession s = open(client, port, "rocket", sink, true);
                long end = System.nanoTime() + 10_000_000_000L;
                while (sink.bytes.get() < 2000 && System.nanoTime() < end) Thread.sleep(5); // the game is running
                s.close(false).await(Duration.ofSeconds(5));
            }
            System.out.println("cycles done");
            System.out.flush();
            List<ClientSession> sessions = new ArrayList<>();
            for (int i = 0; i < 4; i++) sessions.add(open(client, port, cart + "+bench", new Sink(), true));
            System.out.println("players in");
            System.out.flush();
            for (int i = 0; i < 100; i++) sessions.add(open(client, port, "watch+bench", new Sink(), false));
            System.out.println("stalled in");
            System.out.flush();
            while (System.in.read() >= 0) { }
            for (ClientSession s : sessions) s.close(false).await(Duration.ofSeconds(5));
            client.stop();
        }

        /** A logged-in session with a 120x40 game channel whose output is read (counted) or never read. */
        private static ClientSession open(SshClient client, int port, String user, Sink sink, boolean read) throws IOException {
            ClientSession s = client.connect(user, "127.0.0.1", port).verify(Duration.ofSeconds(30)).getSession();
            s.addPasswordIdentity("x");
            s.auth().verify(Duration.ofSeconds(30));
            if (!read) org.apache.sshd.core.CoreModuleProperties.WINDOW_SIZE.set(s, 16 * 1024L);
            ChannelShell shell = s.createShellChannel();
            shell.setPtyType("xterm-256color");
            shell.setPtyColumns(120);
            shell.setPtyLines(40);
            shell.setStreaming(org.apache.sshd.client.channel.ClientChannel.Streaming.Async);
            shell.open().verify(Duration.ofSeconds(30));
            if (read) drain(shell, sink);
            return s;
        }

        /** Reads the channel's output for ever (asynchronously, no thread per client), counting it. */
        private static void drain(ChannelShell shell, Sink sink) {
            ByteArrayBuffer buf = new ByteArrayBuffer(16 * 1024);
            shell.getAsyncOut().read(buf).addListener(f -> {
                if (f.getException() != null) return;
                sink.write(buf.array(), buf.rpos(), buf.available());
                drain(shell, sink);
            });
        }
    }
}
