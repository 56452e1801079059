package dev.termcade.fuzz;

import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Extern;
import dev.termcade.vm.FunctionType;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Instance;
import dev.termcade.vm.Machine;
import dev.termcade.vm.Trap;
import dev.termcade.vm.Value;
import dev.termcade.vm.ValueType;
import dev.termcade.vm.WasmFunction;
import dev.termcade.wasm.WasmException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Termcade half of the differential check (src/tools/differential.sh): runs binaryen's random modules and
 * prints a transcript in the same format as src/tools/diff_v8.js prints for V8.
 */
public final class DiffRunner {
    private DiffRunner() {}

    static String num(ValueType type, long bits) {
        switch (type) {
            case I32: return "i32 " + (int) bits;
            case I64: return "i64 " + bits;
            case F32: {
                float f = Float.intBitsToFloat((int) bits);
                return f != f ? "f nan" : "f " + Long.toHexString(Double.doubleToRawLongBits(f));
            }
            case F64: {
                double d = Double.longBitsToDouble(bits);
                return d != d ? "f nan" : "f " + Long.toHexString(Double.doubleToRawLongBits(d));
            }
            default: return "ref";
        }
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        for (String file : args) {
            out.println("module " + Path.of(file).getFileName());
            Imports im = new Imports();
            for (ValueType t : new ValueType[]{ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64}) {
                im.function("fuzzing-support", "log-" + t, FunctionType.of(t), f -> out.println("log " + num(t, f.raw(0))));
            }
            // A v128 cannot be passed to JavaScript: V8 throws a TypeError at the call, which diff_v8.js counts as a trap.
            im.function("fuzzing-support", "log-v128", FunctionType.of(ValueType.V128), f -> {
                throw new Trap(Trap.Kind.HOST_ERROR, "a v128 cannot be passed to JavaScript");
            });
            Machine machine = new Machine();
            Instance inst;
            try {
                inst = Instance.builder(CompiledModule.load(Files.readAllBytes(Path.of(file)))).withImports(im).withMachine(machine).build();
            } catch (WasmException | Trap e) {
                out.println("instantiate failed");
                continue;
            }
            for (Map.Entry<String, Extern> e : inst.exports().entrySet()) {
                if (!(e.getValue() instanceof WasmFunction)) continue;
                WasmFunction f = (WasmFunction) e.getValue();
                if (f.type().paramCount() != 0) continue;
                // As in diff_v8.js: JavaScript can only receive numbers (no references, no v128).
                boolean numbers = true;
                for (ValueType r : f.type().results()) numbers &= r.isNumber();
                if (!numbers) continue;
                out.println("call " + e.getKey());
                try {
                    Value[] res = machine.call(f);
                    for (Value v : res) out.println("result " + num(v.type(), v.bits()));
                } catch (Trap t) {
                    out.println("trap");
                }
            }
        }
    }
}
