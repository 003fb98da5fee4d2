package org.callpost.codec.g729.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test signals at 8 kHz, 16-bit: espeak-ng speech, tones, white noise and silence. */
final class Signals {
    private Signals() {
    }

    /** name to raw PCM file, generated once into target/. */
    static Map<String, Path> all() throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("speech-male", speech("speech-male", "en",
                "Thank you for calling. The person you are trying to reach is not available. "
                        + "Please leave your message after the tone, then hang up or press the pound key."));
        files.put("speech-female", speech("speech-female", "en+f3",
                "You have three new messages and two saved messages. To listen to your messages, press one. "
                        + "To change your greeting, press three."));
        files.put("tone-1k", write("tone-1k", tone(8000 * 3, 1000, 0, 12000)));
        files.put("tone-dual", write("tone-dual", tone(8000 * 3, 350, 440, 8000)));
        files.put("noise", write("noise", noise(8000 * 3, 4000, 42)));
        files.put("silence", write("silence", new short[8000 * 2]));
        return files;
    }

    static Path speech(String name, String voice, String text) throws Exception {
        Path raw = ReferenceTools.WORK.resolve(name + ".raw");
        if (Files.exists(raw)) {
            return raw;
        }
        ReferenceTools.requireCommand("espeak-ng", "espeak-ng");
        ReferenceTools.requireCommand("sox", "sox");
        Files.createDirectories(ReferenceTools.WORK);
        Path wav = ReferenceTools.WORK.resolve(name + ".wav");
        ReferenceTools.run(List.of("espeak-ng", "-v", voice, "-w", wav.toString(), text), "espeak-ng");
        ReferenceTools.run(List.of("sox", wav.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer",
                "-t", "raw", raw.toString()), "sox");
        return raw;
    }

    static short[] tone(int n, double f1, double f2, double amplitude) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            double v = Math.sin(2 * Math.PI * f1 * i / 8000);
            if (f2 > 0) {
                v = 0.5 * (v + Math.sin(2 * Math.PI * f2 * i / 8000));
            }
            s[i] = (short) Math.round(amplitude * v);
        }
        return s;
    }

    static short[] noise(int n, double rms, long seed) {
        Random r = new Random(seed);
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(r.nextGaussian() * rms)));
        }
        return s;
    }

    static Path write(String name, short[] pcm) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : pcm) {
            b.putShort(v);
        }
        return ReferenceTools.write(name + ".raw", b.array());
    }

    static short[] readPcm(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        short[] s = new short[b.length / 2];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }

    /** Whole 10 ms frames of the file. */
    static short[] readFrames(Path p) throws IOException {
        short[] s = readPcm(p);
        short[] out = new short[s.length / 80 * 80];
        System.arraycopy(s, 0, out, 0, out.length);
        return out;
    }
}
