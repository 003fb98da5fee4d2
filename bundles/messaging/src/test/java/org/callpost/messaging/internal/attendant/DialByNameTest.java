package org.callpost.messaging.internal.attendant;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.callpost.api.store.Mailbox;
import org.junit.Test;

/** Letters on the keypad against the first or last name of the mailboxes. */
public class DialByNameTest {
    @Test
    public void lettersAreTheKeysTheyArePrintedOn() {
        assertEquals("76484", DialByName.keys("Smith"));
        assertEquals("accents count as their letter, the rest is skipped", "366633", DialByName.keys("Émond'e"));
        assertEquals("66345", DialByName.keys("O'Neil"));
        assertEquals("9999", DialByName.keys("wxyz"));
    }

    @Test
    public void theFirstOrTheLastNameMatchesFromItsStart() {
        assertTrue(DialByName.matches("764", "Anna Smith"));
        assertTrue(DialByName.matches("266", "Anna Smith"));
        assertFalse("not from the middle", DialByName.matches("484", "Anna Smith"));
        assertTrue("a double name's second part", DialByName.matches("627", "Jean-Marc Dupont"));
        assertFalse(DialByName.matches("", "Anna Smith"));
    }

    @Test
    public void onlyNamedMailboxesWithAnExtensionAreFoundInNameOrder() {
        List<Mailbox> boxes = List.of(Mailbox.of("201", "201", "Sam Smith"), Mailbox.of("202", "202", "Anna Smithers"),
                Mailbox.of("300", "", "Smith general"), Mailbox.of("203", "203", ""), Mailbox.of("204", "204", "Paul Jones"));
        assertEquals(List.of("202", "201"), DialByName.find("7648", boxes).stream().map(Mailbox::number).toList());
        assertEquals(List.of("204"), DialByName.find("5663", boxes).stream().map(Mailbox::number).toList());
        assertEquals(List.of(), DialByName.find("999", boxes));
    }
}
