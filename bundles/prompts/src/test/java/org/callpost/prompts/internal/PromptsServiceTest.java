package org.callpost.prompts.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.callpost.api.media.PlayItem;
import org.callpost.api.prompt.PromptId;
import org.callpost.api.prompt.PromptPack;
import org.callpost.api.prompt.Prompts;
import org.callpost.prompts.en.internal.EnglishPromptPack;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PromptsServiceTest {

    /** A stand-in language pack: ids to recordings given as URLs. */
    private static final class TestPack implements PromptPack {
        private final String language;
        private final Map<String, URL> prompts;

        TestPack(String language, Map<String, URL> prompts) {
            this.language = language;
            this.prompts = prompts;
        }

        @Override
        public String language() {
            return language;
        }

        @Override
        public Set<String> ids() {
            return prompts.keySet();
        }

        @Override
        public Optional<URL> prompt(String id) {
            return Optional.ofNullable(prompts.get(id));
        }

        @Override
        public Optional<String> text(String id) {
            return prompts.containsKey(id) ? Optional.of(language + ":" + id) : Optional.empty();
        }
    }

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private Path cache;
    private PromptsService prompts;
    private final EnglishPromptPack english = new EnglishPromptPack();

    @Before
    public void setUp() throws IOException {
        cache = temp.newFolder("cache").toPath();
        prompts = new PromptsService(cache);
        prompts.addPack(english, 0, 1);
    }

    @After
    public void tearDown() {
        prompts.deactivate();
    }

    private static List<String> names(List<PlayItem> items) {
        List<String> names = new ArrayList<>();
        for (PlayItem item : items) {
            String file = ((PlayItem.Wav) item).file().getFileName().toString();
            names.add(file.substring(0, file.length() - ".wav".length()));
        }
        return names;
    }

    private URL wavFile(String name) throws IOException {
        Path file = temp.newFile(name + ".wav").toPath();
        Files.copy(english.prompt(PromptId.GOODBYE).orElseThrow().openStream(), file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file.toUri().toURL();
    }

    @Test
    public void everyWordTheGrammarSaysIsAnEnglishPrompt() throws IOException {
        Properties manifest = new Properties();
        try (var in = EnglishPromptPack.class.getResourceAsStream("/prompts/en/manifest.properties")) {
            manifest.load(in);
        }
        Set<String> said = new java.util.TreeSet<>();
        for (int n = 0; n <= 2100; n++) {
            said.addAll(EnglishSpeech.number(n));
        }
        said.addAll(EnglishSpeech.number(999_999));
        said.addAll(EnglishSpeech.digits("0123456789*#"));
        said.addAll(EnglishSpeech.count(0, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES));
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 24, 10, 30, 0, 0, ZoneId.of("UTC"));
        for (int minutes = 0; minutes < 24 * 60 * 400; minutes += 37) {
            said.addAll(EnglishSpeech.dateTime(now.minusMinutes(minutes), now));
        }
        for (int seconds = 0; seconds < 8000; seconds += 7) {
            said.addAll(EnglishSpeech.duration(Duration.ofSeconds(seconds)));
        }
        said.removeAll(manifest.stringPropertyNames());
        assertEquals(Set.of(), said);
    }

    @Test
    public void saysSequencesAsPlayableWavs() throws IOException {
        List<PlayItem> items = prompts.sayNumber("en", 201);
        assertEquals(List.of("num-2", "hundred", "and", "num-1"), names(items));
        for (PlayItem item : items) {
            Path file = ((PlayItem.Wav) item).file();
            assertTrue(Files.isRegularFile(file));
            assertTrue(Files.size(file) > 1000);
        }
        assertEquals(List.of("num-2", "num-0", "num-1"), names(prompts.sayDigits("en", "201")));
        assertEquals(List.of("num-1", "new", "message"),
                names(prompts.sayCount("en", 1, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES)));
        assertEquals(List.of("num-3", "messages"), names(prompts.sayCount("en", 3, PromptId.MESSAGE, PromptId.MESSAGES)));
        assertEquals(List.of("num-1", "minute", "num-20", "seconds"), names(prompts.sayDuration("en", Duration.ofSeconds(80))));
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 24, 10, 30, 0, 0, ZoneId.of("UTC"));
        assertEquals(List.of("yesterday", "at", "noon"), names(prompts.sayDateTime("en", now.minusDays(1).withHour(12).withMinute(0), now)));
        assertEquals(List.of("goodbye"), names(prompts.play(null, PromptId.GOODBYE)));
        assertEquals("Good-bye.", prompts.text("en", PromptId.GOODBYE).orElseThrow());
        assertEquals(Set.of("en"), prompts.languages());
    }

    @Test
    public void aPromptMissingInALanguageComesFromEnglishAndIsLoggedOnce() throws IOException {
        Map<String, URL> german = new LinkedHashMap<>();
        german.put("num-1", wavFile("de-num-1"));
        german.put("num-100", wavFile("de-num-100"));
        german.put(PromptId.GOODBYE, wavFile("de-goodbye"));
        TestPack pack = new TestPack("de", german);
        prompts.addPack(pack, 0, 2);
        assertEquals(Set.of("de", "en"), prompts.languages());

        String log = captureLog(() -> {
            // German word order: "hunderteins"
            assertEquals(List.of("de-num-100", "de-num-1"), names(prompts.sayNumber("de", 101)));
            assertEquals(List.of("de-num-100", "de-num-1"), names(prompts.sayNumber("DE_ch", 101)));
            // "one" is German; "hundred", "and" fall back to English
            assertEquals(List.of("de-num-1", "hundred", "and", "de-num-1"),
                    names(prompts.play("de", "num-1", "hundred", "and", "num-1")));
            assertEquals(List.of("de-num-1", "hundred", "and", "de-num-1"),
                    names(prompts.play("DE_ch", "num-1", "hundred", "and", "num-1")));
            assertEquals(List.of("de-goodbye"), names(prompts.play("de", PromptId.GOODBYE)));
            assertEquals("de:goodbye", prompts.text("de", PromptId.GOODBYE).orElseThrow());
            assertEquals("hundred", prompts.text("de", "hundred").orElseThrow());
        });
        // "de-ch" has no pack of its own: it is German, and German's gaps are said once
        assertEquals(log, 1, count(log, "Prompt 'hundred' is missing in language 'de': playing it in English"));
        assertEquals(log, 1, count(log, "Prompt 'and' is missing in language 'de'"));
        assertEquals(log, 0, count(log, "de-ch"));
        assertEquals(log, 0, count(log, "'num-1'"));

        // the German pack removed: English words in English order
        prompts.removePromptPack(pack);
        assertEquals(List.of("num-1", "hundred", "and", "num-1"), names(prompts.sayNumber("de", 101)));
    }

    @Test
    public void aPromptMissingEverywhereIsLeftOutAndLoggedOnce() {
        String log = captureLog(() -> {
            assertEquals(List.of("goodbye"), names(prompts.play("fr", "no-such-prompt", PromptId.GOODBYE)));
            assertEquals(List.of("goodbye"), names(prompts.play("fr", "no-such-prompt", PromptId.GOODBYE)));
            assertTrue(prompts.file("fr", "no-such-prompt").isEmpty());
        });
        assertEquals(log, 1, count(log, "Prompt 'no-such-prompt' is missing in language 'fr' and in English"));
        // no French pack at all: said once for the language, not per prompt
        assertEquals(log, 1, count(log, "No prompt pack for language 'fr' is installed"));
        assertEquals(log, 0, count(log, "Prompt 'goodbye'"));
    }

    @Test
    public void aHigherRankedPackOfTheSameLanguageWinsForWhatItHas() throws IOException {
        TestPack site = new TestPack("en", Map.of(PromptId.GOODBYE, wavFile("site-goodbye")));
        prompts.addPack(site, 10, 3);
        assertEquals(List.of("site-goodbye", "thank-you"), names(prompts.play("en", PromptId.GOODBYE, PromptId.THANK_YOU)));
        prompts.removePromptPack(site);
        assertEquals(List.of("goodbye"), names(prompts.play("en", PromptId.GOODBYE)));
    }

    @Test
    public void resourcesInsideAJarAreCopiedOnceAndTheCopiesGoWithThePack() throws IOException {
        Path jar = temp.getRoot().toPath().resolve("pack.jar");
        byte[] audio;
        try (var in = english.prompt(PromptId.GOODBYE).orElseThrow().openStream()) {
            audio = in.readAllBytes();
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("prompts/it/goodbye.wav"));
            zip.write(audio);
            zip.closeEntry();
        }
        TestPack italian = new TestPack("it", Map.of(PromptId.GOODBYE, jarUrl(jar, "prompts/it/goodbye.wav")));
        prompts.addPack(italian, 0, 4);

        Path file = prompts.file("it", PromptId.GOODBYE).orElseThrow();
        assertTrue(file.startsWith(cache));
        assertArrayEquals(audio, Files.readAllBytes(file));
        assertEquals(file, prompts.file("it", PromptId.GOODBYE).orElseThrow());

        prompts.removePromptPack(italian);
        assertFalse(Files.exists(file));
        assertFalse(prompts.file("it", PromptId.GOODBYE).orElseThrow().startsWith(cache.resolve("pack-4")));
        assertEquals(Set.of("en"), prompts.languages());
    }

    @Test
    public void englishAloneWhenNoLanguageIsGiven() {
        assertEquals(List.of("de-ch", "de", "en"), PromptLibrary.candidates("de-ch"));
        assertEquals(List.of("en-gb", "en"), PromptLibrary.candidates("en-gb"));
        assertEquals("en", PromptLibrary.normalise(" "));
        assertEquals("pt-br", PromptLibrary.normalise("pt_BR"));
    }

    private static URL jarUrl(Path jar, String entry) throws MalformedURLException {
        return new URL("jar:" + jar.toUri() + "!/" + entry);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** What slf4j-simple writes to System.err while {@code action} runs. */
    private static String captureLog(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
                original.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.err.flush();
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
