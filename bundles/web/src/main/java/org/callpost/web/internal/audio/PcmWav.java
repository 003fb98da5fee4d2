package org.callpost.web.internal.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A PCM WAV file read from bytes: its format and its samples as doubles in -1..1, one array per
 * channel. Reads the RIFF chunks itself (no javax.sound.sampled: its providers are not all there in
 * OSGi, and it refuses WAVE_FORMAT_EXTENSIBLE headers that many editors write).
 */
public record PcmWav(int sampleRate, int channels, int bitsPerSample, double[][] samples) {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    /** What we accept, for the messages that refuse a file. */
    public static final String ACCEPTED = "a PCM WAV file (8, 16, 24 or 32-bit integer samples, any sample rate "
            + "from 4,000 to 192,000 Hz, mono or stereo)";

    /** Why a body is not a WAV we can read: the message says what it is and what is accepted. */
    public static final class NotReadable extends Exception {
        public NotReadable(String what) {
            super(what + "; the greeting must be " + ACCEPTED, null, false, false);
        }
    }

    public int frames() {
        return samples.length == 0 ? 0 : samples[0].length;
    }

    public double seconds() {
        return frames() / (double) sampleRate;
    }

    /**
     * The data chunk's length in seconds from a WAV's header only, or -1 when it is not a PCM WAV
     * (for the length of stored greetings).
     */
    public static double seconds(byte[] header, long fileLength) {
        try {
            Header h = header(ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN), true);
            long dataBytes = Math.min(h.dataLength, fileLength - h.dataOffset);
            return dataBytes / (double) (h.channels * (h.bits / 8)) / h.rate;
        } catch (NotReadable | RuntimeException e) {
            return -1;
        }
    }

    public static PcmWav read(byte[] bytes) throws NotReadable {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Header h = header(buf, false);
        int bytesPerSample = h.bits / 8;
        int frameSize = bytesPerSample * h.channels;
        long available = Math.min(h.dataLength, bytes.length - h.dataOffset);
        int frames = (int) (available / frameSize);
        double[][] samples = new double[h.channels][frames];
        int p = h.dataOffset;
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < h.channels; c++) {
                samples[c][f] = sample(bytes, p, h.bits);
                p += bytesPerSample;
            }
        }
        return new PcmWav(h.rate, h.channels, h.bits, samples);
    }

    private record Header(int rate, int channels, int bits, int dataOffset, long dataLength) {
    }

    private static Header header(ByteBuffer buf, boolean headerOnly) throws NotReadable {
        if (buf.remaining() < 12) {
            throw new NotReadable("The file is too short to be a WAV file (" + buf.remaining() + " bytes)");
        }
        if (buf.getInt(0) != 0x46464952 /* RIFF */ || buf.getInt(8) != 0x45564157 /* WAVE */) {
            throw new NotReadable("The file is not a WAV file (" + sniff(buf) + ")");
        }
        int pos = 12;
        Integer format = null;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (pos + 8 <= buf.limit()) {
            int id = buf.getInt(pos);
            long size = buf.getInt(pos + 4) & 0xFFFFFFFFL;
            int body = pos + 8;
            if (id == 0x20746d66 /* "fmt " */) {
                if (size < 16 || body + 16 > buf.limit()) {
                    throw new NotReadable("The WAV file's format chunk is cut short");
                }
                format = buf.getShort(body) & 0xFFFF;
                channels = buf.getShort(body + 2) & 0xFFFF;
                rate = buf.getInt(body + 4);
                bits = buf.getShort(body + 14) & 0xFFFF;
                if (format == FORMAT_EXTENSIBLE && size >= 40 && body + 26 <= buf.limit()) {
                    format = buf.getShort(body + 24) & 0xFFFF; // the sub-format GUID's first two bytes
                }
            } else if (id == 0x61746164 /* "data" */) {
                if (format == null) {
                    throw new NotReadable("The WAV file has its audio before its format chunk");
                }
                check(format, channels, rate, bits);
                return new Header(rate, channels, bits, body, size);
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1)); // chunks are word aligned
        }
        throw new NotReadable(format == null ? "The WAV file has no format chunk" : "The WAV file has no audio (no data chunk)");
    }

    private static void check(int format, int channels, int rate, int bits) throws NotReadable {
        if (format != FORMAT_PCM) {
            String name = switch (format) {
                case 3 -> "32-bit floating point";
                case 6 -> "A-law";
                case 7 -> "µ-law";
                case 0x11 -> "IMA ADPCM";
                case 0x55 -> "MP3";
                default -> "format " + format;
            };
            throw new NotReadable("The WAV file is " + name + ", not PCM");
        }
        if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
            throw new NotReadable("The WAV file has " + bits + "-bit samples");
        }
        if (channels < 1 || channels > 2) {
            throw new NotReadable("The WAV file has " + channels + " channels");
        }
        if (rate < 4000 || rate > 192000) {
            throw new NotReadable("The WAV file's sample rate is " + rate + " Hz");
        }
    }

    private static double sample(byte[] b, int p, int bits) {
        return switch (bits) {
            case 8 -> ((b[p] & 0xFF) - 128) / 128.0; // 8-bit WAV is unsigned
            case 16 -> (short) ((b[p] & 0xFF) | (b[p + 1] << 8)) / 32768.0;
            case 24 -> ((b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] << 16)) / 8388608.0;
            default -> ((b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16) | (b[p + 3] << 24))
                    / 2147483648.0;
        };
    }

    private static String sniff(ByteBuffer buf) {
        byte[] head = new byte[Math.min(4, buf.limit())];
        buf.get(0, head);
        String magic = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (magic.startsWith("ID3") || (head.length > 1 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0)) {
            return "it looks like MP3";
        }
        return switch (magic) {
            case "OggS" -> "it looks like Ogg";
            case "fLaC" -> "it looks like FLAC";
            case "FORM" -> "it looks like AIFF";
            default -> head.length > 3 && head[0] == 0x1A && head[1] == 0x45 ? "it looks like WebM" : "it does not start with RIFF/WAVE";
        };
    }

    /** An 8 kHz 16-bit mono PCM WAV of these samples (clipped to -1..1). */
    public static byte[] write8kMono(double[] mono) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + mono.length * 2);
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        int data = mono.length * 2;
        h.putInt(0x46464952).putInt(36 + data).putInt(0x45564157);
        h.putInt(0x20746d66).putInt(16).putShort((short) FORMAT_PCM).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        h.putInt(0x61746164).putInt(data);
        out.writeBytes(h.array());
        byte[] pcm = new byte[data];
        for (int i = 0; i < mono.length; i++) {
            long v = Math.round(Math.max(-1.0, Math.min(1.0, mono[i])) * 32767.0);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        out.writeBytes(pcm);
        return out.toByteArray();
    }
}
