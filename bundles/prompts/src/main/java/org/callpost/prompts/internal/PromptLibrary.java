package org.callpost.prompts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.callpost.api.prompt.PromptPack;
import org.callpost.api.prompt.Prompts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installed prompt packs, by language, and the resolution of a prompt id to a file: the most
 * specific language first, then its primary language, then English; within a language, packs in
 * service ranking order. Recordings that are not plain files (bundle resources) are copied once
 * into a cache folder, one sub-folder per pack registration, removed when the pack goes away.
 * A missing prompt is logged once per language and id (again after the packs change).
 */
final class PromptLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(PromptLibrary.class);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** One registered pack, with the files resolved from it so far. */
    private static final class Pack {
        final PromptPack pack;
        final String language;
        final int ranking;
        final long serviceId;
        final Path cache;
        final Map<String, Optional<Path>> files = new ConcurrentHashMap<>();

        Pack(PromptPack pack, String language, int ranking, long serviceId, Path cache) {
            this.pack = pack;
            this.language = language;
            this.ranking = ranking;
            this.serviceId = serviceId;
            this.cache = cache;
        }
    }

    private static final Comparator<Pack> ORDER =
            Comparator.comparingInt((Pack p) -> -p.ranking).thenComparingLong(p -> p.serviceId);

    private final Path cacheRoot;
    private final Object lock = new Object();
    /** All packs; replaced whole under {@link #lock}, read without it. */
    private volatile List<Pack> packs = List.of();
    /** Packs by language, each list in ranking order; rebuilt with {@link #packs}. */
    private volatile Map<String, List<Pack>> byLanguage = Map.of();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /**
     * @param cacheRoot where copies of non-file recordings go; emptied now (copies from an earlier
     *                  run may belong to packs that changed since)
     */
    PromptLibrary(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
        deleteTree(cacheRoot);
    }

    void add(PromptPack pack, int ranking, long serviceId) {
        String language = normalise(pack.language());
        Pack entry = new Pack(pack, language, ranking, serviceId, cacheRoot.resolve("pack-" + serviceId));
        synchronized (lock) {
            List<Pack> next = new ArrayList<>(packs);
            next.removeIf(p -> p.pack == pack);
            next.add(entry);
            publish(next);
        }
        LOG.info("Prompt pack for language '{}' added: {} prompts (ranking {})", language, pack.ids().size(), ranking);
    }

    void remove(PromptPack pack) {
        List<Pack> gone = new ArrayList<>();
        synchronized (lock) {
            List<Pack> next = new ArrayList<>(packs);
            for (Pack p : packs) {
                if (p.pack == pack) {
                    gone.add(p);
                }
            }
            next.removeAll(gone);
            publish(next);
        }
        for (Pack p : gone) {
            // files already handed to a play were read when the play started
            deleteTree(p.cache);
            LOG.info("Prompt pack for language '{}' removed", p.language);
        }
    }

    private void publish(List<Pack> next) {
        next.sort(ORDER);
        Map<String, List<Pack>> languages = new TreeMap<>();
        for (Pack p : next) {
            languages.computeIfAbsent(p.language, l -> new ArrayList<>()).add(p);
        }
        languages.replaceAll((l, list) -> List.copyOf(list));
        packs = List.copyOf(next);
        byLanguage = Map.copyOf(languages);
        reported.clear();
    }

    Set<String> languages() {
        return new TreeSet<>(byLanguage.keySet());
    }

    /** Removes the cache folder (the component is going away). */
    void close() {
        synchronized (lock) {
            publish(new ArrayList<>());
        }
        deleteTree(cacheRoot);
    }

    /** The file of {@code id} for {@code language}, falling back as described above. */
    Optional<Path> file(String language, String id) {
        String wanted = normalise(language);
        Map<String, List<Pack>> languages = byLanguage;
        List<String> candidates = candidates(wanted);
        for (String candidate : candidates) {
            for (Pack pack : languages.getOrDefault(candidate, List.of())) {
                Optional<Path> file = pack.files.computeIfAbsent(id, i -> materialise(pack, i));
                if (file.isPresent()) {
                    if (candidate.equals(Prompts.ENGLISH) && !isEnglish(wanted)) {
                        reportFallback(candidates, languages, wanted, id);
                    }
                    return file;
                }
            }
        }
        report(wanted + '\u0000' + id, "Prompt '{}' is missing in language '{}' and in English: left out", id, wanted);
        return Optional.empty();
    }

    /**
     * Says once that English stood in: per prompt when the language has a pack (in the most
     * specific installed language, so "de-ch" and "de" share the line), per language when none.
     */
    private void reportFallback(List<String> candidates, Map<String, List<Pack>> languages, String wanted, String id) {
        for (String candidate : candidates) {
            if (!candidate.equals(Prompts.ENGLISH) && languages.containsKey(candidate)) {
                report(candidate + '\u0000' + id, "Prompt '{}' is missing in language '{}': playing it in English",
                        id, candidate);
                return;
            }
        }
        report(wanted, "No prompt pack for language '{}' is installed: playing English ({})", wanted, id);
    }

    private void report(String key, String message, Object... arguments) {
        if (reported.add(key)) {
            LOG.warn(message, arguments);
        }
    }

    private static boolean isEnglish(String language) {
        return language.equals(Prompts.ENGLISH) || language.startsWith(Prompts.ENGLISH + "-");
    }

    /** The text of {@code id} from the pack that would play it. */
    Optional<String> text(String language, String id) {
        Map<String, List<Pack>> languages = byLanguage;
        for (String candidate : candidates(normalise(language))) {
            for (Pack pack : languages.getOrDefault(candidate, List.of())) {
                if (pack.pack.ids().contains(id)) {
                    Optional<String> text = pack.pack.text(id);
                    if (text.isPresent()) {
                        return text;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Path> materialise(Pack pack, String id) {
        Optional<URL> url;
        try {
            url = pack.pack.prompt(id);
        } catch (RuntimeException e) {
            LOG.warn("Prompt pack '{}' failed to give prompt '{}'", pack.language, id, e);
            return Optional.empty();
        }
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URL source = url.get();
        if ("file".equals(source.getProtocol())) {
            try {
                Path file = Path.of(source.toURI());
                if (Files.isRegularFile(file)) {
                    return Optional.of(file);
                }
                LOG.warn("Prompt '{}' of language '{}': {} is not a file", id, pack.language, file);
                return Optional.empty();
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a plain path: copy it like any other URL
            }
        }
        if (!SAFE_ID.matcher(id).matches()) {
            LOG.warn("Prompt id '{}' cannot name a file; not copied", id);
            return Optional.empty();
        }
        Path target = pack.cache.resolve(id + ".wav");
        try {
            Files.createDirectories(pack.cache);
            Path temporary = Files.createTempFile(pack.cache, id, ".tmp");
            try (InputStream in = source.openStream()) {
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return Optional.of(target);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Prompt '{}' of language '{}' could not be copied from {}: {}", id, pack.language, source, e.toString());
            return Optional.empty();
        }
    }

    /** "de-CH" → de-ch, de, en. */
    static List<String> candidates(String language) {
        Set<String> out = new LinkedHashSet<>();
        String tag = language;
        while (!tag.isEmpty()) {
            out.add(tag);
            int dash = tag.lastIndexOf('-');
            tag = dash < 0 ? "" : tag.substring(0, dash);
        }
        out.add(Prompts.ENGLISH);
        return List.copyOf(out);
    }

    static String normalise(String language) {
        if (language == null || language.isBlank()) {
            return Prompts.ENGLISH;
        }
        return language.trim().replace('_', '-').toLowerCase(Locale.ROOT);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not remove prompt cache {}: {}", root, e.toString());
        }
    }
}
