package org.callpost.email.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SeenMessagesTest {
    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    @Test
    public void onlyMessagesNotSeenBeforeAndTheListSurvivesARestart() throws Exception {
        Path d = dir.getRoot().toPath();
        SeenMessages seen = new SeenMessages(d);
        assertFalse(seen.known("201"));
        seen.save("201", List.of("a", "b"));
        assertTrue(seen.known("201"));
        assertEquals(List.of("c"), seen.unseen("201", List.of("a", "b", "c")));
        assertEquals("unseen does not mark them: only save does", List.of("c"), seen.unseen("201", List.of("a", "b", "c")));
        seen.save("201", List.of("a", "b", "c"));

        SeenMessages restarted = new SeenMessages(d);
        assertTrue(restarted.known("201"));
        assertEquals(List.of(), restarted.unseen("201", List.of("a", "b", "c")));
        assertEquals(List.of("d"), restarted.unseen("201", List.of("c", "d")));
        assertFalse("another mailbox is its own", restarted.known("202"));
    }

    @Test
    public void idsThatLeftTheNewFolderAreForgottenAndAMailboxCanBeForgotten() throws Exception {
        Path d = dir.getRoot().toPath();
        SeenMessages seen = new SeenMessages(d);
        seen.save("201", List.of("a", "b"));
        seen.save("201", List.of("b"));
        assertEquals(List.of("a"), new SeenMessages(d).unseen("201", List.of("a", "b")));
        seen.forget("201");
        assertFalse(new SeenMessages(d).known("201"));
    }
}
