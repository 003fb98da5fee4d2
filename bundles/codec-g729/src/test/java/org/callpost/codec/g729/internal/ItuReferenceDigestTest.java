package org.callpost.codec.g729.internal;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.callpost.api.media.CodecChannel;
import org.junit.Test;

/**
 * Bit-exactness with the ITU-T G.729 Annex A reference C code itself, on inputs this class makes
 * deterministically (StrictMath, seeded Random), without shipping the ITU code: the SHA-256 of
 * what the reference produced from them is written down below, and our codec must produce the
 * same bytes.
 * <p>
 * Where the digests come from: the ITU-T G.729 Software Package Release 2 (November 2006),
 * g729AnnexA/c_code, compiled unmodified with gcc 12 ({@code -O2 -fwrapv -fno-builtin}); its
 * {@code coder} run on each input (serial bitstream repacked into RFC 3551 10-byte frames, the
 * same bit order), its {@code decoder} on that bitstream, and again with every 11th frame marked
 * bad (all bit words 0, which sets bfi). To regenerate them, run {@link #main} to write the
 * inputs, feed them to the reference and hash its outputs the same way.
 * <p>
 * bcg729 (the reference the other tests use) is not bit-exact with this code; see
 * {@link G729ReferenceTest}.
 */
public class ItuReferenceDigestTest {
    private static final int ERASE_EVERY = 11;

    /** Input name to {encoded frames, decoded, decoded with erasures}, as the ITU reference gave. */
    private static final Map<String, String[]> ITU = new LinkedHashMap<>();

    static {
        ITU.put("dial-tone", new String[] {"9048a16897cf06cc75428d965186abe8be8a5b519327d27cb8730b238fed1329",
                "e8324602513e1a79b0536a0f304967119c23a3054207012c3b2d91bd2d086df3",
                "5143d85b77f3198bf96a894019aff63a70d234e4014432e398a8dbf878e4329b"});
        ITU.put("chirp", new String[] {"cdde72b8b5f529b9b6a249e309b55bdd5621ef210d3159738fd0ece472720f50",
                "e8166f06a75f24a064b49136c8bafe233d3893fc9069af99fd96ebd0197039ee",
                "ce9bc913c9152108e2ea891f348668d751d1f5fab3f2828f0aa82e3926013975"});
        ITU.put("square", new String[] {"2aa07c7794b9fddd444cecc842311acc71aadaa3c2862e6c00915bacf2a0b6c2",
                "672b2ca7502efbaefc86701acfa8465422a676414b49aeb30ef77d370ac3272c",
                "84d6ab52d5a41bd3df477be591b88401607cd85df1c1011332e6f5a2df4dca5a"});
        ITU.put("clicks", new String[] {"ac0bda368f5fe396f7b8d7e43824c858df329f2aec78fdb047f16ba34e987bde",
                "799b88704a9d139585e852c32e20e7bd1f20a98cacfddf94874a486291950c3a",
                "64ead881a6d50ec6f60325bf10f09132fc8b4f2d6f7835667ee84c111fff458d"});
        ITU.put("loud-noise", new String[] {"f0239646438639c8ee98c6d037becc75ffa09126efebda481a787bdb9da245dd",
                "dfedbf65fecef96425c4ea9d57b923c5e2d91048bc4057ac0b74b1adfafa5164",
                "e3124e3e85429fac085a3d97a7c6314ef01c592b927f75422c10298f9e23ee5d"});
        ITU.put("random-bitstream", new String[] {null,
                "4e060edfb1de5b9aef0eeb83aaaa55a4aee6abbbbe8fec7143fd4027e896d0c3",
                "ddfb967f87d97b1759846eb803de284d00566c6ca97fdd36fe56a291727eb6c2"});
    }

    /** 8 kHz, 16-bit inputs; every sample a function of the code below alone. */
    static Map<String, short[]> inputs() {
        Map<String, short[]> in = new LinkedHashMap<>();
        int n = 8000 * 4;
        short[] dial = new short[n];
        short[] chirp = new short[n];
        short[] square = new short[n];
        short[] clicks = new short[n];
        short[] noise = new short[n];
        Random r = new Random(729);
        double phase = 0;
        for (int i = 0; i < n; i++) {
            // the North American dial tone, 350 + 440 Hz, each at 3,000 peak
            dial[i] = (short) StrictMath.round(3000 * (StrictMath.sin(2 * StrictMath.PI * 350 * i / 8000.0)
                    + StrictMath.sin(2 * StrictMath.PI * 440 * i / 8000.0)));
            // 50 Hz to 3,950 Hz over the input, at -1 dBFS
            phase += 2 * StrictMath.PI * (50 + 3900.0 * i / n) / 8000.0;
            chirp[i] = (short) StrictMath.round(29000 * StrictMath.sin(phase));
            square[i] = (short) ((i / 20) % 2 == 0 ? 30000 : -30000); // 200 Hz, near full scale
            clicks[i] = (short) (i % 296 == 0 ? 32767 : i % 296 == 1 ? -32768 : 0); // every 37 ms
            noise[i] = (short) Math.max(-32768, Math.min(32767, Math.round(r.nextGaussian() * 12000)));
        }
        in.put("dial-tone", dial);
        in.put("chirp", chirp);
        in.put("square", square);
        in.put("clicks", clicks);
        in.put("loud-noise", noise);
        return in;
    }

    /** 3,000 frames of random bits: every index and parity the decoder can meet, bad pitch parity included. */
    static byte[] randomBitstream() {
        byte[] b = new byte[3000 * 10];
        new Random(8000).nextBytes(b);
        return b;
    }

    @Test
    public void encoderAndDecoderProduceTheItuReferencesBytes() throws Exception {
        StringBuilder mismatches = new StringBuilder();
        for (Map.Entry<String, short[]> e : inputs().entrySet()) {
            String[] want = ITU.get(e.getKey());
            byte[] frames = encode(e.getValue());
            check(mismatches, e.getKey() + " encoder", want[0], frames);
            check(mismatches, e.getKey() + " decoder", want[1], decode(frames, 0));
            check(mismatches, e.getKey() + " decoder, every " + ERASE_EVERY + "th frame lost", want[2],
                    decode(frames, ERASE_EVERY));
        }
        String[] random = ITU.get("random-bitstream");
        check(mismatches, "random bitstream decoder", random[1], decode(randomBitstream(), 0));
        check(mismatches, "random bitstream decoder, every " + ERASE_EVERY + "th frame lost", random[2],
                decode(randomBitstream(), ERASE_EVERY));
        assertEquals("differs from the ITU-T reference:\n" + mismatches, 0, mismatches.length());
    }

    private static void check(StringBuilder mismatches, String what, String want, byte[] got) throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(got));
        if (!digest.equals(want)) {
            mismatches.append(what).append(": ").append(digest).append('\n');
        }
    }

    static byte[] encode(short[] pcm) {
        CodecChannel ch = new G729CodecProvider().newChannel();
        byte[] out = new byte[pcm.length / 80 * 10];
        for (int f = 0; f < pcm.length / 80; f++) {
            assertEquals(10, ch.encode(pcm, f * 80, 80, out, f * 10));
        }
        return out;
    }

    /** Little-endian PCM, as the reference writes it; {@code eraseEvery} > 0 loses every n-th frame. */
    static byte[] decode(byte[] frames, int eraseEvery) {
        CodecChannel ch = new G729CodecProvider().newChannel();
        short[] pcm = new short[80];
        ByteBuffer out = ByteBuffer.allocate(frames.length / 10 * 160).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < frames.length / 10; f++) {
            if (eraseEvery > 0 && f % eraseEvery == eraseEvery - 1) {
                ch.conceal(pcm, 0, 80);
            } else {
                ch.decode(frames, f * 10, 10, pcm, 0, 80);
            }
            for (short s : pcm) {
                out.putShort(s);
            }
        }
        return out.array();
    }

    /** Writes the inputs (name.raw, little-endian) and random.bit10 into the given directory. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (Map.Entry<String, short[]> e : inputs().entrySet()) {
            ByteBuffer b = ByteBuffer.allocate(e.getValue().length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (short s : e.getValue()) {
                b.putShort(s);
            }
            Files.write(dir.resolve(e.getKey() + ".raw"), b.array());
        }
        Files.write(dir.resolve("random-bitstream.bit10"), randomBitstream());
    }
}
