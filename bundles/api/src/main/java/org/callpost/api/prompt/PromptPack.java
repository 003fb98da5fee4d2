package org.callpost.api.prompt;

import java.net.URL;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The recorded prompts of one language, registered as a service by a language bundle (e.g.
 * {@code org.callpost.prompts.en}); the {@link Prompts} service collects every pack. Installing a
 * language bundle adds its language; uninstalling it removes it, and prompts fall back to English.
 * <p>
 * Several packs may serve one language: the one with the higher {@code service.ranking} is asked
 * first, and a prompt it lacks is taken from the next, so a site can re-record a few prompts in a
 * small pack of its own. Prompt ids are shared by every language; {@link PromptId} names the
 * ones the call flows use.
 */
@ConsumerType
public interface PromptPack {

    /**
     * The language, as a lower-case IETF BCP 47 tag: {@code "en"}, {@code "de"}, {@code "fr-ca"}.
     */
    String language();

    /** Every prompt id this pack has a recording for. */
    Set<String> ids();

    /**
     * The recording of a prompt: a WAV file, 8 kHz mono, 16-bit linear PCM, mu-law or A-law. A
     * {@code file:} URL is played where it is; any other (a bundle resource) is copied once
     * to a file by the {@link Prompts} service.
     *
     * @param id a prompt id, e.g. {@link PromptId#GOODBYE}
     * @return the recording, or empty when this pack has none for {@code id}
     */
    Optional<URL> prompt(String id);

    /**
     * The words a prompt says, as written in the pack's manifest (for logs, the shell and tests).
     *
     * @return the text, or empty when this pack has no such prompt
     */
    Optional<String> text(String id);
}
