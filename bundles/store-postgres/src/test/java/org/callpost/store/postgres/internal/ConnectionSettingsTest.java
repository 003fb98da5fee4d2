package org.callpost.store.postgres.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.annotation.Annotation;
import java.nio.file.Path;

import org.callpost.support.seal.PasswordSeal;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The connection settings as an administrator types them: a wrong one is refused, named, with its fix. */
public class ConnectionSettingsTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static PostgresStoreConfig config(String url, String user, String password, int pool, String spool) {
        return new PostgresStoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PostgresStoreConfig.class;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String user() {
                return user;
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public int pool_size() {
                return pool;
            }

            @Override
            public String spool_folder() {
                return spool;
            }

            @Override
            public String node_name() {
                return "";
            }
        };
    }

    private static void refused(PostgresStoreConfig config, String setting, String fix) {
        try {
            ConnectionSettings.of(config, null, "/opt/karaf/data");
            fail("refused: " + setting);
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("org.callpost.store.postgres " + setting + " "));
            assertTrue(expected.getMessage(), expected.getMessage().contains(fix));
        }
    }

    @Test
    public void aGoodConfigurationIsReadWithKarafDataInTheSpool() {
        ConnectionSettings read = ConnectionSettings.of(config(" jdbc:postgresql://db:5432/callpost?ssl=true ", "callpost",
                "secret", 8, "${karaf.data}/callpost/spool"), null, "/opt/karaf/data");
        assertEquals("jdbc:postgresql://db:5432/callpost?ssl=true", read.url());
        assertEquals(Path.of("/opt/karaf/data/callpost/spool"), read.spool());
        assertEquals("jdbc:postgresql://db:5432/callpost", read.where());
        assertFalse("never the password", read.toString().contains("secret"));
    }

    @Test
    public void wrongSettingsAreRefusedNamingTheSetting() {
        refused(config("", "callpost", "", 8, "/spool"), "url", "jdbc:postgresql://<host>:5432/<database>");
        refused(config("jdbc:mysql://db/callpost", "callpost", "", 8, "/spool"), "url", "jdbc:postgresql://");
        refused(config("jdbc:postgresql://db/callpost", " ", "", 8, "/spool"), "user", "set user");
        refused(config("jdbc:postgresql://db/callpost", "callpost", "", 0, "/spool"), "pool.size", "between 1 and 100");
        refused(config("jdbc:postgresql://db/callpost", "callpost", "", 101, "/spool"), "pool.size", "between 1 and 100");
        refused(config("jdbc:postgresql://db/callpost", "callpost", "", 8, ""), "spool.folder", "set spool.folder");
    }

    @Test
    public void aSealedPasswordIsOpenedAndABrokenOneRefused() throws Exception {
        PasswordSeal seal = new PasswordSeal(temp.getRoot().toPath().resolve("callpost.key"), PostgresStoreStarter.SEAL_PURPOSE);
        String sealed = seal.seal("db-secret");
        ConnectionSettings read = ConnectionSettings.of(config("jdbc:postgresql://db/callpost", "callpost", sealed, 8, "/spool"),
                seal, null);
        assertEquals("db-secret", read.password());

        PasswordSeal otherPurpose = new PasswordSeal(seal.keyFile(), PasswordSeal.PBX_PASSWORD);
        try {
            ConnectionSettings.of(config("jdbc:postgresql://db/callpost", "callpost", sealed, 8, "/spool"), otherPurpose, null);
            fail("a value sealed for the store does not open as another setting");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("org.callpost.store.postgres password "));
            assertTrue(expected.getMessage(), expected.getMessage().contains("set password again in clear text"));
        }
    }

    @Test
    public void aNodeNameThatIsNotANameIsRefusedNamingTheSetting() {
        try {
            NodeName.of("node 1; drop");
            org.junit.Assert.fail("refused");
        } catch (IllegalArgumentException e) {
            org.junit.Assert.assertTrue(e.getMessage(), e.getMessage().contains("node.name"));
        }
        org.junit.Assert.assertEquals("node-1", NodeName.of(" node-1 "));
        org.junit.Assert.assertNotEquals("each start its own", NodeName.of(""), NodeName.of(""));
    }
}
