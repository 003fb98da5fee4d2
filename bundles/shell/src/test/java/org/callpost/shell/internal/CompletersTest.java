package org.callpost.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.console.CommandLine;
import org.callpost.api.call.CallInfo;
import org.callpost.api.call.IncomingInvite;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.lamp.LampRequest;
import org.callpost.api.profile.MessageWaiting;
import org.callpost.api.profile.SwitchProfile;
import org.callpost.shell.internal.settings.FixedValues;
import org.junit.Test;

/** What a dealer gets on tab: profile ids, a fixed setting's values, the installed languages. */
public class CompletersTest {

    @Test
    public void profileIdsAreTheInstalledProfilesInOrder() {
        ProfileIdCompleter c = new ProfileIdCompleter();
        assertEquals(List.of(), c.values());
        c.profiles = List.of(profile("mivoice400"), profile("generic"));
        assertEquals(List.of("generic", "mivoice400"), c.values());
        assertEquals(List.of("mivoice400"), complete(c, "callpost:setting office400 profile mi"));
    }

    @Test
    public void aFixedSettingsValuesAreCompletedAfterItsName() {
        SettingValueCompleter c = new SettingValueCompleter();
        c.profiles = List.of(profile("mivoice400"), profile("generic"));
        assertEquals(List.of("TCP", "UDP"), complete(c, "callpost:setting office400 transport "));
        assertEquals(List.of("UDP"), complete(c, "callpost:setting office400 transport U"));
        assertEquals(List.of("confirmed"), complete(c, "callpost:setting messaging transfer.mode con"));
        assertEquals(List.of("generic", "mivoice400"), complete(c, "callpost:setting office400 profile "));
        assertEquals("no prompt service: no language to offer", List.of(), complete(c, "callpost:setting messaging language "));
        assertEquals("a setting of any value: nothing", List.of(), complete(c, "callpost:setting messaging first.extension "));
    }

    @Test
    public void aValueOutsideTheFixedSetIsRefusedNamingTheSettingAndItsValues() {
        assertEquals("transport is one of TCP, UDP, not 'SCTP'", FixedValues.problem("transport", "SCTP", Set.of(), Set.of()));
        assertNull("case as the components read it", FixedValues.problem("transport", "udp", Set.of(), Set.of()));
        assertEquals("profile is one of generic, mivoice400, not 'cisco'",
                FixedValues.problem("profile", "cisco", Set.of("mivoice400", "generic"), Set.of()));
        assertEquals("language is one of de, en, fr, not 'es'", FixedValues.problem("language", "es", Set.of(),
                Set.of("en", "de", "fr")));
        assertNull("any other setting is the component's to check", FixedValues.problem("first.extension", "x", Set.of(),
                Set.of()));
    }

    @Test
    public void languagesAreTheInstalledPacksAndNone() {
        LanguageCompleter c = new LanguageCompleter();
        assertEquals("no prompt service: only the system's rule", List.of("none"), c.values());
        c.prompts = installed("fr", "en", "de");
        assertEquals(List.of("de", "en", "fr", "none"), c.values());
        assertEquals(List.of("de"), complete(c, "callpost:mailbox-edit --language d"));

        SettingValueCompleter values = new SettingValueCompleter();
        values.prompts = installed("en", "de");
        assertEquals(List.of("de", "en"), complete(values, "callpost:setting messaging language "));
    }

    /** What the completer offers for the last word of {@code line} (the cursor at its end). */
    private static List<String> complete(org.apache.karaf.shell.api.console.Completer completer, String line) {
        List<String> words = new ArrayList<>(List.of(line.trim().split(" +")));
        if (line.endsWith(" ")) {
            words.add("");
        }
        String[] args = words.toArray(new String[0]);
        String cursor = args[args.length - 1];
        CommandLine commandLine = new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return args.length - 1;
            }

            @Override
            public String getCursorArgument() {
                return cursor;
            }

            @Override
            public int getArgumentPosition() {
                return cursor.length();
            }

            @Override
            public String[] getArguments() {
                return args;
            }

            @Override
            public int getBufferPosition() {
                return line.length();
            }

            @Override
            public String getBuffer() {
                return line;
            }
        };
        List<String> candidates = new ArrayList<>();
        completer.complete(null, commandLine, candidates);
        return candidates.stream().map(String::trim).sorted().toList();
    }

    /** A prompt service that only says which languages are installed. */
    private static org.callpost.api.prompt.Prompts installed(String... languages) {
        return (org.callpost.api.prompt.Prompts) java.lang.reflect.Proxy.newProxyInstance(CompletersTest.class.getClassLoader(),
                new Class<?>[] {org.callpost.api.prompt.Prompts.class}, (proxy, method, args) -> {
                    if (method.getName().equals("languages")) {
                        return Set.of(languages);
                    }
                    throw new UnsupportedOperationException(method.getName() + " in a completer's test");
                });
    }

    private static SwitchProfile profile(String id) {
        return new SwitchProfile() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String displayName() {
                return id;
            }

            @Override
            public List<SettingProblem> validate(IntegrationSettings settings) {
                return List.of();
            }

            @Override
            public boolean allowsBlindTransfer() {
                return true;
            }

            @Override
            public CallInfo interpret(IncomingInvite invite, IntegrationSettings settings) {
                throw new UnsupportedOperationException("no calls in a completer's test");
            }

            @Override
            public MessageWaiting messageWaiting(LampRequest request, IntegrationSettings settings) {
                throw new UnsupportedOperationException("no lamps in a completer's test");
            }

            @Override
            public boolean lampsShowCounts() {
                return false;
            }
        };
    }
}
