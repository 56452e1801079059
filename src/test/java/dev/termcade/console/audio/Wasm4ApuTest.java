package dev.termcade.console.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every expected value here comes from WASM-4's documented {@code tone} semantics and its runtime's constants
 * (0x1333 = 4915 at volume 100, 0x2000 = 8192 for the triangle, 44100 Hz, 735 samples per frame), worked out by
 * hand in the comments, never read back from the renderer.
 */
class Wasm4ApuTest {
    // The flags, bit by bit as the ABI documents them.
    private static final int PULSE1 = 0, PULSE2 = 1, TRIANGLE = 2, NOISE = 3;
    private static final int MODE_12_5 = 0 << 2, MODE_25 = 1 << 2, MODE_50 = 2 << 2, MODE_3 = 3 << 2;
    private static final int PAN_LEFT = 1 << 4, PAN_RIGHT = 2 << 4, PAN_BOTH_BITS = 3 << 4;
    private static final int NOTE_MODE = 0x40;

    private static final int MAX = 0x1333; // 4915
    private static final int TRIANGLE_MAX = 0x2000; // 8192
    private static final int TICK = 735; // 44100 / 60
    private static final int SECOND = 44_100;

    private static int duration(int attack, int decay, int sustain, int release) {
        return attack << 24 | decay << 16 | release << 8 | sustain;
    }

    private final CapturingSink sink = new CapturingSink();
    private final Wasm4Apu apu = new Wasm4Apu(sink);

    private void ticks(int n) {
        for (int i = 0; i < n; i++) apu.tick();
    }

    /** Upward crossings: a sample below zero followed by one at or above it. */
    private static int risingCrossings(short[] s, int from, int to) {
        int count = 0;
        for (int i = Math.max(from, 1); i < to; i++) if (s[i - 1] < 0 && s[i] >= 0) count++;
        return count;
    }

    private static int signChanges(short[] s, int from, int to) {
        int count = 0;
        for (int i = from + 1; i < to; i++) if ((s[i - 1] < 0) != (s[i] < 0)) count++;
        return count;
    }

    private static double positiveShare(short[] s, int from, int to) {
        int positive = 0;
        for (int i = from; i < to; i++) if (s[i] > 0) positive++;
        return (double) positive / (to - from);
    }

    private static int maxAbs(short[] s, int from, int to) {
        int max = 0;
        for (int i = from; i < to; i++) max = Math.max(max, Math.abs(s[i]));
        return max;
    }

    @Test
    void pulseAt440HzRises440TimesASecondAtFullVolume() {
        apu.tone(440, 60, 100, PULSE1 | MODE_50);
        ticks(60);
        short[] left = sink.left();
        assertEquals(SECOND, left.length);
        // 440 periods in the second; the first starts high at sample 0 and is not counted as a crossing.
        int rises = risingCrossings(left, 0, SECOND);
        assertTrue(rises == 439 || rises == 440, "rises " + rises);
        // Away from the edges the pulse sits at +-4915 (volume 100 = 0x1333).
        assertEquals(MAX, Arrays.stream(toInts(left)).max().orElseThrow());
        assertEquals(-MAX, Arrays.stream(toInts(left)).min().orElseThrow());
    }

    @Test
    void triangleAt440HzRises440TimesASecondWithItsLargerAmplitude() {
        apu.tone(440, 60, 100, TRIANGLE);
        ticks(60);
        short[] left = sink.left();
        int rises = risingCrossings(left, 0, SECOND);
        assertTrue(rises >= 439 && rises <= 441, "rises " + rises);
        // 440 Hz moves the phase ~1 % per sample: the corners come within 4 % of 8192.
        int peak = maxAbs(left, 0, SECOND);
        assertTrue(peak <= TRIANGLE_MAX && peak > TRIANGLE_MAX * 0.96, "peak " + peak);
        // A triangle has no flat tops: about 1 % of its samples lie in any 2 %-of-amplitude band.
        int nearTop = 0;
        for (short s : left) if (s > TRIANGLE_MAX * 0.98) nearTop++;
        assertTrue(nearTop < SECOND * 0.02, "samples near the top " + nearTop);
    }

    @Test
    void dutyModesSetTheHighShareOfThePulse() {
        // Mode 3 is documented as 75 % but the runtime plays it as 25 % (it falls through to the 25 % case).
        int[] modes = {MODE_12_5, MODE_25, MODE_50, MODE_3};
        double[] expected = {0.125, 0.25, 0.5, 0.25};
        for (int i = 0; i < modes.length; i++) {
            // 441 Hz: exactly 100 samples per period
            double share = positiveShare(render(441, PULSE2 | modes[i]), 0, SECOND);
            assertEquals(expected[i], share, 0.015, "mode " + (modes[i] >> 2));
        }
    }

    @Test
    void sustainVolumeIsAPercentOfTheChannelMaximumAndCapsAt100() {
        apu.tone(441, 30, 50, PULSE1 | MODE_50); // 4915 * 50 / 100 = 2457 (integer division)
        ticks(30);
        assertEquals(2457, maxAbs(sink.left(), 0, 30 * TICK));

        CapturingSink loud = new CapturingSink();
        Wasm4Apu a = new Wasm4Apu(loud);
        a.tone(441, 30, 250, PULSE1 | MODE_50); // 250 is capped at 100
        for (int t = 0; t < 30; t++) a.tick();
        assertEquals(MAX, maxAbs(loud.left(), 0, 30 * TICK));
    }

    /**
     * The noise channel at "1000 Hz" steps its generator once per sample (1000² / 1e6) and outputs exactly
     * +-volume, so |sample| is the envelope itself.
     */
    @Test
    void adsrStagesHaveTheirLengthsAndLevels() {
        apu.tone(1000, duration(10, 10, 10, 10), 50 | 100 << 8, NOISE);
        ticks(45);
        short[] s = sink.left();
        // Attack: 0 -> 4915 over 10 frames = 7350 samples.
        assertEquals(0, Math.abs(s[0]));
        assertEquals(2457, Math.abs(s[3675])); // 4915 * 0.5 = 2457.5, truncated
        // Decay: 4915 -> 2457 over samples 7350..14700.
        assertEquals(MAX, Math.abs(s[7350]));
        assertEquals(3686, Math.abs(s[11025])); // 4915 - 2458 * 0.5 = 3686
        // Sustain: 2457 for samples 14700..22050.
        for (int i = 14_700; i < 22_050; i++) assertEquals(2457, Math.abs(s[i]), "sample " + i);
        // Release: 2457 -> 0 over samples 22050..29400.
        assertEquals(1228, Math.abs(s[25_725])); // 2457 * 0.5 = 1228.5, truncated
        assertTrue(Math.abs(s[29_399]) <= 1);
        // Then silence.
        for (int i = 29_400; i < s.length; i++) assertEquals(0, s[i], "sample " + i);
    }

    @Test
    void peakVolumeZeroMeans100() {
        apu.tone(1000, duration(0, 4, 0, 0), 20, NOISE); // decay from the peak (100 -> 4915) to 20 % (983)
        ticks(4);
        short[] s = sink.left();
        assertEquals(MAX, Math.abs(s[0]));
        assertEquals((MAX + 983) / 2, Math.abs(s[2 * TICK]), 1); // halfway down: 2949
    }

    @Test
    void aOneFrameToneLastsExactly735Samples() {
        apu.tone(1000, 1, 100, NOISE);
        ticks(3);
        short[] s = sink.left();
        for (int i = 0; i < TICK; i++) assertEquals(MAX, Math.abs(s[i]), "sample " + i);
        for (int i = TICK; i < 3 * TICK; i++) assertEquals(0, s[i], "sample " + i);
    }

    @Test
    void noiseFollowsThe16BitXorshiftFromSeed1() {
        // seed 1 -> 513 (odd), 2053 (odd), 8724 (even), 33364 (even), 9041 (odd): shifts 7 right, 9 left, 13 right
        // on a 16-bit register, worked through by hand; bit 0 gives the sign.
        apu.tone(1000, 1, 100, NOISE);
        ticks(1);
        short[] s = sink.left();
        assertArrayEquals(new short[] {MAX, MAX, -MAX, -MAX, MAX}, Arrays.copyOf(s, 5));
    }

    @Test
    void noisePitchSetsHowOftenItChangesAndItIsNotPeriodicLikeAPulse() {
        apu.tone(1000, 60, 100, NOISE); // one random bit per sample: about every second sample changes sign
        ticks(60);
        int changes = signChanges(sink.left(), 0, SECOND);
        assertEquals(SECOND / 2, changes, SECOND * 0.03);

        // 500² / 1e6 = 0.25 bits per sample: about 44100 / 8 changes
        assertEquals(SECOND / 8, signChanges(render(500, NOISE), 0, SECOND), SECOND / 8 * 0.1);

        // A 441 Hz pulse repeats every 100 samples; noise at the same setting does not.
        assertTrue(correlation(render(441, PULSE1 | MODE_50), 100) > 0.95, "the pulse repeats every 100 samples");
        double noiseAt100 = correlation(render(441, NOISE), 100);
        assertTrue(Math.abs(noiseAt100) < 0.1, "noise correlation at lag 100: " + noiseAt100);
    }

    /** One second of a steady full-volume tone on a fresh APU. */
    private static short[] render(int frequency, int flags) {
        CapturingSink s = new CapturingSink();
        Wasm4Apu a = new Wasm4Apu(s);
        a.tone(frequency, 60, 100, flags);
        for (int t = 0; t < 60; t++) a.tick();
        return s.left();
    }

    private static double correlation(short[] s, int lag) {
        double sum = 0, energy = 0;
        for (int i = 0; i + lag < s.length; i++) {
            sum += (double) s[i] * s[i + lag];
            energy += (double) s[i] * s[i];
        }
        return sum / energy;
    }

    @Test
    void aSlideRampsTheFrequencyLinearlyOverTheWholeTone() {
        apu.tone(220 | 880 << 16, 60, 100, PULSE1 | MODE_50);
        ticks(60);
        short[] s = sink.left();
        // f(t) = 220 + 660 t over one second: periods in the first half = 220 * 0.5 + 660 * 0.5² / 2 = 192.5,
        // in the second half 550 - 192.5 = 357.5.
        assertEquals(192.5, risingCrossings(s, 0, SECOND / 2), 1.5);
        assertEquals(357.5, risingCrossings(s, SECOND / 2, SECOND), 1.5);
    }

    @Test
    void panPlaysOnOneSideOnlyAndBothBitsMeanCenter() {
        apu.tone(441, 1, 100, PULSE1 | MODE_50 | PAN_LEFT);
        apu.tick();
        assertEquals(MAX, maxAbs(sink.left(), 0, TICK));
        assertEquals(0, maxAbs(sink.right(), 0, TICK));

        apu.tone(441, 1, 100, PULSE1 | MODE_50 | PAN_RIGHT);
        apu.tick();
        assertEquals(0, maxAbs(sink.left(), TICK, 2 * TICK));
        assertEquals(MAX, maxAbs(sink.right(), TICK, 2 * TICK));

        apu.tone(441, 1, 100, PULSE1 | MODE_50 | PAN_BOTH_BITS);
        apu.tick();
        short[] left = Arrays.copyOfRange(sink.left(), 2 * TICK, 3 * TICK);
        assertEquals(MAX, maxAbs(left, 0, TICK));
        assertArrayEquals(left, Arrays.copyOfRange(sink.right(), 2 * TICK, 3 * TICK));
    }

    @Test
    void noteModeTakesMidiNotesBentIn256thsOfASemitone() {
        apu.tone(69, 60, 100, PULSE1 | MODE_50 | NOTE_MODE); // A4 = 440 Hz
        ticks(60);
        int rises = risingCrossings(sink.left(), 0, SECOND);
        assertTrue(rises == 439 || rises == 440, "A4 rises " + rises);

        // Middle C (note 60, 261.626 Hz) bent up half a semitone (128/256): 261.626 * 2^(1/24) = 269.29 Hz.
        assertEquals(269, risingCrossings(render(60 | 128 << 8, TRIANGLE | NOTE_MODE), 0, SECOND), 1);

        // A slide from note 57 (220 Hz) to 81 (880 Hz) is linear in Hz, as in Hz mode: 550 periods in the second.
        assertEquals(550, risingCrossings(render(57 | 81 << 16, PULSE1 | MODE_50 | NOTE_MODE), 0, SECOND), 1.5);
    }

    @Test
    void channelsAddUp() {
        apu.tone(441, 1, 100, PULSE1 | MODE_50);
        apu.tone(441, 1, 100, PULSE2 | MODE_50);
        apu.tick();
        // Same pitch, same starting phase: the two pulses add to twice 4915.
        assertEquals(2 * MAX, maxAbs(sink.left(), 0, TICK));
    }

    @Test
    void aNewToneOnAPlayingChannelKeepsItsPhaseAndRestartsTheEnvelope() {
        CapturingSink once = new CapturingSink();
        Wasm4Apu continuous = new Wasm4Apu(once);
        continuous.tone(441, 20, 100, PULSE1 | MODE_25);
        for (int t = 0; t < 20; t++) continuous.tick();

        apu.tone(441, 20, 100, PULSE1 | MODE_25);
        ticks(10);
        apu.tone(441, 10, 100, PULSE1 | MODE_25); // same sound, restarted mid-period
        ticks(10);
        assertArrayEquals(once.left(), sink.left(), "no phase jump at the restart");

        // With an attack, the restarted tone ramps from zero again.
        apu.tone(441, duration(10, 0, 10, 0), 100, PULSE1 | MODE_25);
        ticks(1);
        int start = 20 * TICK;
        assertTrue(maxAbs(sink.left(), start, start + 73) <= MAX / 100 + 1, "first 1 % of the attack");
    }

    @Test
    void aToneRenewedEveryFrameHasNoGaps() {
        for (int t = 0; t < 10; t++) {
            apu.tone(1000, 1, 100, NOISE);
            apu.tick();
        }
        short[] s = sink.left();
        for (int i = 0; i < 10 * TICK; i++) assertEquals(MAX, Math.abs(s[i]), "sample " + i);
    }

    @Test
    void theTriangleGetsA1MsReleaseAndRestartsAtAZeroCrossingAfterSilence() {
        apu.tone(441, 1, 100, TRIANGLE);
        ticks(5);
        short[] s = sink.left();
        // Release 0 becomes 44 samples (44100 / 1000) of fade: halfway through, at most half the amplitude.
        assertTrue(Math.abs(s[TICK + 22]) <= TRIANGLE_MAX / 2, "mid-fade " + s[TICK + 22]);
        assertTrue(maxAbs(s, TICK, TICK + 44) > 0, "fading, not cut");
        assertEquals(0, maxAbs(s, TICK + 44, 5 * TICK));

        // Restarted from silence the phase is a quarter period in, where the triangle crosses zero going down:
        // the first sample is at phase 0.26, 8192 * (2 * |2 * 0.26 - 1| - 1) = -327.68, truncated to -327.
        apu.tone(441, 1, 100, TRIANGLE);
        apu.tick();
        assertEquals(-327, sink.left()[5 * TICK]);
    }

    @Test
    void silentBeforeAnyToneAndAfterClosingTheSinkIsClosed() {
        ticks(2);
        assertEquals(2 * TICK, sink.frames());
        assertEquals(0, maxAbs(sink.left(), 0, 2 * TICK));
        apu.close();
        assertTrue(sink.closed);
    }

    @Test
    void aFrameAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Wasm4Apu a = new Wasm4Apu(AudioSink.SILENT);
        for (int i = 0; i < 2000; i++) { // warm up so the JIT has compiled tick()
            a.tone(300 + i % 500, duration(1, 1, 1, 1), 80, i & 3 | MODE_50 | NOTE_MODE * (i & 1));
            a.tick();
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 600; i++) {
            a.tone(300 + i % 500, duration(1, 1, 1, 1), 80, i & 3 | MODE_50);
            a.tick();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // One frame's samples alone would be 2940 bytes; 600 frames allocating would pass 1.7 MB.
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes in 600 frames");
    }

    private static int[] toInts(short[] s) {
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) out[i] = s[i];
        return out;
    }
}
