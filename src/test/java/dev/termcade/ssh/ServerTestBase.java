package dev.termcade.ssh;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test that starts its own server ({@link SshFixture}) in a fresh directory; the server is stopped after it. */
abstract class ServerTestBase {
    @TempDir
    Path tmp;
    SshFixture ssh;

    @AfterEach
    void stopServer() throws Exception {
        if (ssh != null) ssh.close();
    }
}
