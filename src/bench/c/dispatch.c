// call_indirect-heavy dispatch: a table of function pointers called in a loop.
typedef unsigned (*op_fn)(unsigned, unsigned);
static unsigned add(unsigned a, unsigned b) { return a + b; }
static unsigned sub(unsigned a, unsigned b) { return a - b; }
static unsigned mul(unsigned a, unsigned b) { return a * (b | 1); }
static unsigned xor_(unsigned a, unsigned b) { return a ^ (b << 3); }
static unsigned rot(unsigned a, unsigned b) { return (a << (b & 31)) | (a >> ((32 - (b & 31)) & 31)); }
static unsigned mix(unsigned a, unsigned b) { return (a ^ 0x9E3779B9u) + b * 7; }
static unsigned half(unsigned a, unsigned b) { return (a >> 1) + (b & 0xFF); }
static unsigned neg(unsigned a, unsigned b) { return ~a + b; }
static volatile op_fn table[8] = {add, sub, mul, xor_, rot, mix, half, neg};
long long run(int n) {
    unsigned acc = 1;
    for (int i = 0; i < n; i++) acc = table[(acc ^ (unsigned)i) & 7](acc, (unsigned)i);
    return acc;
}
