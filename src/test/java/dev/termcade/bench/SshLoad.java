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
        Path root = Path.of(System.getProperty("termcade.home", "."));
        Path cartFile = root.resolve("carts/rocket.wasm");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients": clients = Integer.parseInt(args[++i]); break;
                case "--seconds": seconds = Integer.parseInt(args[++i]); break;
                case "--room-size": roomSize = Integer.parseInt(args[++i]); break;
                case "--cart": {
                    String c = args[++i];
                    cartFile = c.endsWith(".wasm") ? Path.of(c) : root.resolve("carts/" + c + ".wasm");
                    break;
                }
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String cart = cartFile.getFileName().toString().replace(".wasm", "");
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

        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process clientsProcess = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), SshLoad.class.getName(), "--clients-process",
                String.valueOf(server.port()), String.valueOf(clients), cart, String.valueOf(roomSize))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
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
        long bytes0 = server.bytesSent();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double secs = (System.nanoTime() - t0) / 1e9;
        long cpu = os.getProcessCpuTime() - cpu0;
        java.util.Map<String, Long> groups = cpuByThreadGroup();
        List<Long> f1 = server.framesPerSession();
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
