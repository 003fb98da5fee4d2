package org.callpost.messaging.internal.attendant;

import static org.callpost.messaging.internal.attendant.Configs.mode;
import static org.callpost.messaging.internal.attendant.RoutesTest.assertRefused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;

/** An answer mode's settings as the administrator writes them, and the refusal of wrong ones. */
public class AnswerModeTest {
    @Test
    public void keysAreReadAsWrittenInACfgFile() {
        AnswerMode m = mode("day", "keys", "1=mode:sales, 2=mailbox:300, 0=operator, 9=name, *=logon, 3=extension:205",
                "after.tries", "goodbye", "tries", 2, "timeout.seconds", 4);
        assertEquals(List.of('1', '2', '0', '9', '*', '3'), List.copyOf(m.keys().keySet()));
        assertEquals(new MenuAction(MenuAction.Kind.MODE, "sales"), m.keys().get('1'));
        assertEquals(new MenuAction(MenuAction.Kind.MAILBOX, "300"), m.keys().get('2'));
        assertEquals(MenuAction.GOODBYE, m.afterTries());
        assertEquals(2, m.tries());
        assertEquals(4000, m.timeoutMillis());
        assertEquals("built from the keys", m.describeGreeting());
        assertEquals("", m.language());
        assertEquals("de-ch", mode("day", "language", "de_CH").language());
    }

    @Test
    public void wrongSettingsAreRefusedNamingThem() {
        assertRefused("keys: 'x=operator' is not key=action", () -> mode("day", "keys", "x=operator"));
        assertRefused("keys: 'opertor' is not an action", () -> mode("day", "keys", "0=opertor"));
        assertRefused("keys: 'mode' names no mode: write mode:<mode>", () -> mode("day", "keys", "1=mode"));
        assertRefused("keys: key 1 is given twice", () -> mode("day", "keys", "1=name, 1=operator"));
        assertRefused("after.tries = name", () -> mode("day", "after.tries", "name"));
        assertRefused("greeting.wav = /nowhere/day.wav cannot be read", () -> mode("day", "greeting.wav", "/nowhere/day.wav"));
        assertRefused("tries = 0: use 1 to 10", () -> mode("day", "tries", 0));
        assertRefused("language = German! is not a language tag: use e.g. de, fr or de-ch",
                () -> mode("day", "language", "German!"));
    }

    @Test
    public void aWrongChangeKeepsTheLastGoodConfiguration() {
        AnswerModeSetting s = new AnswerModeSetting(Configs.of(AnswerModeConfig.class, "name", "day", "keys", "0=operator"),
                Map.of("service.pid", "org.callpost.answermode~day"));
        s.modified(Configs.of(AnswerModeConfig.class, "name", "day", "keys", "0=opertor"),
                Map.of("service.pid", "org.callpost.answermode~day"));
        assertEquals(MenuAction.OPERATOR, s.value().orElseThrow().keys().get('0'));
        assertTrue(s.problem().orElseThrow(), s.problem().orElseThrow().contains("'opertor' is not an action"));
        assertEquals("day", s.label());
        AnswerModeSetting refused = new AnswerModeSetting(Configs.of(AnswerModeConfig.class, "name", "x y"),
                Map.of("service.pid", "org.callpost.answermode~xy"));
        assertEquals(Optional.empty(), refused.value());
        assertEquals("x y", refused.label());
    }
}
