package org.callpost.shell.internal.mailboxes;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class MailboxCsvTest {
    @Test
    public void quotedFieldsHoldCommasQuotesAndLineBreaksAndRecordsKeepTheLineTheyStartOn() {
        List<MailboxCsv.Record> records = MailboxCsv.parse("number,name\r\n201,\"Meier, \"\"Anna\"\"\"\n202,\"two\nlines\"\n203,x");
        assertEquals(List.of("number", "name"), records.get(0).fields());
        assertEquals(List.of("201", "Meier, \"Anna\""), records.get(1).fields());
        assertEquals(List.of("202", "two\nlines"), records.get(2).fields());
        assertEquals(3, records.get(2).line());
        assertEquals("the line after the two-line record", 5, records.get(3).line());
    }

    @Test
    public void aQuoteThatDoesNotEndNamesItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MailboxCsv.parse("number,name\n201,\"Anna\n"));
        assertEquals("line 2: a quoted field does not end (a \" is missing)", e.getMessage());
    }

    @Test
    public void aLineIsWrittenAsItIsReadBack() {
        List<String> fields = List.of("202", "Meier, \"Bruno\"", "");
        assertEquals("202,\"Meier, \"\"Bruno\"\"\",\n", MailboxCsv.line(fields));
        assertEquals(fields, MailboxCsv.parse(MailboxCsv.line(fields)).get(0).fields());
    }
}
