package org.callpost.prompts.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.callpost.api.media.PlayItem;
import org.callpost.api.prompt.PromptPack;
import org.callpost.api.prompt.Prompts;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@link Prompts} service: collects every {@link PromptPack} (whiteboard; packs come and go
 * while calls run) and says sequences in the word order of the language that speaks ({@link Speech}: English,
 * German, French), each word resolved in the caller's language with fallback to English.
 */
@Component(service = Prompts.class)
public final class PromptsService implements Prompts {

    private final PromptLibrary library;

    @Activate
    public PromptsService(BundleContext context) {
        this(cacheFolder(context));
    }

    /** For tests and plain Java: copies of bundle-resource prompts go under {@code cacheRoot}. */
    PromptsService(Path cacheRoot) {
        this.library = new PromptLibrary(cacheRoot);
    }

    private static Path cacheFolder(BundleContext context) {
        File data = context.getDataFile("prompt-cache");
        if (data != null) {
            return data.toPath();
        }
        try {
            return Files.createTempDirectory("callpost-prompts").resolve("prompt-cache");
        } catch (IOException e) {
            throw new UncheckedIOException("no folder for the prompt cache", e);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPromptPack(PromptPack pack, Map<String, Object> properties) {
        library.add(pack, ranking(properties), serviceId(properties));
    }

    void removePromptPack(PromptPack pack) {
        library.remove(pack);
    }

    /** Tests: a pack with its ranking and a unique id, as the registry would give them. */
    void addPack(PromptPack pack, int ranking, long serviceId) {
        library.add(pack, ranking, serviceId);
    }

    @Deactivate
    void deactivate() {
        library.close();
    }

    private static int ranking(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer ranking ? ranking : 0;
    }

    private static long serviceId(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_ID) instanceof Long id ? id : System.identityHashCode(properties);
    }

    /**
     * The grammar of the language whose pack will speak: "de-ch" uses German when a German pack
     * is installed; with none, the words come from English and so does the order.
     */
    Speech speech(String language) {
        Set<String> installed = library.languages();
        for (String candidate : PromptLibrary.candidates(PromptLibrary.normalise(language))) {
            if (installed.contains(candidate)) {
                return Speech.forLanguage(candidate);
            }
        }
        return EnglishSpeech.INSTANCE;
    }

    @Override
    public Set<String> languages() {
        return library.languages();
    }

    @Override
    public Optional<Path> file(String language, String id) {
        return library.file(language, Objects.requireNonNull(id, "id"));
    }

    @Override
    public Optional<String> text(String language, String id) {
        return library.text(language, Objects.requireNonNull(id, "id"));
    }

    @Override
    public List<PlayItem> play(String language, String... ids) {
        return play(language, List.of(ids));
    }

    @Override
    public List<PlayItem> play(String language, List<String> ids) {
        List<PlayItem> items = new ArrayList<>(ids.size());
        for (String id : ids) {
            library.file(language, Objects.requireNonNull(id, "id")).ifPresent(file -> items.add(PlayItem.wav(file)));
        }
        return items;
    }

    @Override
    public List<PlayItem> sayNumber(String language, int number) {
        return play(language, speech(language).number(number));
    }

    @Override
    public List<PlayItem> sayDigits(String language, String digits) {
        return play(language, speech(language).digits(Objects.requireNonNull(digits, "digits")));
    }

    @Override
    public List<PlayItem> sayCount(String language, int count, String singular, String plural) {
        return play(language, speech(language).count(count, null, Objects.requireNonNull(singular, "singular"),
                Objects.requireNonNull(plural, "plural")));
    }

    @Override
    public List<PlayItem> sayCount(String language, int count, String qualifier, String singular, String plural) {
        return play(language, speech(language).count(count, Objects.requireNonNull(qualifier, "qualifier"),
                Objects.requireNonNull(singular, "singular"), Objects.requireNonNull(plural, "plural")));
    }

    @Override
    public List<PlayItem> sayYouHave(String language, int count) {
        return play(language, speech(language).youHave(count));
    }

    @Override
    public List<PlayItem> sayDateTime(String language, ZonedDateTime when, ZonedDateTime now) {
        return play(language, speech(language).dateTime(Objects.requireNonNull(when, "when"), Objects.requireNonNull(now, "now")));
    }

    @Override
    public List<PlayItem> sayTime(String language, LocalTime time) {
        return play(language, speech(language).time(Objects.requireNonNull(time, "time")));
    }

    @Override
    public List<PlayItem> sayDuration(String language, Duration duration) {
        return play(language, speech(language).duration(Objects.requireNonNull(duration, "duration")));
    }
}
