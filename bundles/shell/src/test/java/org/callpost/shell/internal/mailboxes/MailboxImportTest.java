package org.callpost.shell.internal.mailboxes;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.callpost.api.store.Mailbox;
import org.callpost.shell.internal.pbx.ShippedConfiguration;
import org.junit.Before;
import org.junit.Test;

public class MailboxImportTest {
    private static final String GOOD = "number,extension,name,pin,integration,trust_extension,callout,max_messages,max_seconds\n"
            + "201,,Anna Meier,4711,office400,no,,,\n"
            + "202,212,\"Meier, Bruno\",,,yes,0797001122,50,600\n"
            + "203,none,Reception,,,,,,\n";

    private InMemoryStore store;
    private MailboxImport importer;

    @Before
    public void store() throws Exception {
        store = new InMemoryStore();
        importer = new MailboxImport(store, Set.of("office400"), List.of(ShippedConfiguration.settings()), null,
                new Random(7), Set.of("en", "de", "fr"));
    }

    @Test
    public void aGoodFileCreatesEveryMailboxWithItsSettingsAndARandomPinForThoseGivenNone() throws Exception {
        MailboxImport.Outcome o = importer.run(GOOD);

        assertEquals(List.of(), o.problems());
        assertEquals("3 created, 0 changed, 0 unchanged", o.counts());
        Mailbox anna = store.mailbox("201").orElseThrow();
        assertEquals("its own number as extension", "201", anna.extension());
        assertEquals("office400", anna.integration());
        assertEquals("Anna Meier", anna.name());
        assertTrue(store.checkPin("201", "4711"));
        Mailbox bruno = store.mailbox("202").orElseThrow();
        assertEquals("212", bruno.extension());
        assertEquals("Meier, Bruno", bruno.name());
        assertTrue(bruno.trustExtension());
        assertEquals("0797001122", bruno.notification().calloutNumber());
        assertEquals(50, bruno.limits().maxMessages());
        assertEquals(600, bruno.limits().maxTotalSeconds());
        assertEquals("", store.mailbox("203").orElseThrow().extension());
        assertEquals(Set.of("202", "203"), o.randomPins().keySet());
        for (Map.Entry<String, String> pin : o.randomPins().entrySet()) {
            assertTrue(pin.getValue(), pin.getValue().matches("\\d{6}"));
            assertTrue("the PIN printed is the mailbox's", store.checkPin(pin.getKey(), pin.getValue()));
        }
    }

    @Test
    public void aFileWithTwoBadRowsIsRefusedWholeNamingTheirLines() throws Exception {
        String bad = "number,extension,name,pin\n"
                + "201,201,Anna,4711\n"
                + "202,2x2,Bruno,\n"
                + "203,203,Carla,12\n"
                + "204,204,Dora,\n";

        MailboxImport.Outcome o = importer.run(bad);

        assertTrue(o.refused());
        assertEquals(List.of("line 3: the extension '2x2' is not digits (or 'none')",
                "line 4: the PIN is refused: a PIN is 4 to 8 digits"), o.problems());
        assertEquals("nothing created, not even the good rows", List.of(), store.mailboxes());
        assertFalse("the refusal never holds a PIN", String.join(" ", o.problems()).contains("4711"));
    }

    @Test
    public void rowsThatCollideWithEachOtherOrTheStoreAreRefused() throws Exception {
        store.createMailbox(Mailbox.of("300", "250", "There already"), null);
        String bad = "number,extension,integration,max_messages\n"
                + "201,201,,\n"
                + "201,202,,\n"
                + "205,250,,\n"
                + "206,206,pbx9,\n"
                + "207,207,,-1\n";

        List<String> problems = importer.run(bad).problems();

        assertEquals(List.of("line 3: mailbox 201 is on line 2 already",
                "line 5: no integration 'pbx9' is configured (configured: office400)",
                "line 6: max_messages is a whole number from 0 (the store's default) to 10000, not '-1'",
                "line 4: extension 250 is mailbox 300's already"), problems);
        assertEquals(1, store.mailboxes().size());
    }

    @Test
    public void theSameFileTwiceMakesNoDuplicatesAndChangesNothingTheSecondTime() throws Exception {
        importer.run(GOOD);
        int writes = store.writes;

        MailboxImport.Outcome again = importer.run(GOOD);

        assertEquals("0 created, 0 changed, 3 unchanged", again.counts());
        assertEquals(Map.of(), again.randomPins());
        assertEquals(3, store.mailboxes().size());
        assertEquals("nothing written", writes, store.writes);
    }

    @Test
    public void aRowThatDiffersChangesItsMailboxOnly() throws Exception {
        importer.run(GOOD);
        MailboxImport.Outcome o = importer.run("number,name,pin\n201,Anna Keller,\n202,,9999\n203,,\n");
        assertEquals("0 created, 2 changed, 1 unchanged", o.counts());
        assertEquals("Anna Keller", store.mailbox("201").orElseThrow().name());
        assertEquals("an empty cell keeps the extension", "201", store.mailbox("201").orElseThrow().extension());
        assertTrue(store.checkPin("202", "9999"));
    }

    @Test
    public void aNumberThatIsALineOrThePilotGetsNoExtensionAndSaysWhy() throws Exception {
        MailboxImport.Outcome o = importer.run("number\n31\n");
        assertEquals("", store.mailbox("31").orElseThrow().extension());
        assertEquals(List.of("line 2: mailbox 31 gets no extension (extension 31 is one of Callpost's own lines on office400)"),
                o.notes());
    }

    @Test
    public void theExportHasNoPinAndImportsBackUnchanged() throws Exception {
        importer.run(GOOD);
        String csv = MailboxExport.csv(store.mailboxes(), Map.of());

        assertFalse(csv, csv.contains("4711"));
        assertEquals("number,extension,name,pin,pin_set,integration,trust_extension,callout,max_messages,max_seconds,email,"
                + "language\n"
                + "201,201,Anna Meier,,yes,office400,no,,0,0,,none\n"
                + "202,212,\"Meier, Bruno\",,yes,,yes,0797001122,50,600,,none\n"
                + "203,none,Reception,,yes,,no,,0,0,,none\n", csv);
        assertEquals("0 created, 0 changed, 3 unchanged", importer.run(csv).counts());
    }

    @Test
    public void aLanguageColumnSetsInstalledLanguagesAndRefusesOthersNamingTheColumn() throws Exception {
        importer.run(GOOD); // a file from before the column: every mailbox follows the system's rule
        assertEquals("", store.mailbox("201").orElseThrow().language());

        MailboxImport.Outcome bad = importer.run("number,language\n201,de\n202,es\n203,Deutsch\n");
        assertEquals(List.of("line 3: the language column 'es' is not an installed language (installed: de, en, fr; "
                + "install its prompt pack, a bundle like callpost-prompts-de, first)",
                "line 4: the language column is a language tag such as de or fr (or none), not 'Deutsch'"), bad.problems());
        assertEquals("refused whole", "", store.mailbox("201").orElseThrow().language());

        MailboxImport.Outcome good = importer.run("number,language\n201,DE\n202,fr-CH\n203,\n");
        assertEquals("0 created, 2 changed, 1 unchanged", good.counts());
        assertEquals("de", store.mailbox("201").orElseThrow().language());
        assertEquals("a tag whose parent is installed", "fr-ch", store.mailbox("202").orElseThrow().language());
        String csv = MailboxExport.csv(store.mailboxes(), Map.of());
        assertTrue(csv, csv.contains("201,201,Anna Meier,,yes,office400,no,,0,0,,de\n"));
        assertEquals("0 created, 0 changed, 3 unchanged", importer.run(csv).counts());
        assertEquals("0 created, 1 changed, 0 unchanged", importer.run("number,language\n201,none\n").counts());
        assertEquals("", store.mailbox("201").orElseThrow().language());
    }
}
