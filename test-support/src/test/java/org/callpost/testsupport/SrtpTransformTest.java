package org.callpost.testsupport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.Base64;
import java.util.HexFormat;

import org.junit.Test;

/** The test peers' SRTP against libsrtp's reference packets (srtp_validate). */
public class SrtpTransformTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String KEY = Base64.getEncoder().encodeToString(
            HEX.parseHex("e1f97a0d3e018be0d64fa32c06de4139" + "0ec675ad498afeebb6960b3aabe6"));
    private static final String RTP = "800f1234decafbadcafebabe" + "ab".repeat(16);
    private static final String SRTP = "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb";

    @Test
    public void protectsAndUnprotectsLibsrtpsPackets() {
        assertEquals(SRTP, HEX.formatHex(new SrtpTransform(KEY, 10).protectRtp(HEX.parseHex(RTP))));
        SrtpTransform receiver = new SrtpTransform(KEY, 10);
        assertEquals(RTP, HEX.formatHex(receiver.unprotectRtp(HEX.parseHex(SRTP))));
        assertNull("replayed", receiver.unprotectRtp(HEX.parseHex(SRTP)));
        SrtpTransform sender = new SrtpTransform(KEY, 10);
        sender.protectRtcp(HEX.parseHex("81c8000bcafebabe" + "ab".repeat(16)));
        assertEquals("81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798",
                HEX.formatHex(sender.protectRtcp(HEX.parseHex("81c8000bcafebabe" + "ab".repeat(16)))));
    }
}
