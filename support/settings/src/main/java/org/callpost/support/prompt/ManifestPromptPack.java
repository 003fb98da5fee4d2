package org.callpost.support.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.callpost.api.prompt.PromptPack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A language pack as every shipped pack is made: {@code prompts/<language>/manifest.properties}
 * (id = text) and one {@code prompts/<language>/<id>.wav} per id, 8 kHz 16-bit mono PCM, read from
 * the bundle of the pack's own class. A manifest entry without its WAV is logged and left out.
 * Copied privately by bnd into each pack bundle ({@code -conditionalpackage}), never exported.
 * Immutable once built.
 */
public abstract class ManifestPromptPack implements PromptPack {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestPromptPack.class);

    private final String language;
    private final Class<?> bundleClass;
    private final String folder;
    /** id → text, for the ids that have a recording. */
    private final Map<String, String> texts;

    /**
     * @param language    the language tag, e.g. {@code "de"}
     * @param name        the language's name for the log, e.g. {@code "German"}
     * @param bundleClass a class of the pack's bundle, whose resources hold the prompts
     */
    protected ManifestPromptPack(String language, String name, Class<?> bundleClass) {
        this.language = language;
        this.bundleClass = bundleClass;
        this.folder = folder(language);
        Map<String, String> present = new TreeMap<>();
        readManifest(bundleClass, language).forEach((id, text) -> {
            if (bundleClass.getResource(folder + id + ".wav") != null) {
                present.put(id, text);
            } else {
                LOG.warn("{} prompt '{}' is in the manifest but has no {}{}.wav", name, id, folder, id);
            }
        });
        this.texts = Map.copyOf(present);
    }

    /** Where a language's prompts are in its bundle: {@code /prompts/<language>/}. */
    public static String folder(String language) {
        return "/prompts/" + language + "/";
    }

    /** The manifest's resource name in the pack's bundle. */
    public static String manifest(String language) {
        return folder(language) + "manifest.properties";
    }

    /** A pack's manifest as written: id → text. */
    public static Map<String, String> readManifest(Class<?> bundleClass, String language) {
        String manifest = manifest(language);
        Properties properties = new Properties();
        try (InputStream in = bundleClass.getResourceAsStream(manifest)) {
            if (in == null) {
                throw new IllegalStateException("no " + manifest + " in the bundle");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
        Map<String, String> out = new TreeMap<>();
        properties.stringPropertyNames().forEach(id -> out.put(id, properties.getProperty(id).trim()));
        return out;
    }

    @Override
    public String language() {
        return language;
    }

    @Override
    public Set<String> ids() {
        return texts.keySet();
    }

    @Override
    public Optional<URL> prompt(String id) {
        if (!texts.containsKey(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(bundleClass.getResource(folder + id + ".wav"));
    }

    @Override
    public Optional<String> text(String id) {
        return Optional.ofNullable(texts.get(id));
    }
}
