package dev.termcade.vm;

import dev.termcade.wasm.FuncType;

/** A function body translated to register code (see {@link Op}). Immutable; shared by every instance. */
public final class CompiledFunction {
    final int index;
    final String name;
    final FuncType type;
    final int[] code;
    final int numParams;
    final int numLocals;
    final int frameSize;
    final boolean hasRefLocals;
    final byte[] localTypes;

    CompiledFunction(int index, String name, FuncType type, int[] code, byte[] localTypes, int frameSize) {
        this.index = index;
        this.name = name;
        this.type = type;
        this.code = code;
        this.numParams = type.paramCount();
        // Slots zeroed at entry: the locals and the zero slot after them.
        this.numLocals = localTypes.length + 1;
        this.frameSize = frameSize;
        this.localTypes = localTypes;
        boolean refs = false;
        for (int i = numParams; i < localTypes.length; i++) refs |= dev.termcade.wasm.ValType.isRef(localTypes[i]);
        this.hasRefLocals = refs;
    }

    public int index() { return index; }
    public String name() { return name; }
    public FuncType type() { return type; }
    public int codeLength() { return code.length; }
    public int frameSize() { return frameSize; }

    /** The register code, one instruction per line. */
    public String disassemble() { return Disassembler.disassemble(this); }
}
