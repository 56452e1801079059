package dev.termcade.console.audio;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import javax.sound.sampled.SourceDataLine;
import org.junit.jupiter.api.Test;

class LineAudioSinkTest {
    private static final int TICK = 735;
    /** Bytes of 44100 Hz 16-bit stereo sound lasting {@code ms}. */
    private static int bytesFor(int ms) {
        return 44_100 * ms / 1000 * 4;
    }

    /**
     * A sound card that plays only when told to ({@link #play}) and fails the test on any write that would block
     * (more than {@code available()}).
     */
    private static final class FakeLine {
        final int bufferSize = LineAudioSink.lineBufferBytes();
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        int queued;
        int maxQueued;
        boolean closed;

        final SourceDataLine line = (SourceDataLine) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {SourceDataLine.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "available": return bufferSize - queued;
                        case "getBufferSize": return bufferSize;
                        case "write": {
                            int length = (Integer) args[2];
                            assertTrue(length <= bufferSize - queued, "a write that would block: " + length);
                            assertEquals(0, length % 4, "whole frames only");
                            written.write((byte[]) args[0], (Integer) args[1], length);
                            queued += length;
                            maxQueued = Math.max(maxQueued, queued);
                            return length;
                        }
                        case "close": closed = true; return null;
                        case "stop", "flush": return null;
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });

        void play(int bytes) {
            queued = Math.max(0, queued - bytes);
        }
    }

    private static short[] tickOf(short value) {
        short[] samples = new short[TICK * 2];
        java.util.Arrays.fill(samples, value);
        return samples;
    }

    @Test
    void startsWithASilenceCushionThenTheSamplesLittleEndian() {
        FakeLine fake = new FakeLine();
        LineAudioSink sink = new LineAudioSink(fake.line);
        short[] samples = tickOf((short) 0x1234);
        samples[1] = (short) -2; // right channel of the first frame: 0xfffe
        sink.write(samples, TICK);
        byte[] out = fake.written.toByteArray();
        int cushion = bytesFor(LineAudioSink.UNDERRUN_CUSHION_MS); // 1543 frames = 6172 bytes
        assertEquals(cushion + TICK * 4, out.length);
        for (int i = 0; i < cushion; i++) assertEquals(0, out[i], "cushion byte " + i);
        assertEquals(0x34, out[cushion]);
        assertEquals(0x12, out[cushion + 1]);
        assertEquals((byte) 0xfe, out[cushion + 2]);
        assertEquals((byte) 0xff, out[cushion + 3]);
    }

    @Test
    void aGameAheadOfTheSoundCardDropsInsteadOfQueueingOrBlocking() {
        FakeLine fake = new FakeLine();
        LineAudioSink sink = new LineAudioSink(fake.line);
        for (int i = 0; i < 300; i++) { // five seconds of game in the time the card plays one tick
            sink.write(tickOf((short) 1), TICK);
            if (i == 0) fake.play(TICK * 4);
        }
        assertTrue(fake.maxQueued <= bytesFor(LineAudioSink.MAX_QUEUED_MS), "queued " + fake.maxQueued);
        assertTrue(sink.droppedFrames() > 290 * TICK, "dropped " + sink.droppedFrames());
    }

    @Test
    void aGameInStepWithTheSoundCardLosesNothing() {
        FakeLine fake = new FakeLine();
        LineAudioSink sink = new LineAudioSink(fake.line);
        for (int i = 0; i < 600; i++) {
            sink.write(tickOf((short) 1), TICK);
            fake.play(TICK * 4);
        }
        assertEquals(0, sink.droppedFrames());
        int cushion = bytesFor(LineAudioSink.UNDERRUN_CUSHION_MS);
        assertEquals(cushion + 600 * TICK * 4, fake.written.size(), "one cushion at the start, no more");
    }

    @Test
    void afterAnUnderrunASilenceCushionComesFirstAgain() {
        FakeLine fake = new FakeLine();
        LineAudioSink sink = new LineAudioSink(fake.line);
        sink.write(tickOf((short) 1), TICK);
        fake.play(fake.bufferSize); // the game stalled: the card ran dry
        int before = fake.written.size();
        sink.write(tickOf((short) 1), TICK);
        int cushion = bytesFor(LineAudioSink.UNDERRUN_CUSHION_MS);
        assertEquals(cushion + TICK * 4, fake.written.size() - before);
    }

    @Test
    void closeStopsTheLineWithoutDraining() {
        FakeLine fake = new FakeLine();
        new LineAudioSink(fake.line).close(); // drain() is not among the fake's methods: calling it would throw
        assertTrue(fake.closed);
    }

    @Test
    void openGivesAWorkingSinkOrSilenceAndNeverThrows() {
        AudioSink sink = assertDoesNotThrow(AudioSink::open);
        assertTrue(sink == AudioSink.SILENT || sink instanceof LineAudioSink, sink.getClass().getName());
        assertDoesNotThrow(() -> {
            sink.write(tickOf((short) 0), TICK);
            sink.close();
        });
    }
}
