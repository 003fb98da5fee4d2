package org.callpost.codec.g711.internal;

import org.callpost.api.media.CodecProvider;
import org.osgi.service.component.annotations.Component;

/** G.711 mu-law (PCMU, static payload type 0): North American and Japanese trunks. */
@Component(service = CodecProvider.class, property = CodecProvider.ENCODING_PROPERTY + "=PCMU")
public class PcmuCodecProvider extends G711CodecProvider {
    public PcmuCodecProvider() {
        super("PCMU", 0, G711.ULAW_ENCODE, G711.ULAW_DECODE);
    }
}
