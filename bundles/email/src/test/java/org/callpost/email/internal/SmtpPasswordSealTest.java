package org.callpost.email.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import org.callpost.support.seal.PasswordSeal;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** smtp.password is sealed with the host's key like pbx.password, and bound to what it is. */
public class SmtpPasswordSealTest {
    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    @Test
    public void sealedAndOpenedWithTheSameKeyButNeverAsThePbxPassword() throws Exception {
        Path key = dir.getRoot().toPath().resolve("callpost.key");
        PasswordSeal smtp = new PasswordSeal(key, EmailComponent.SEAL_PURPOSE);
        String sealed = smtp.seal("m4il-s3cret");
        assertTrue(sealed, PasswordSeal.isSealed(sealed));
        assertFalse(sealed.contains("m4il-s3cret"));
        assertEquals("m4il-s3cret", new PasswordSeal(key, EmailComponent.SEAL_PURPOSE).unseal(sealed));
        try {
            new PasswordSeal(key).unseal(sealed); // the PBX password's seal, same key file
            fail("an SMTP password opened as a PBX password");
        } catch (PasswordSeal.SealException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("does not open"));
        }
    }
}
