package org.callpost.prompts.fr.internal;

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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The French prompts: {@code prompts/fr/manifest.properties} (id = text) and one
 * {@code prompts/fr/<id>.wav} per id, 8 kHz 16-bit mono PCM, made by {@code generate-prompts.sh}.
 * A manifest entry without its WAV is logged and left out.
 */
@Component(service = PromptPack.class, property = "callpost.language=fr")
public final class FrenchPromptPack implements PromptPack {

    static final String LANGUAGE = "fr";
    static final String FOLDER = "/prompts/fr/";
    static final String MANIFEST = FOLDER + "manifest.properties";

    private static final Logger LOG = LoggerFactory.getLogger(FrenchPromptPack.class);

    /** id → text, for the ids that have a recording. */
    private final Map<String, String> texts;

    @Activate
    public FrenchPromptPack() {
        Map<String, String> manifest = readManifest();
        Map<String, String> present = new TreeMap<>();
        manifest.forEach((id, text) -> {
            if (FrenchPromptPack.class.getResource(FOLDER + id + ".wav") != null) {
                present.put(id, text);
            } else {
                LOG.warn("French prompt '{}' is in the manifest but has no {}{}.wav", id, FOLDER, id);
            }
        });
        this.texts = Map.copyOf(present);
    }

    /** The manifest as written: id → text. */
    static Map<String, String> readManifest() {
        Properties properties = new Properties();
        try (InputStream in = FrenchPromptPack.class.getResourceAsStream(MANIFEST)) {
            if (in == null) {
                throw new IllegalStateException("no " + MANIFEST + " in the bundle");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MANIFEST, e);
        }
        Map<String, String> out = new TreeMap<>();
        properties.stringPropertyNames().forEach(id -> out.put(id, properties.getProperty(id).trim()));
        return out;
    }

    @Override
    public String language() {
        return LANGUAGE;
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
        return Optional.ofNullable(FrenchPromptPack.class.getResource(FOLDER + id + ".wav"));
    }

    @Override
    public Optional<String> text(String id) {
        return Optional.ofNullable(texts.get(id));
    }
}
