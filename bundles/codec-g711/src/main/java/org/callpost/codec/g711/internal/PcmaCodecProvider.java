package org.callpost.codec.g711.internal;

import org.callpost.api.media.CodecChannel;
import org.callpost.api.media.CodecProvider;
import org.osgi.service.component.annotations.Component;

/** G.711 A-law (PCMA, static payload type 8): the European networks. */
@Component(service = CodecProvider.class, property = CodecProvider.ENCODING_PROPERTY + "=PCMA")
public class PcmaCodecProvider implements CodecProvider {
    @Override
    public String encodingName() {
        return "PCMA";
    }

    @Override
    public int staticPayloadType() {
        return 8;
    }

    @Override
    public int clockRate() {
        return 8000;
    }

    @Override
    public int frameSamples() {
        return 1;
    }

    @Override
    public int encodedBytes(int samples) {
        return samples;
    }

    @Override
    public String fmtp() {
        return "";
    }

    @Override
    public CodecChannel newChannel() {
        return new G711Channel(G711.ALAW_ENCODE, G711.ALAW_DECODE);
    }
}
