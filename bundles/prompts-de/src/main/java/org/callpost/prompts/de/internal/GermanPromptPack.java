package org.callpost.prompts.de.internal;

import java.util.Map;

import org.callpost.api.prompt.PromptPack;
import org.callpost.support.prompt.ManifestPromptPack;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The German prompts: {@code prompts/de/manifest.properties} (id = text) and one
 * {@code prompts/de/<id>.wav} per id, 8 kHz 16-bit mono PCM, made by {@code generate-prompts.sh}.
 * A manifest entry without its WAV is logged and left out.
 */
@Component(service = PromptPack.class, property = "callpost.language=de")
public final class GermanPromptPack extends ManifestPromptPack {

    static final String LANGUAGE = "de";
    static final String FOLDER = folder(LANGUAGE);
    static final String MANIFEST = manifest(LANGUAGE);

    @Activate
    public GermanPromptPack() {
        super(LANGUAGE, "German", GermanPromptPack.class);
    }

    /** The manifest as written: id → text. */
    static Map<String, String> readManifest() {
        return readManifest(GermanPromptPack.class, LANGUAGE);
    }
}
