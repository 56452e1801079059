package dev.termcade.console.audio;

/**
 * One of WASM-4's four sound channels: the tone it was last given (pitch, slide, ADSR envelope, duty, pan) and
 * its oscillator. Times are in samples since the APU started.
 *
 * <p>WASM-4 2.7 also counts game ticks and ends a sustain on the tick rather than on the sample clock, because its
 * audio runs on the sound card's clock and drifts from the game's. Here every tick renders exactly 735 samples,
 * so both clocks agree at every tick and the sample clock alone gives the same envelope: a tone renewed every
 * frame still plays without gaps.
 */
final class ToneChannel {
    /** The triangle gets this much release (1 ms) when a tone asks for none, so hard stops do not pop. */
    private static final int TRIANGLE_MIN_RELEASE = AudioSink.SAMPLE_RATE / 1000;
    /** The noise generator steps {@code hz² / NOISE_STEP_DIVISOR} times per sample. */
    private static final double NOISE_STEP_DIVISOR = 1_000_000.0;
    private static final int MAX_VOLUME_PERCENT = 100;
    private static final int NOTE_MODE_FLAG = 0x40;

    /**
     * WASM-4's noise is bit 0 of a 16-bit xorshift register (shifts 7 right, 9 left, 13 right) seeded with 1, stepped
     * {@code hz² / 1e6} times a sample. The register runs through all 65535 non-zero states before repeating, so
     * its output is kept here as one bit per step of that cycle: a shrill setting (note mode reaches MHz) then
     * costs one lookup per sample where stepping the register would take millions.
     */
    private static final int NOISE_PERIOD = 65_535;
    private static final long[] NOISE_BITS = noiseCycle();

    private static long[] noiseCycle() {
        long[] bits = new long[(NOISE_PERIOD + 63) / 64];
        int register = 1;
        for (int step = 0; step < NOISE_PERIOD; step++) {
            if ((register & 1) != 0) bits[step >>> 6] |= 1L << step;
            register ^= register >>> 7;
            register ^= (register << 9) & 0xffff;
            register ^= register >>> 13;
        }
        return bits;
    }

    private final Waveform waveform;

    // The tone: all zero until the first one, as in the reference.
    private double startHz;
    /** Zero when the pitch does not slide. */
    private double endHz;
    private int peakVolume;
    private int sustainVolume;
    private DutyCycle duty = DutyCycle.ONE_EIGHTH;
    private Pan pan = Pan.CENTER;

    private long startTime;
    private long attackEnd;
    private long decayEnd;
    private long sustainEnd;
    /** The end of the tone, and of its slide. */
    private long releaseEnd;

    /** Position in the waveform's period, 0 to 1; for noise, the steps still owed to the generator. */
    private double phase;
    /** Steps the noise generator has taken (modulo its period); it keeps running from tone to tone. */
    private int noisePosition;
    /** The generator's last output bit as -1 or +1 (0 before its first step). */
    private int noiseSign;

    ToneChannel(Waveform waveform) {
        this.waveform = waveform;
    }

    /** Starts {@code tone(frequency, duration, volume, flags)} on this channel now. */
    void start(int frequency, int duration, int volume, int flags, long time) {
        int startPitch = frequency & 0xffff;
        int endPitch = frequency >>> 16;
        int sustain = duration & 0xff;
        int release = (duration >>> 8) & 0xff;
        int decay = (duration >>> 16) & 0xff;
        int attack = duration >>> 24;
        int sustainPercent = Math.min(volume & 0xff, MAX_VOLUME_PERCENT);
        int peakPercent = Math.min((volume >>> 8) & 0xff, MAX_VOLUME_PERCENT);

        // A tone on a channel that is still playing keeps the oscillator's phase, so notes join without a click.
        // (At sample 0 nothing has ended yet, so, as in the reference, a triangle's very first tone starts at 0.)
        if (time > releaseEnd) phase = waveform == Waveform.TRIANGLE ? 0.25 : 0;

        if ((flags & NOTE_MODE_FLAG) != 0) {
            startHz = midiNoteHz(startPitch);
            endHz = endPitch == 0 ? 0 : midiNoteHz(endPitch);
        } else {
            startHz = startPitch;
            endHz = endPitch;
        }
        startTime = time;
        attackEnd = startTime + samplesFor(attack);
        decayEnd = attackEnd + samplesFor(decay);
        sustainEnd = decayEnd + samplesFor(sustain);
        releaseEnd = sustainEnd + samplesFor(release);
        if (waveform == Waveform.TRIANGLE && release == 0) releaseEnd += TRIANGLE_MIN_RELEASE;

        // Integer arithmetic as in the reference: 50 % of 0x1333 is 2457, not 2457.5.
        sustainVolume = waveform.maxVolume * sustainPercent / MAX_VOLUME_PERCENT;
        peakVolume = peakPercent == 0 ? waveform.maxVolume : waveform.maxVolume * peakPercent / MAX_VOLUME_PERCENT;
        if (waveform == Waveform.PULSE) duty = DutyCycle.ofMode((flags >>> 2) & 3);
        pan = Pan.ofBits((flags >>> 4) & 3);
    }

    private static long samplesFor(int frames) {
        return (long) AudioSink.SAMPLE_RATE * frames / 60;
    }

    /** Note mode: the low byte is a MIDI note (69 = A4 = 440 Hz), the high byte a bend up in 1/256 semitones. */
    static double midiNoteHz(int pitch) {
        int note = pitch & 0xff;
        int bend = pitch >>> 8;
        return 440.0 * Math.pow(2.0, (note - 69 + bend / 256.0) / 12.0);
    }

    boolean sounding(long time) {
        return time < releaseEnd;
    }

    Pan pan() {
        return pan;
    }

    /** The next sample of this channel, in 16-bit units; advances the oscillator by one sample. */
    int nextSample(long time) {
        double hz = endHz > 0 ? ramp(startHz, endHz, startTime, releaseEnd, time) : startHz;
        int volume = volume(time);
        return switch (waveform) {
            case NOISE -> volume * nextNoiseSign(hz);
            case TRIANGLE -> {
                advancePhase(hz);
                yield (int) (volume * (2 * Math.abs(2 * phase - 1) - 1));
            }
            case PULSE -> {
                double step = advancePhase(hz);
                double high = duty.highFraction;
                yield phase < high
                        ? (int) (volume * edgeRounding(phase / high, step / high))
                        : (int) (-volume * edgeRounding((phase - high) / (1 - high), step / (1 - high)));
            }
        };
    }

    private int volume(long time) {
        if (time >= sustainEnd) return (int) ramp(sustainVolume, 0, sustainEnd, releaseEnd, time);
        if (time >= decayEnd) return sustainVolume;
        if (time >= attackEnd) return (int) ramp(peakVolume, sustainVolume, attackEnd, decayEnd, time);
        return (int) ramp(0, peakVolume, startTime, attackEnd, time);
    }

    /** Linear from {@code from} at {@code t0} to {@code to} at {@code t1}, then {@code to}. */
    private static double ramp(double from, double to, long t0, long t1, long time) {
        if (time >= t1) return to;
        return from + (to - from) * (time - t0) / (t1 - t0);
    }

    /** Moves the phase one sample on (wrapping once, as the reference does) and returns the step. */
    private double advancePhase(double hz) {
        double step = hz / AudioSink.SAMPLE_RATE;
        phase += step;
        if (phase >= 1) phase -= 1;
        return step;
    }

    /**
     * The height (0 to 1) of one half of the pulse at position {@code x} (0 to 1) through that half, moving {@code dx}
     * per sample: 1, except within one sample of either edge, where a quadratic (the PolyBLEP residual) rounds
     * the jump off so that harmonics above the sample rate do not fold back as audible aliasing.
     */
    private static double edgeRounding(double x, double dx) {
        if (x < dx) {
            double t = x / dx;
            return t * (2 - t);
        }
        if (x > 1 - dx) {
            double t = (1 - x) / dx;
            return t * t;
        }
        return 1;
    }

    private int nextNoiseSign(double hz) {
        phase += hz * hz / NOISE_STEP_DIVISOR;
        if (phase > 0) { // the reference steps once per whole unit of phase until it is no longer positive
            double steps = Math.ceil(phase);
            phase -= steps;
            noisePosition = (int) ((noisePosition + (long) (steps % NOISE_PERIOD)) % NOISE_PERIOD);
            // Position p holds the state before step p + 1, so the state after the steps is at noisePosition.
            noiseSign = (NOISE_BITS[noisePosition >>> 6] >>> noisePosition & 1) == 0 ? -1 : 1;
        }
        return noiseSign;
    }
}
