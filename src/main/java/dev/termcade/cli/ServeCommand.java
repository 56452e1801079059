package dev.termcade.cli;

import dev.termcade.console.PracticeRun;
import dev.termcade.ssh.GameServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Serve cartridges over SSH: every connection gets its own console (ssh -p 2222 play@host).",
                "Binds to loopback unless --bind says otherwise; anyone may play unless keys or passwords are required."})
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Mixin
    TierOption tier;

    @Option(names = "--port", description = "TCP port (default ${DEFAULT-VALUE}).")
    int port = 2222;

    @Option(names = "--bind", description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all interfaces).")
    String bind = "127.0.0.1";

    @Option(names = "--cart", paramLabel = "FILE", description = "A cartridge to serve (repeatable; default carts/rocket.wasm). The SSH user name may pick one: ssh rocket@host.")
    List<Path> carts = new ArrayList<>();

    @Option(names = "--host-key", paramLabel = "FILE", description = "Host key, generated on first start (default ~/.termcade/ssh_host_key).")
    Path hostKey;

    @Option(names = "--max-sessions", description = "Connections at once, in a game or not (default ${DEFAULT-VALUE}).")
    int maxSessions = 32;

    @Option(names = "--max-per-address", paramLabel = "N", description = "Connections at once from one address (default ${DEFAULT-VALUE}).")
    int maxPerAddress = 4;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Disconnect after this long without a key press, in a game, the menu or no game at all (a spectator: since its room was last played); 0 never (default ${DEFAULT-VALUE}).")
    long idleTimeout = 600;

    @Option(names = "--auth-timeout", paramLabel = "SECONDS", description = "Disconnect a client that has not logged in after this long (default ${DEFAULT-VALUE}).")
    long authTimeout = 30;

    @Option(names = "--authorized-keys", paramLabel = "FILE", description = "Only these public keys may play (the file is read again when it changes).")
    Path authorizedKeys;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Lines user:password (or one shared password) that may play.")
    Path passwordFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where saves go: saves/CART/KEY.disk, one per cart and login key; a room's rooms/CART/ROOM.disk (default ~/.termcade/data).")
    Path dataDir;

    @Option(names = "--fps", description = "Frame rate per player (default ${DEFAULT-VALUE}).")
    int fps = 30;

    @Option(names = "--budget", paramLabel = "MS", description = "Time a cart may take per call before that player's game is stopped (default ${DEFAULT-VALUE}).")
    long budget = 250;

    @Option(names = "--no-warmup", description = "Listen at once, without first letting each cart practise offscreen for up to "
            + PracticeRun.DEFAULT_MAX_MILLIS / 1000 + " s (which spares players the first seconds' stutter while HotSpot compiles).")
    boolean noWarmup;

    @Override public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0..65535");
        if (maxSessions < 1) throw new IllegalArgumentException("--max-sessions must be at least 1");
        if (maxPerAddress < 1) throw new IllegalArgumentException("--max-per-address must be at least 1");
        if (idleTimeout < 0) throw new IllegalArgumentException("--idle-timeout must be 0 (never) or more seconds");
        if (authTimeout < 1) throw new IllegalArgumentException("--auth-timeout must be at least 1 second");
        if (fps < 1 || fps > 240) throw new IllegalArgumentException("--fps must be 1..240");
        if (budget < 1) throw new IllegalArgumentException("--budget must be at least 1 ms, got " + budget);
        if (authorizedKeys != null && passwordFile != null) throw new IllegalArgumentException("use --authorized-keys or --password-file, not both");
        GameServer.Config c = new GameServer.Config();
        c.port = port;
        c.bind = bind;
        c.carts = carts.isEmpty() ? List.of(PlayCommand.defaultCart()) : carts;
        if (hostKey != null) c.hostKey = hostKey;
        if (dataDir != null) c.dataDir = dataDir;
        c.maxSessions = maxSessions;
        c.maxPerAddress = maxPerAddress;
        c.idleTimeoutSeconds = idleTimeout;
        c.authTimeoutSeconds = authTimeout;
        c.authorizedKeys = authorizedKeys;
        c.passwordFile = passwordFile;
        c.fps = fps;
        c.frameBudgetMs = budget;
        c.practiceMillis = noWarmup ? 0 : PracticeRun.DEFAULT_MAX_MILLIS;
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("termcade");
        GameServer server = new GameServer(c, log::info);
        try {
            server.start();
        } catch (java.net.BindException e) {
            throw new Main.UserError("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
        }
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // shutting down
            }
            done.countDown();
        }));
        done.await();
        return Main.OK;
    }
}
