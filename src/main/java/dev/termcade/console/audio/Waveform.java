package dev.termcade.console.audio;

/** What each of WASM-4's four channels plays, and how loud it may get. */
enum Waveform {
    PULSE(0x1333),
    /** WASM-4 gives the triangle more amplitude because it sounds quieter than the others at the same level. */
    TRIANGLE(0x2000),
    NOISE(0x1333);

    /** Amplitude at volume 100 in 16-bit sample units: about 15 % of full scale (25 % for the triangle). */
    final int maxVolume;

    Waveform(int maxVolume) {
        this.maxVolume = maxVolume;
    }

    /** Channels 0 and 1 are pulses, 2 the triangle, 3 the noise. */
    static Waveform ofChannel(int channel) {
        return switch (channel) {
            case 0, 1 -> PULSE;
            case 2 -> TRIANGLE;
            default -> NOISE;
        };
    }
}
