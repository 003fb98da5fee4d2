package org.callpost.sip.internal.config;

import org.callpost.support.seal.PasswordSeal;
import org.callpost.support.seal.PasswordSealing;
import static org.callpost.sip.internal.config.Configs.config;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.callpost.api.integration.PbxPassword;
import org.callpost.api.integration.SettingProblem;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PasswordSealTest {
    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private PasswordSeal seal(String file) {
        return new PasswordSeal(dir.getRoot().toPath().resolve(file));
    }

    @Test
    public void aSealedPasswordOpensWithTheSameKeyAndNeverShowsTheClearText() throws Exception {
        PasswordSeal seal = seal("callpost.key");
        String sealed = seal.seal("s3cret-Ü");
        assertTrue(sealed, sealed.startsWith(PasswordSeal.PREFIX));
        assertFalse(sealed, sealed.contains("s3cret"));
        assertNotEquals("a fresh IV each time", sealed, seal.seal("s3cret-Ü"));
        assertEquals("s3cret-Ü", seal.unseal(sealed));
        // a new instance (a restart) reads the key file the first one made
        assertEquals("s3cret-Ü", seal("callpost.key").unseal(sealed));
    }

    @Test
    public void theKeyFileIsMadeOnceAndReadableByItsOwnerOnly() throws Exception {
        PasswordSeal seal = seal("etc/callpost.key");
        seal.seal("pw");
        Path key = seal.keyFile();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String first = Files.readString(key);
        seal("etc/callpost.key").seal("pw");
        assertEquals("a second sealing keeps the key", first, Files.readString(key));
        try (var files = Files.list(key.getParent())) {
            assertEquals("no temporary file left behind", List.of(key), files.toList());
        }
    }

    @Test
    public void aValueSealedUnderAnotherKeyOrAlteredIsRefusedNamingTheKeyFile() throws Exception {
        String sealed = seal("a.key").seal("pw");
        PasswordSeal other = seal("b.key");
        other.seal("make b's key");
        assertRefused(other, sealed, "does not open with the key in");
        char[] c = sealed.toCharArray();
        c[c.length - 3] = c[c.length - 3] == 'A' ? 'B' : 'A';
        assertRefused(seal("a.key"), new String(c), "does not open with the key in");
        assertRefused(seal("a.key"), PasswordSeal.PREFIX + "!!", "damaged");
        assertRefused(seal("a.key"), PasswordSeal.PREFIX + "AAAA", "damaged");
        assertRefused(seal("missing.key"), sealed, "missing");
    }

    private static void assertRefused(PasswordSeal seal, String value, String why) {
        try {
            seal.unseal(value);
            fail("opened " + value);
        } catch (PasswordSeal.SealException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(why));
        }
    }

    @Test
    public void theSettingsReaderOpensASealedPasswordAndNamesTheSettingWhenItCannot() throws Exception {
        PasswordSeal seal = seal("callpost.key");
        SettingsReader reader = new SettingsReader(a -> true, seal);
        SettingsReader.Result r = reader.read("office400",
                config("lineExtensions", new String[] {"31-38"}, "pbxPassword", seal.seal("s3cret")));
        assertTrue(r.problems().toString(), r.acceptable());
        assertEquals(PbxPassword.of("s3cret"), r.settings().password());

        SettingsReader.Result bad = new SettingsReader(a -> true, seal("other.key"))
                .read("office400", config("lineExtensions", new String[] {"31-38"}, "pbxPassword", seal.seal("s3cret")));
        SettingProblem p = bad.problems().get(0);
        assertEquals("pbxPassword", p.setting());
        assertTrue(p.fix(), p.fix().contains("set pbxPassword again in clear text"));
        assertFalse(p.toString().contains("s3cret"));
    }

    @Test
    public void filterValuesAreEscaped() {
        assertEquals("org.callpost.integration~a\\(b\\)\\*\\\\", PasswordSealing.escape("org.callpost.integration~a(b)*\\"));
    }
}
