package dev.termcade.console.audio;

/** The share of a pulse wave's period spent high, chosen by the mode bits (2-3) of {@code tone}'s flags. */
enum DutyCycle {
    ONE_EIGHTH(0.125),
    ONE_QUARTER(0.25),
    HALF(0.5);

    final double highFraction;

    DutyCycle(double highFraction) {
        this.highFraction = highFraction;
    }

    /**
     * WASM-4's docs list mode 3 as 75 %, but its runtimes (web and native, release 2.7) play mode 3 as 25 %; a 75 %
     * pulse only inverts a 25 % one, which sounds the same. We do what the runtimes do.
     */
    static DutyCycle ofMode(int mode) {
        return switch (mode) {
            case 0 -> ONE_EIGHTH;
            case 2 -> HALF;
            default -> ONE_QUARTER;
        };
    }
}
