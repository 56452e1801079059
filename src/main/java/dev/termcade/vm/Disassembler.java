package dev.termcade.vm;

/** Prints register code, one instruction per line: {@code   12: i32_add r5, r2, r3}. */
final class Disassembler {
    private Disassembler() {}

    static String disassemble(CompiledFunction f) {
        StringBuilder sb = new StringBuilder();
        sb.append("func[").append(f.index).append("]");
        if (f.name != null) sb.append(' ').append(f.name);
        int locals = f.localTypes.length;
        sb.append(' ').append(f.type).append("  ; ").append(locals == 0 ? "no locals" : "locals r0..r" + (locals - 1))
                .append(", r").append(locals).append(" = 0");
        for (int k = 0; k < f.constants.length; k++) sb.append(", r").append(f.numLocals + k).append(" = ").append(f.constants[k]);
        sb.append(", frame ").append(f.frameSize).append(" slots\n");
        int pc = 0;
        int[] code = f.code;
        while (pc < code.length) {
            pc = instruction(code, pc, sb);
            // In a function with a loop the last word is the translator's OSR exit, which no branch reaches.
            if (pc == code.length && f.endsInOsrExit) sb.append("            ; after OSR");
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Appends the instruction at {@code pc}; returns the next pc. */
    static int instruction(int[] code, int pc, StringBuilder sb) {
        int op = code[pc];
        if (op < 0 || op >= Op.COUNT) {
            sb.append(String.format("%5d: <bad opcode %d>", pc, op));
            return code.length;
        }
        String shape = Op.SHAPES[op];
        sb.append(String.format(shape.isEmpty() ? "%5d: %s" : "%5d: %-16s", pc, Op.NAMES[op]));
        int p = pc + 1;
        for (int i = 0; i < shape.length(); i++) {
            sb.append(i == 0 ? " " : ", ");
            char c = shape.charAt(i);
            switch (c) {
                case 'd': case 's': sb.append('r').append(code[p++]); break;
                case 'i': sb.append(code[p++]); break;
                case 'L': {
                    long v = (code[p] & 0xFFFFFFFFL) | ((long) code[p + 1] << 32);
                    sb.append(v).append(" (0x").append(Long.toHexString(v)).append(')');
                    p += 2;
                    break;
                }
                case 't': sb.append("@").append(code[p++]); break;
                case 'f': sb.append("func[").append(code[p++]).append(']'); break;
                case 'g': sb.append("global[").append(code[p++]).append(']'); break;
                case 'T': sb.append("table[").append(code[p++]).append(']'); break;
                case 'y': sb.append("type[").append(code[p++]).append(']'); break;
                case 'o': sb.append("offset=").append(code[p++]); break;
                case 'e': sb.append("elem[").append(code[p++]).append(']'); break;
                case 'D': sb.append("data[").append(code[p++]).append(']'); break;
                case 'B': {
                    int n = code[p++];
                    sb.append('[');
                    for (int k = 0; k < n; k++) sb.append(k == 0 ? "@" : ", @").append(code[p++]);
                    sb.append("] default @").append(code[p++]);
                    break;
                }
                default: throw new IllegalStateException("bad shape " + shape);
            }
        }
        return p;
    }
}
