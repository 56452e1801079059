package dev.termcade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** serve's options and files are checked before anything listens: one line, the right exit code. */
class ServeCommandTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "--idle-timeout, -1, --idle-timeout must be 0 (never) or more seconds",
        "--auth-timeout, 0, --auth-timeout must be at least 1 second",
        "--max-sessions, 0, --max-sessions must be at least 1",
        "--max-per-address, -5, --max-per-address must be at least 1",
        "--fps, 0, --fps must be 1..240",
        "--budget, -10, '--budget must be at least 1 ms, got -10'",
        "--port, 70000, --port must be 0..65535",
    })
    void aNegativeOrOutOfRangeNumberIsAUsageError(String option, String value, String message) {
        RobustnessTest.Result r = RobustnessTest.cli("serve", option, value, "--host-key", tmp.resolve("k").toString());
        assertEquals(Main.USAGE, r.code(), r.all());
        assertEquals("error: " + message, r.err().strip());
        RobustnessTest.assertClean(r);
    }

    @Test
    void aHostKeyPathThatIsNotAKeyIsRefusedAndLeftAlone() throws Exception {
        Path notes = tmp.resolve("p.txt");
        Files.writeString(notes, "notes\n");
        RobustnessTest.Result r = RobustnessTest.cli("serve", "--port", "0", "--host-key", notes.toString());
        assertEquals(Main.FAILED, r.code(), r.all());
        assertTrue(r.err().strip().startsWith("error: " + notes + ": not a host key"), r.err());
        assertEquals("notes\n", Files.readString(notes));
        RobustnessTest.assertClean(r);
    }

    @Test
    void aPasswordFileReadableByOthersIsRefused() throws Exception {
        Path pw = tmp.resolve("pw");
        Files.writeString(pw, "secret\n");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-rw-r--"));
        RobustnessTest.Result r = RobustnessTest.cli("serve", "--port", "0", "--host-key", tmp.resolve("k").toString(), "--password-file", pw.toString());
        assertEquals(Main.FAILED, r.code(), r.all());
        assertEquals("error: " + pw + ": the password file is readable by group or others (rw-rw-r--); make it private first: chmod 600 " + pw, r.err().strip());
        RobustnessTest.assertClean(r);
    }
}
