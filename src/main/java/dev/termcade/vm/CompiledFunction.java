package dev.termcade.vm;

import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.Module;

/**
 * A function body translated to register code (see {@link Op}). Shared by every instance; its only state is the
 * metered code, translated the first time a metering machine calls it.
 */
final class CompiledFunction {
    private final Module module;
    final int index;
    final String name;
    final FuncType type;
    final int[] code;
    final int numParams;
    final int numLocals;
    final int frameSize;
    final boolean hasRefLocals;
    final byte[] localTypes;
    /** {@link #code} with a {@link Op#FUEL} starting every basic block; null until first needed. */
    private volatile int[] meteredCode;

    CompiledFunction(Module module, int index, String name, FuncType type, int[] code, byte[] localTypes, int frameSize) {
        this.module = module;
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

    /**
     * The code a machine that spends fuel or counts instructions runs: the same translation plus one
     * {@link Op#FUEL} per basic block, so code that is never metered pays nothing. Translated once, on first use
     * (two threads racing here translate twice and keep either: the results are equal).
     */
    int[] meteredCode() {
        int[] metered = meteredCode;
        if (metered == null) meteredCode = metered = Translator.translateMetered(module, index);
        return metered;
    }
}
