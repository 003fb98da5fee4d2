package org.callpost.media.internal;

/** Test signals and measurements, written independently of the code under test. */
final class Signals {
    private Signals() {
    }

    static short[] tone(double hz, double seconds, double amplitude) {
        short[] out = new short[(int) Math.round(seconds * 8000)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / 8000.0));
        }
        return out;
    }

    static short[] dualTone(double f1, double f2, double seconds, double amplitude) {
        short[] out = new short[(int) Math.round(seconds * 8000)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.round(amplitude * (Math.sin(2 * Math.PI * f1 * i / 8000.0)
                    + Math.sin(2 * Math.PI * f2 * i / 8000.0)));
        }
        return out;
    }

    /** Plain DFT power at {@code hz} over the whole signal. */
    static double power(short[] pcm, int offset, int length, double hz) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < length; i++) {
            double w = 2 * Math.PI * hz * i / 8000.0;
            re += pcm[offset + i] * Math.cos(w);
            im -= pcm[offset + i] * Math.sin(w);
        }
        return re * re + im * im;
    }

    /** The frequency (10 Hz grid, 100..3900 Hz) with the most power over a 0.5 s window. */
    static double dominantFrequency(short[] pcm, int offset) {
        int length = Math.min(4000, pcm.length - offset);
        double best = 0;
        double bestHz = 0;
        for (double hz = 100; hz < 3900; hz += 10) {
            double p = power(pcm, offset, length, hz);
            if (p > best) {
                best = p;
                bestHz = hz;
            }
        }
        return bestHz;
    }

    static double correlation(short[] a, int aOffset, short[] b, int bOffset, int length) {
        double sa = 0;
        double sb = 0;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < length; i++) {
            double x = a[aOffset + i];
            double y = b[bOffset + i];
            sa += x;
            sb += y;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        double cov = sab - sa * sb / length;
        return cov / Math.sqrt((saa - sa * sa / length) * (sbb - sb * sb / length));
    }

    /** Reads a 44-byte-header 16-bit mono WAV as written by the recorder. */
    static short[] readWav16(java.nio.file.Path file) throws java.io.IOException {
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (in.getInt(0) != 0x46464952 || in.getShort(20) != 1 || in.getInt(24) != 8000 || in.getShort(34) != 16) {
            throw new java.io.IOException("not an 8 kHz 16-bit WAV");
        }
        int dataBytes = in.getInt(40);
        if (dataBytes != bytes.length - 44 || in.getInt(4) != 36 + dataBytes) {
            throw new java.io.IOException("WAV sizes do not match the file: " + dataBytes + " vs " + (bytes.length - 44));
        }
        short[] out = new short[dataBytes / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = in.getShort(44 + 2 * i);
        }
        return out;
    }

    /** Writes a 16-bit 8 kHz mono WAV (a test prompt). */
    static void writeWav16(java.nio.file.Path file, short[] pcm) throws java.io.IOException {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(44 + pcm.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x46464952).putInt(36 + pcm.length * 2).putInt(0x45564157);
        out.putInt(0x20746D66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        out.putInt(0x61746164).putInt(pcm.length * 2);
        for (short s : pcm) {
            out.putShort(s);
        }
        java.nio.file.Files.write(file, out.array());
    }
}
