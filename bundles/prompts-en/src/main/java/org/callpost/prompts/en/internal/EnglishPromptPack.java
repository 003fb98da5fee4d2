package org.callpost.prompts.en.internal;

import java.util.Map;

import org.callpost.api.prompt.PromptPack;
import org.callpost.support.prompt.ManifestPromptPack;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The English prompts: {@code prompts/en/manifest.properties} (id = text) and one
 * {@code prompts/en/<id>.wav} per id, 8 kHz 16-bit mono PCM, made by {@code generate-prompts.sh}.
 * A manifest entry without its WAV is logged and left out.
 */
@Component(service = PromptPack.class, property = "callpost.language=en")
public final class EnglishPromptPack extends ManifestPromptPack {

    static final String LANGUAGE = "en";
    static final String FOLDER = folder(LANGUAGE);
    static final String MANIFEST = manifest(LANGUAGE);

    @Activate
    public EnglishPromptPack() {
        super(LANGUAGE, "English", EnglishPromptPack.class);
    }

    /** The manifest as written: id → text. */
    static Map<String, String> readManifest() {
        return readManifest(EnglishPromptPack.class, LANGUAGE);
    }
}
