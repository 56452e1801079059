package dev.termcade.console.audio;

/**
 * WASM-4's sound chip: two pulse channels, a triangle and a noise channel, each with a pitch slide, an ADSR
 * envelope and a pan, mixed to 16-bit stereo at 44100 Hz. It behaves as WASM-4 2.7's runtime does (the
 * {@code tone} ABI, volume levels, wave shapes, noise generator, envelope timing).
 *
 * <p>Single-threaded: the game thread calls {@link #tone} from the cart's import and {@link #tick} after each
 * {@code update()}; rendering uses a buffer made once, so a frame allocates nothing.
 */
public final class Wasm4Apu implements AutoCloseable {
    /** Samples per game frame: 44100 / 60, exactly. */
    public static final int FRAMES_PER_TICK = AudioSink.SAMPLE_RATE / 60;

    private static final int CHANNEL_BITS = 0x3;

    private final AudioSink sink;
    private final ToneChannel[] channels = {
        new ToneChannel(Waveform.PULSE),
        new ToneChannel(Waveform.PULSE),
        new ToneChannel(Waveform.TRIANGLE),
        new ToneChannel(Waveform.NOISE),
    };
    private final short[] frame = new short[FRAMES_PER_TICK * 2];
    /** Samples rendered so far: always a whole number of ticks when the cart runs. */
    private long time;

    public Wasm4Apu(AudioSink sink) {
        this.sink = sink;
    }

    /**
     * The cart's {@code tone(frequency, duration, volume, flags)}, as WASM-4 defines it:
     * <ul>
     *   <li>frequency: start Hz in bits 0-15, slide end Hz in bits 16-31 (0 = no slide); in note mode each half is
     *       a MIDI note (low byte) plus a bend in 1/256 semitones (high byte);</li>
     *   <li>duration in frames: sustain bits 0-7, release 8-15, decay 16-23, attack 24-31;</li>
     *   <li>volume 0-100: sustain level bits 0-7, peak level bits 8-15 (0 = 100);</li>
     *   <li>flags: channel bits 0-1 (pulse 1, pulse 2, triangle, noise), pulse duty bits 2-3, pan bits 4-5
     *       (1 = left, 2 = right), note mode bit 6.</li>
     * </ul>
     * The tone starts with the next rendered frame and replaces whatever the channel was playing; while that was
     * still sounding, the oscillator keeps its phase (notes join without a click) but the envelope starts over.
     */
    public void tone(int frequency, int duration, int volume, int flags) {
        channels[flags & CHANNEL_BITS].start(frequency, duration, volume, flags, time);
    }

    /** One game frame has passed: advances the envelopes by a frame and renders its 1/60 s of sound to the sink. */
    public void tick() {
        for (int i = 0; i < frame.length; i += 2, time++) {
            int left = 0;
            int right = 0;
            for (ToneChannel channel : channels) {
                if (!channel.sounding(time)) continue;
                int sample = channel.nextSample(time);
                if (channel.pan().playsLeft()) left += sample;
                if (channel.pan().playsRight()) right += sample;
            }
            frame[i] = clampToShort(left);
            frame[i + 1] = clampToShort(right);
        }
        sink.write(frame, FRAMES_PER_TICK);
    }

    /** The channels' levels sum to at most 22937, so this only guards against a future louder mix. */
    private static short clampToShort(int sample) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
    }

    @Override
    public void close() {
        sink.close();
    }
}
