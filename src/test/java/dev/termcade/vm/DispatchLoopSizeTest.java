package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/** HotSpot never compiles a method over 8000 bytes of bytecode (HugeMethodLimit): the loop must stay under it. */
class DispatchLoopSizeTest {
    static int bytecodeSize(Class<?> c, String method) {
        StringWriter out = new StringWriter();
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        javap.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-c", "-p", "-cp",
                c.getProtectionDomain().getCodeSource().getLocation().getPath(), c.getName());
        int last = -1;
        boolean in = false;
        for (String line : out.toString().split("\n")) {
            if (line.startsWith("  ") && !line.startsWith("   ") && line.contains("(")) in = line.contains(" " + method + "(");
            else if (in) {
                String t = line.strip();
                int colon = t.indexOf(':');
                if (colon > 0 && t.substring(0, colon).chars().allMatch(Character::isDigit)) last = Integer.parseInt(t.substring(0, colon));
            }
        }
        return last;
    }

    @Test
    void interpreterLoopIsSmallEnoughToBeJitCompiled() {
        int size = bytecodeSize(Interpreter.class, "loop");
        assertTrue(size > 1000 && size < 7900, "Interpreter.loop is " + size + " bytes of bytecode");
    }

}
