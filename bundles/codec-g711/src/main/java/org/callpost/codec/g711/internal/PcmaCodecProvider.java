package org.callpost.codec.g711.internal;

import org.callpost.api.media.CodecProvider;
import org.osgi.service.component.annotations.Component;

/** G.711 A-law (PCMA, static payload type 8): the European networks. */
@Component(service = CodecProvider.class, property = CodecProvider.ENCODING_PROPERTY + "=PCMA")
public class PcmaCodecProvider extends G711CodecProvider {
    public PcmaCodecProvider() {
        super("PCMA", 8, G711.ALAW_ENCODE, G711.ALAW_DECODE);
    }
}
