package org.callpost.prompts.de.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.callpost.api.prompt.PromptId;
import org.junit.Test;

/**
 * The lint of this pack: manifest and WAVs match, every WAV is good, every prompt id the flows use
 * is here ({@code org.callpost.prompts}' tests check the words its grammar says).
 */
public class GermanPromptPackTest {

    private static final Map<String, String> MANIFEST = GermanPromptPack.readManifest();

    private static Path folder() throws URISyntaxException {
        return Path.of(GermanPromptPack.class.getResource(GermanPromptPack.MANIFEST).toURI()).getParent();
    }

    private static Set<String> wavIds() throws Exception {
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".wav"))
                    .map(n -> n.substring(0, n.length() - 4)).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    public void everyManifestPromptHasAWavAndEveryWavIsInTheManifest() throws Exception {
        assertTrue("a real manifest: " + MANIFEST.size(), MANIFEST.size() > 200);
        Set<String> missing = new TreeSet<>(MANIFEST.keySet());
        missing.removeAll(wavIds());
        assertEquals("manifest prompts without a WAV", Set.of(), missing);
        Set<String> extra = wavIds();
        extra.removeAll(MANIFEST.keySet());
        assertEquals("WAVs not in the manifest", Set.of(), extra);
        MANIFEST.forEach((id, text) -> assertFalse("empty text for " + id, text.isBlank()));
    }

    @Test
    public void everyWavIs8kHz16BitMonoPcmAndNotSilent() throws Exception {
        List<String> problems = new ArrayList<>();
        long total = 0;
        for (String id : wavIds()) {
            byte[] bytes = Files.readAllBytes(folder().resolve(id + ".wav"));
            total += bytes.length;
            String problem = check(bytes);
            if (problem != null) {
                problems.add(id + ": " + problem);
            }
        }
        assertEquals(List.of(), problems);
        // like English plus the numbers below 100, which are whole words here (about 1.5 MB more)
        assertTrue("the pack stays modest: " + total + " bytes", total < 8_500_000);
    }

    /** null when the WAV is fine, else what is wrong. */
    private static String check(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 44 || in.getInt(0) != 0x46464952 || in.getInt(8) != 0x45564157) {
            return "not RIFF/WAVE";
        }
        int position = 12;
        boolean fmt = false;
        while (position + 8 <= bytes.length) {
            int chunk = in.getInt(position);
            int size = in.getInt(position + 4);
            int body = position + 8;
            if (chunk == 0x20746D66) { // "fmt "
                int format = in.getShort(body) & 0xFFFF;
                int channels = in.getShort(body + 2);
                int rate = in.getInt(body + 4);
                int bits = in.getShort(body + 14);
                if (format != 1 || channels != 1 || rate != 8000 || bits != 16) {
                    return "format " + format + ", " + channels + " channels, " + rate + " Hz, " + bits + " bits";
                }
                fmt = true;
            } else if (chunk == 0x61746164) { // "data"
                if (!fmt) {
                    return "data before fmt";
                }
                int samples = Math.min(size, bytes.length - body) / 2;
                if (samples < 8000 / 5 || samples > 8000 * 10) {
                    return "odd length: " + samples + " samples";
                }
                int peak = 0;
                double energy = 0;
                for (int i = 0; i < samples; i++) {
                    int s = in.getShort(body + 2 * i);
                    peak = Math.max(peak, Math.abs(s));
                    energy += (double) s * s;
                }
                double rms = Math.sqrt(energy / samples);
                if (peak < 16_000 || rms < 1_000) {
                    return "too quiet: peak " + peak + ", rms " + Math.round(rms);
                }
                return null;
            }
            position = body + size + (size & 1);
        }
        return "no data chunk";
    }

    @Test
    public void everyPromptIdTheFlowsUseIsInTheManifest() throws IllegalAccessException {
        List<String> missing = new ArrayList<>();
        int constants = 0;
        for (Field field : PromptId.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                constants++;
                String id = (String) field.get(null);
                if (!MANIFEST.containsKey(id)) {
                    missing.add(field.getName() + " = " + id);
                }
            }
        }
        assertTrue(constants > 50);
        assertEquals(List.of(), missing);
    }

    @Test
    public void thePackOffersEveryPromptAsAResource() throws IOException {
        GermanPromptPack pack = new GermanPromptPack();
        assertEquals("de", pack.language());
        assertEquals(MANIFEST.keySet(), pack.ids());
        for (String id : pack.ids()) {
            var url = pack.prompt(id).orElseThrow(() -> new AssertionError("no URL for " + id));
            try (var in = url.openStream()) {
                assertTrue(in.readNBytes(44).length == 44);
            }
            assertEquals(MANIFEST.get(id), pack.text(id).orElseThrow());
        }
        assertEquals("Die Person mit der Nebenstelle", pack.text(PromptId.GREETING_PERSON_AT_EXTENSION).orElseThrow());
        assertTrue(pack.prompt("no-such-prompt").isEmpty());
        assertTrue(pack.text("no-such-prompt").isEmpty());
        if (pack.prompt("../manifest").isPresent()) {
            fail("only manifest ids are offered");
        }
    }
}
