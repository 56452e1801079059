package dev.termcade.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** Answers requests the server does not serve (exec, shells without a terminal) with one line, then closes. */
final class RefusalCommand implements Command {
    private final String message;
    private OutputStream err;
    private ExitCallback exit;

    RefusalCommand(String message) { this.message = message; }

    @Override public void setInputStream(InputStream in) { }
    @Override public void setOutputStream(OutputStream out) { }
    @Override public void setErrorStream(OutputStream err) { this.err = err; }
    @Override public void setExitCallback(ExitCallback callback) { this.exit = callback; }

    @Override public void start(ChannelSession channel, Environment env) throws IOException {
        err.write((message + "\r\n").getBytes(StandardCharsets.UTF_8));
        err.flush();
        exit.onExit(1, message);
    }

    @Override public void destroy(ChannelSession channel) { }
}
