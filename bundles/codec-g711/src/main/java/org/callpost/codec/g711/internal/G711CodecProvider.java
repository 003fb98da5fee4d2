package org.callpost.codec.g711.internal;

import org.callpost.api.media.CodecChannel;
import org.callpost.api.media.CodecProvider;

/**
 * What the two G.711 laws share: 8 kHz, one byte a sample, no fmtp. Each law is its own DS
 * component so either can be configured or disabled on its own.
 */
abstract class G711CodecProvider implements CodecProvider {
    private final String encodingName;
    private final int payloadType;
    private final byte[] encode;
    private final short[] decode;

    G711CodecProvider(String encodingName, int payloadType, byte[] encode, short[] decode) {
        this.encodingName = encodingName;
        this.payloadType = payloadType;
        this.encode = encode;
        this.decode = decode;
    }

    @Override
    public String encodingName() {
        return encodingName;
    }

    @Override
    public int staticPayloadType() {
        return payloadType;
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

    /** A table look-up a sample: a prompt encoded once serves every call. */
    @Override
    public boolean encodesSamplesAlone() {
        return true;
    }

    @Override
    public String fmtp() {
        return "";
    }

    @Override
    public CodecChannel newChannel() {
        return new G711Channel(encode, decode);
    }
}
