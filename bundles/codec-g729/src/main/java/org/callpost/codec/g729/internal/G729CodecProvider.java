package org.callpost.codec.g729.internal;

import org.callpost.api.media.CodecChannel;
import org.callpost.api.media.CodecProvider;
import org.osgi.service.component.annotations.Component;

/**
 * G.729 Annex A (static payload type 18): 10 ms frames of 10 bytes. Annex B SID and DTX gaps
 * are decoded into comfort noise; we never send SID, and say so with {@code annexb=no}.
 */
@Component(service = CodecProvider.class, property = CodecProvider.ENCODING_PROPERTY + "=G729")
public class G729CodecProvider implements CodecProvider {
    @Override
    public String encodingName() {
        return "G729";
    }

    @Override
    public int staticPayloadType() {
        return 18;
    }

    @Override
    public int clockRate() {
        return 8000;
    }

    @Override
    public int frameSamples() {
        return G729Channel.FRAME_SAMPLES;
    }

    @Override
    public int encodedBytes(int samples) {
        return samples / 8;
    }

    @Override
    public String fmtp() {
        return "annexb=no";
    }

    @Override
    public CodecChannel newChannel() {
        return new G729Channel();
    }
}
