package org.callpost.codec.g711.internal;

import org.callpost.api.media.CodecChannel;
import org.callpost.api.media.CodecProvider;
import org.osgi.service.component.annotations.Component;

/** G.711 mu-law (PCMU, static payload type 0): North American and Japanese trunks. */
@Component(service = CodecProvider.class, property = CodecProvider.ENCODING_PROPERTY + "=PCMU")
public class PcmuCodecProvider implements CodecProvider {
    @Override
    public String encodingName() {
        return "PCMU";
    }

    @Override
    public int staticPayloadType() {
        return 0;
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
        return new G711Channel(G711.ULAW_ENCODE, G711.ULAW_DECODE);
    }
}
