package dev.termcade.vm;

import dev.termcade.wasm.SafeText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A WebAssembly trap: the kind, a message, and the wasm backtrace (innermost frame first). */
public final class Trap extends RuntimeException {
    public enum Kind {
        UNREACHABLE("unreachable"),
        INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
        INTEGER_OVERFLOW("integer overflow"),
        INVALID_CONVERSION("invalid conversion to integer"),
        MEMORY_OUT_OF_BOUNDS("out of bounds memory access"),
        TABLE_OUT_OF_BOUNDS("out of bounds table access"),
        INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
        UNINITIALIZED_ELEMENT("uninitialized element"),
        UNDEFINED_ELEMENT("undefined element"),
        CALL_STACK_EXHAUSTED("call stack exhausted"),
        INTERRUPTED("interrupted"),
        OUT_OF_FUEL("out of fuel: the instruction limit was reached"),
        HOST_ERROR("host function failed");

        private final String message;

        Kind(String message) { this.message = message; }

        public String message() { return message; }
    }

    private static final int MAX_DISTINCT_FRAMES = 64;

    private final Kind kind;
    private final List<String> backtrace = new ArrayList<>();
    private final List<Integer> repeats = new ArrayList<>();
    private int omitted;

    public Trap(Kind kind) { this(kind, kind.message()); }

    public Trap(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Trap(Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    public Kind kind() { return kind; }

    /** Distinct consecutive frames like {@code func[12] update}, innermost first (recursion is folded). */
    public List<String> backtrace() { return Collections.unmodifiableList(backtrace); }

    void addFrame(String frame) {
        int last = backtrace.size() - 1;
        if (last >= 0 && backtrace.get(last).equals(frame)) {
            repeats.set(last, repeats.get(last) + 1);
        } else if (backtrace.size() < MAX_DISTINCT_FRAMES) {
            backtrace.add(frame);
            repeats.add(1);
        } else {
            omitted++;
        }
    }

    /** The message (made one safe line) followed by one indented line per frame, outermost last. */
    public String describe() {
        StringBuilder sb = new StringBuilder("trap: ").append(SafeText.line(getMessage()));
        for (int i = 0; i < backtrace.size(); i++) {
            sb.append("\n  ").append(i).append(": ").append(backtrace.get(i));
            if (repeats.get(i) > 1) sb.append("  (x").append(repeats.get(i)).append(" recursive calls)");
        }
        if (omitted > 0) sb.append("\n  ... ").append(omitted).append(" more frames");
        return sb.toString();
    }
}
