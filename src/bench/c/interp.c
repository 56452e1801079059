// A switch-heavy bytecode interpreter (br_table): a small stack machine running a counting loop.
enum { PUSH, LOAD, STORE, ADD, SUB, MUL, AND, XOR, JNZ, JMP, DUP, DROP, HALT };
static const int prog[] = {
    PUSH, 0, STORE, 0,          // acc = 0
    LOAD, 1, STORE, 2,          // i = n
    LOAD, 0, LOAD, 2, ADD, PUSH, 40503, MUL, PUSH, 0x7fffffff, AND, STORE, 0,   // acc = ((acc + i) * K) & mask
    LOAD, 0, LOAD, 2, XOR, STORE, 0,  // acc ^= i
    LOAD, 2, PUSH, 1, SUB, DUP, STORE, 2, // i -= 1
    JNZ, 8,
    LOAD, 0, HALT};
static int vars[4];
static int stack[64];
long long run(int n) {
    vars[1] = n;
    int sp = 0, pc = 0;
    for (;;) {
        int op = prog[pc++];
        switch (op) {
            case PUSH: stack[sp++] = prog[pc++]; break;
            case LOAD: stack[sp++] = vars[prog[pc++]]; break;
            case STORE: vars[prog[pc++]] = stack[--sp]; break;
            case ADD: sp--; stack[sp - 1] += stack[sp]; break;
            case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
            case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
            case AND: sp--; stack[sp - 1] &= stack[sp]; break;
            case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
            case JNZ: { int t = prog[pc++]; if (stack[--sp]) pc = t; break; }
            case JMP: pc = prog[pc]; break;
            case DUP: stack[sp] = stack[sp - 1]; sp++; break;
            case DROP: sp--; break;
            case HALT: return stack[--sp];
            default: return -1;
        }
    }
}
