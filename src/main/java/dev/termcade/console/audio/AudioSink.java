package dev.termcade.console.audio;

import java.lang.System.Logger.Level;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * Where rendered sound goes: 16-bit signed stereo at {@link #SAMPLE_RATE} Hz, left sample first in each frame.
 * Writes come from the game thread and must never block it.
 */
public interface AudioSink extends AutoCloseable {
    /** WASM-4's output rate; 60 ticks a second make exactly {@code 735} frames per tick. */
    int SAMPLE_RATE = 44_100;

    /** The format every sink takes: signed 16-bit little-endian stereo. */
    AudioFormat FORMAT = new AudioFormat(SAMPLE_RATE, 16, 2, true, false);

    /** Discards everything: headless runs, SSH sessions, {@code --mute}, machines without a sound device. */
    AudioSink SILENT = new AudioSink() {
        @Override
        public void write(short[] interleavedStereo, int frames) {}

        @Override
        public void close() {}
    };

    /**
     * The system's default output line, or {@link #SILENT} when there is none (no sound card, a headless server, a
     * line in use). Never throws and prints nothing: the reason goes to one DEBUG line of the platform logger.
     */
    static AudioSink open() {
        SourceDataLine line = null;
        try {
            line = AudioSystem.getSourceDataLine(FORMAT);
            line.open(FORMAT, LineAudioSink.lineBufferBytes());
            line.start();
            return new LineAudioSink(line);
        } catch (LineUnavailableException | RuntimeException | LinkageError e) {
            // LinkageError: a Java runtime without its native sound library (some slim server images).
            if (line != null) line.close();
            System.getLogger(AudioSink.class.getName()).log(Level.DEBUG, "no audio output line, sound is off: " + e);
            return SILENT;
        }
    }

    /**
     * Queues {@code frames} stereo frames from {@code interleavedStereo} (left, right, left, right...). Returns at
     * once: what does not fit the output's latency target is dropped.
     */
    void write(short[] interleavedStereo, int frames);

    @Override
    void close();
}
