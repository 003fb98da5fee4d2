package org.callpost.prompts.fr.internal;

import java.util.Map;

import org.callpost.api.prompt.PromptPack;
import org.callpost.support.prompt.ManifestPromptPack;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The French prompts: {@code prompts/fr/manifest.properties} (id = text) and one
 * {@code prompts/fr/<id>.wav} per id, 8 kHz 16-bit mono PCM, made by {@code generate-prompts.sh}.
 * A manifest entry without its WAV is logged and left out.
 */
@Component(service = PromptPack.class, property = "callpost.language=fr")
public final class FrenchPromptPack extends ManifestPromptPack {

    static final String LANGUAGE = "fr";
    static final String FOLDER = folder(LANGUAGE);
    static final String MANIFEST = manifest(LANGUAGE);

    @Activate
    public FrenchPromptPack() {
        super(LANGUAGE, "French", FrenchPromptPack.class);
    }

    /** The manifest as written: id → text. */
    static Map<String, String> readManifest() {
        return readManifest(FrenchPromptPack.class, LANGUAGE);
    }
}
