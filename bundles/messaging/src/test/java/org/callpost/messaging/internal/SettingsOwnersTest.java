package org.callpost.messaging.internal;

import static org.junit.Assert.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.callpost.api.store.Mailbox;
import org.junit.Test;

/**
 * Issue 14: the minimum message length belongs to the store (the messaging key is deprecated but
 * still read), and the numbering plan is asked of this bundle's service, not read from its pid.
 */
public class SettingsOwnersTest {
    @Test
    public void theDeprecatedMessagingMinimumIsStillReadAndOtherwiseTheStoresApplies() {
        assertEquals(0, VoicemailApplication.deprecatedMinimum(Map.of()));
        assertEquals(2500, VoicemailApplication.deprecatedMinimum(Map.of("minimum.message.millis", "2500")));
        assertEquals(1500, VoicemailApplication.deprecatedMinimum(Map.of("minimum.message.millis", 1500)));
        assertEquals("not a number: the store's minimum", 0, VoicemailApplication.deprecatedMinimum(Map.of("minimum.message.millis", "x")));
        assertEquals("the store's minimum unless the messaging one says more", 0, Settings.of(defaults()).minimumMessageMillis());
    }

    @Test
    public void theNumberingPlanGivesTheFirstFreeNumber() {
        CallFlowsTest.FakeStore store = new CallFlowsTest.FakeStore();
        MailboxNumberingService numbering = new MailboxNumberingService(store, 3, "200");
        assertEquals(Optional.of("200"), numbering.nextFreeNumber());
        store.createMailbox(Mailbox.of("200", "", ""), null);
        store.createMailbox(Mailbox.of("201", "", ""), null);
        assertEquals(Optional.of("202"), numbering.nextFreeNumber());
        assertEquals(3, numbering.mailboxLength());
        assertEquals("200", numbering.firstNumber());
        store.createMailbox(Mailbox.of("999", "", ""), null);
        assertEquals("none of 3 digits is left from 999", Optional.empty(), new MailboxNumberingService(store, 3, "999").nextFreeNumber());
        assertEquals(Optional.empty(), new MailboxNumberingService(store, 2, "200").nextFreeNumber());
        assertEquals(Optional.empty(), new MailboxNumberingService(store, 3, "2x0").nextFreeNumber());
        MailboxNumberingService fromConfig = new MailboxNumberingService(store, defaults());
        assertEquals("the messaging defaults, read once, here", Optional.of("202"), fromConfig.nextFreeNumber());
    }

    private static MessagingConfig defaults() {
        return (MessagingConfig) java.lang.reflect.Proxy.newProxyInstance(MessagingConfig.class.getClassLoader(),
                new Class<?>[] {MessagingConfig.class}, (proxy, method, args) -> method.getDefaultValue());
    }
}
