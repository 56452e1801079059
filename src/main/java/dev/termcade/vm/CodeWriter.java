package dev.termcade.vm;

import java.util.Arrays;

/**
 * The register code being written, and the last instruction whose destination later instructions may still
 * rewrite (a {@code local.set} retargets it, a {@code br_if} fuses with a compare, a load with an address add).
 */
final class CodeWriter {
    int[] code = new int[64];
    int length;
    /** Position of the last emitted instruction whose destination (word 1) may be retargeted, or -1. */
    int lastPos = -1;
    /** That instruction's destination slot. */
    int lastDst;
    /**
     * Position of the last instruction if it is a {@link Op#MOV} that a MOV appended right after it may join (as one
     * {@link Op#MOV2}, which moves in the same order), or -1: never across a {@link #seal}, so no label lies between.
     */
    private int joinableMov = -1;

    /** Appends an instruction; returns its position (a MOV joined to the one before it: the MOV2's). */
    int append(int op, int... operands) {
        int need = length + 1 + operands.length;
        if (need > code.length) code = Arrays.copyOf(code, Math.max(need, code.length * 2));
        lastPos = -1;
        if (op == Op.MOV && joinableMov >= 0) {
            int pos = joinableMov;
            code[pos] = Op.MOV2;
            code[length++] = operands[0];
            code[length++] = operands[1];
            joinableMov = -1;
            return pos;
        }
        int pos = length;
        code[length++] = op;
        for (int w : operands) code[length++] = w;
        joinableMov = op == Op.MOV ? pos : -1;
        return pos;
    }

    /** The instruction at {@code pos} wrote {@code dst} and nothing was emitted since: it may be rewritten. */
    void markResult(int pos, int dst) {
        lastPos = pos;
        lastDst = dst;
    }

    /** Whether the last instruction is rewritable and wrote {@code slot}. */
    boolean lastWrote(int slot) { return lastPos >= 0 && lastDst == slot; }

    /** The opcode of the rewritable last instruction (see {@link #lastWrote}). */
    int lastOp() { return code[lastPos]; }

    /** Word {@code 1 + i} of the rewritable last instruction: its operand {@code i}, counting the destination as 0. */
    int lastOperand(int i) { return code[lastPos + 1 + i]; }

    /** Makes the last instruction write {@code dst} instead (a {@code local.set} of its result). */
    void retargetLast(int dst) {
        code[lastPos + 1] = dst;
        lastPos = -1;
    }

    /** Removes the last instruction (its work is folded into the next). */
    void dropLast() {
        length = lastPos;
        lastPos = -1;
    }

    /**
     * Rewrites the last instruction, a compare (or eqz) into a slot only a branch reads, as {@code branchOp} on
     * the same operands jumping to {@code target}; returns the position of the target word, for patching.
     */
    int turnLastIntoBranch(int branchOp, int target) {
        int operands = Op.SHAPES[code[lastPos]].length() - 1;   // all but the destination
        code[lastPos] = branchOp;
        System.arraycopy(code, lastPos + 2, code, lastPos + 1, operands);
        code[lastPos + 1 + operands] = target;
        lastPos = -1;
        return length - 1;
    }

    /**
     * The last result may not be rewritten any more (a copy came between), though a MOV may still join a MOV before
     * it: no label lies between them.
     */
    void forgetResult() { lastPos = -1; }

    /** Nothing emitted so far may be rewritten any more (a label, a branch, or a copy came between). */
    void seal() {
        lastPos = -1;
        joinableMov = -1;
    }

    int[] toArray() { return Arrays.copyOf(code, length); }

    /** The words of the instruction at {@code pc}: its opcode and operands (see {@link Op#SHAPES}). */
    static int length(int[] code, int pc) {
        String shape = Op.SHAPES[code[pc]];
        int p = pc + 1;
        for (int i = 0; i < shape.length(); i++) p += operandWords(shape.charAt(i), code, p);
        return p - pc;
    }

    /**
     * The words of an operand of shape letter {@code c} starting at word {@code p}: two for a long immediate, a
     * br_table's count, its targets and its default, else one.
     */
    static int operandWords(char c, int[] code, int p) {
        return c == 'L' ? 2 : c == 'B' ? 2 + code[p] : 1;
    }
}
