package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.callpost.api.store.MessageStore;
import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Calls in the mailbox's language and in the caller's, end to end: a JAIN-SIP PBX on loopback
 * places the calls, an RTP peer on a real socket hears them, and what it hears is compared, by
 * samples, with the WAVs of the shipped packs read straight from their bundles.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LanguageIT extends CallpostDistribution {
    /** A PIN no port, time or id can contain. */
    private static final String PIN = "97531";
    /** How alike (normalised correlation, 1: the same) a prompt is to what the peer heard where it is best placed. */
    private static final double SAME = 0.9;
    /** Below this, a prompt is not in what the peer heard (different words correlate well under 0.5). */
    private static final double ABSENT = 0.6;

    @Inject
    MessageStore store;

    private SipRegistrar registrar;
    private PbxCaller pbx;
    private final List<AutoCloseable> open = new ArrayList<>();
    private int sipPort;

    @Before
    public void integrationAndGermanMailbox() throws Exception {
        java.util.Dictionary<String, Object> mwi = new java.util.Hashtable<>();
        mwi.put("callout.integration", "no-lamps-in-language-tests");
        configAdmin.getConfiguration("org.callpost.mwi", "?").update(mwi);
        registrar = new SipRegistrar("lang", SipRegistrar.freePort(), "s3cret");
        sipPort = SipRegistrar.freePort();
        int mediaBase = 20000 + 2 * (int) (Math.random() * 10000);
        configure("lang", "profile", "mivoice400", "sip.server.address", "127.0.0.1", "sip.server.port",
                String.valueOf(registrar.port()), "local.address", "127.0.0.1", "sip.local.port", String.valueOf(sipPort),
                "pbx.password", "s3cret", "line.extensions", "31-34", "hunt.group.access.code", "30",
                "media.base.port", String.valueOf(mediaBase), "on.hook.delay.millis", "300");
        assertTrue(registrar.await(r -> r.hasRegistered(List.of("31", "32", "33", "34")), 30_000));
        pbx = new PbxCaller("lang", "tcp");
        if (store.mailbox("201").isPresent()) {
            store.removeMailbox("201");
        }
        // as a dealer does it: the shell, its language checked against the installed packs
        String refused = shell("callpost:mailbox-add --language es --pin " + PIN + " 201");
        assertTrue(refused, refused.contains("--language 'es' is not an installed language (installed: de, en, fr"));
        assertTrue(store.mailbox("201").isEmpty());
        String added = shell("callpost:mailbox-add --language de --name Anna --pin " + PIN + " 201");
        assertTrue(added, added.contains("Mailbox 201 created for extension 201 speaking de"));
        assertEquals("de", store.mailbox("201").orElseThrow().language());
    }

    @After
    public void tearDown() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        remove("lang");
        Thread.sleep(300);
        pbx.close();
        registrar.close();
    }

    @Test
    public void aCallForwardedToAGermanMailboxHearsTheGermanSystemGreeting() throws Exception {
        RtpPeer rtp = new RtpPeer();
        open.add(rtp);
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "31", "0441234567", "201", rtp.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);

        // "Die Person mit der Nebenstelle zwei null eins ist nicht erreichbar. Bitte hinterlassen Sie ..."
        List<String> greeting = List.of("greeting-person-at-extension", "num-2", "num-0", "num-1",
                "greeting-is-not-available", "greeting-leave-message-after-tone", "greeting-when-finished");
        short[] german = concat(greeting.stream().map(id -> pack("de", id)).toList());
        short[] heard = awaitHeard(rtp, pack("de", "greeting-person-at-extension"), german.length, 30_000);

        int at = bestOffset(heard, pack("de", "greeting-person-at-extension"));
        double whole = similarity(heard, at, german);
        assertTrue("the peer heard the German greeting prompts one after the other: " + whole, whole >= SAME);
        double english = best(heard, pack("en", "greeting-person-at-extension"));
        System.out.printf("LanguageIT German greeting: %.3f alike over %d samples, the English prompt %.3f%n", whole,
                german.length, english);
        assertTrue("and not the English greeting: " + english, english < ABSENT);
        c.bye();
    }

    @Test
    public void aCallerWhoPressesStarLogsOnInFrenchAndHearsTheMenusInFrench() throws Exception {
        RtpPeer rtp = new RtpPeer();
        open.add(rtp);
        // an outside caller to the pilot number: asked for a mailbox, in English (the system's language)
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "32", "0441234567", "30", rtp.sdpOffer());
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        int port = c.callpostRtpPort();

        short[] frenchStar = pack("fr", "logon-star-for-language");
        short[] heard = awaitHeard(rtp, frenchStar, frenchStar.length, 20_000);
        double star = best(heard, frenchStar);
        assertTrue("'Pour le français, appuyez sur étoile', in French after the English prompt: " + star, star >= SAME);
        assertTrue("the mailbox prompt itself in English", best(heard, pack("en", "logon-enter-mailbox-or-pound")) >= SAME);

        int from = received(rtp);
        rtp.sendDtmf("127.0.0.1", port, "*#", 100);
        short[] frenchPrompt = pack("fr", "logon-enter-mailbox-or-pound");
        heard = awaitHeard(rtp, from, frenchPrompt, frenchPrompt.length, 20_000);
        assertTrue("the mailbox prompt again, in French", best(heard, frenchPrompt) >= SAME);

        from = received(rtp);
        rtp.sendDtmf("127.0.0.1", port, "201", 100);
        short[] frenchPin = pack("fr", "logon-enter-pin");
        heard = awaitHeard(rtp, from, frenchPin, frenchPin.length, 10_000);
        assertTrue("'Veuillez saisir votre code', in French", best(heard, frenchPin) >= SAME);

        from = received(rtp);
        rtp.sendDtmf("127.0.0.1", port, PIN + "#", 100);
        // "Vous n'avez aucun nouveau message ...": the caller's French wins over the mailbox's German
        short[] none = pack("fr", "you-have-not");
        heard = awaitHeard(rtp, from, none, none.length, 10_000);
        assertTrue("the counts in French, negated before none", best(heard, none) >= SAME);
        double german = best(heard, pack("de", "you-have"));
        System.out.printf("LanguageIT French logon: 'Vous n'avez' %.3f alike, the German 'Sie haben' %.3f%n",
                best(heard, none), german);
        assertTrue("not in the mailbox's German: " + german, german < ABSENT);
        c.bye();
    }

    @Test
    public void theSystemsLanguageSetByTheShellIsWhatACallerHearsFirst() throws Exception {
        String wrong = shell("callpost:setting lang transport SCTP");
        assertTrue(wrong, wrong.contains("lang: transport is one of TCP, UDP, not 'SCTP'; nothing changed"));
        String unknown = shell("callpost:setting nowhere transport UDP");
        assertTrue(unknown, unknown.contains("No integration 'nowhere' is configured"));
        String set = shell("callpost:setting messaging language fr");
        assertTrue(set, set.contains("messaging: language = fr"));
        try {
            Thread.sleep(1000); // the messaging component takes its new configuration
            RtpPeer rtp = new RtpPeer();
            open.add(rtp);
            OutgoingCall c = pbx.call("127.0.0.1", sipPort, "33", "0441234567", "30", rtp.sdpOffer());
            assertTrue(c.codes().toString(), c.got(200, 3000));
            c.ack(null);
            short[] french = pack("fr", "logon-enter-mailbox-or-pound");
            short[] heard = awaitHeard(rtp, french, french.length, 20_000);
            assertTrue("the mailbox prompt in French", best(heard, french) >= SAME);
            // star after French gives German: "Für Deutsch drücken Sie die Sterntaste", in German
            short[] germanStar = pack("de", "logon-star-for-language");
            heard = awaitHeard(rtp, germanStar, germanStar.length, 10_000);
            assertTrue("the star announced in German", best(heard, germanStar) >= SAME);
            c.bye();
        } finally {
            configAdmin.getConfiguration("org.callpost.messaging", "?").delete();
        }
    }

    @Test
    public void aFrenchSubscriberHearsTheEnvelopeOfAMessageInFrench() throws Exception {
        if (store.mailbox("202").isPresent()) {
            store.removeMailbox("202");
        }
        String added = shell("callpost:mailbox-add --language fr --pin " + PIN + " 202");
        assertTrue(added, added.contains("Mailbox 202 created for extension 202 speaking fr"));

        // a caller from 0441234567 forwarded to 202: # skips the French greeting to the beep, then 2 s of voice
        RtpPeer caller = new RtpPeer();
        open.add(caller);
        OutgoingCall f = pbx.call("127.0.0.1", sipPort, "31", "0441234567", "202", caller.sdpOffer(),
                "Diversion: <sip:202@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(f.codes().toString(), f.got(200, 3000));
        f.ack(null);
        short[] greeting = pack("fr", "greeting-person-at-extension");
        assertTrue("the French greeting", best(awaitHeard(caller, greeting, greeting.length, 20_000), greeting) >= SAME);
        caller.sendDtmf("127.0.0.1", f.callpostRtpPort(), "#", 100);
        Thread.sleep(1000); // the beep
        caller.sendTone("127.0.0.1", f.callpostRtpPort(), 440, 2000);
        caller.awaitSent(4000);
        f.bye();
        long end = System.currentTimeMillis() + 5000;
        while (store.counts("202").newCount() == 0 && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertEquals(1, store.counts("202").newCount());

        // its subscriber calls from 202, gives the PIN and presses 1 for the new message
        RtpPeer phone = new RtpPeer();
        open.add(phone);
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "32", "202", "30", phone.sdpOffer());
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        int port = c.callpostRtpPort();
        short[] pin = pack("fr", "logon-enter-pin");
        assertTrue("'Veuillez saisir votre code'", best(awaitHeard(phone, pin, pin.length, 10_000), pin) >= SAME);
        int from = received(phone);
        phone.sendDtmf("127.0.0.1", port, PIN + "#", 100);
        short[] youHave = pack("fr", "you-have");
        assertTrue("'Vous avez un nouveau message'", best(awaitHeard(phone, from, youHave, youHave.length, 10_000),
                youHave) >= SAME);
        from = received(phone);
        phone.sendDtmf("127.0.0.1", port, "1", 100);

        // "Premier message. Message de zéro quatre quatre un deux trois quatre cinq six sept, reçu aujourd'hui à ..."
        List<String> envelope = List.of("first-message", "envelope-message-from", "num-0", "num-4", "num-4", "num-1",
                "num-2", "num-3", "num-4", "num-5", "num-6", "num-7", "envelope-received", "today", "at");
        short[] french = concat(envelope.stream().map(id -> pack("fr", id)).toList());
        short[] heard = awaitHeard(phone, from, pack("fr", "first-message"), french.length, 20_000);
        double whole = similarity(heard, bestOffset(heard, pack("fr", "first-message")), french);
        assertTrue("the envelope in French, prompt after prompt: " + whole, whole >= SAME);
        double messageFrom = best(heard, pack("en", "envelope-message-from"));
        double received = best(heard, pack("en", "envelope-received"));
        double four = best(heard, pack("en", "num-4"));
        System.out.printf("LanguageIT French envelope: %.3f alike over %d samples; the English 'Message from' %.3f,"
                + " 'received' %.3f, 'four' %.3f%n", whole, french.length, messageFrom, received, four);
        assertTrue("not the English 'Message from': " + messageFrom, messageFrom < ABSENT);
        assertTrue("not the English 'received': " + received, received < ABSENT);
        assertTrue("not the English digits: " + four, four < ABSENT);
        c.bye();
    }

    // ------------------------------------------------------------------ the packs' audio

    /** A prompt's samples as its pack ships it: read from the pack's bundle, not through the prompt service. */
    private short[] pack(String language, String id) {
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().equals("org.callpost.prompts." + language)) {
                URL url = b.getEntry("/prompts/" + language + "/" + id + ".wav");
                if (url == null) {
                    throw new AssertionError("the " + language + " pack has no " + id + ".wav");
                }
                try (InputStream in = url.openStream()) {
                    Path file = Files.createTempFile("prompt-" + language + "-" + id, ".wav");
                    Files.write(file, in.readAllBytes());
                    try {
                        return Wav.read(file).samples;
                    } finally {
                        Files.delete(file);
                    }
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no bundle org.callpost.prompts." + language);
    }

    private static short[] concat(List<short[]> parts) {
        int length = parts.stream().mapToInt(p -> p.length).sum();
        short[] all = new short[length];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    // ------------------------------------------------------------------ what the peer heard

    private static List<RtpPeer.Packet> pcmu(RtpPeer rtp) {
        return rtp.received().stream().filter(p -> p.payloadType() == 0).toList();
    }

    private static int received(RtpPeer rtp) {
        return pcmu(rtp).size();
    }

    private static short[] audio(List<RtpPeer.Packet> packets) {
        List<short[]> frames = new ArrayList<>();
        for (RtpPeer.Packet p : packets) {
            short[] s = new short[p.payload().length];
            for (int i = 0; i < s.length; i++) {
                int u = ~p.payload()[i] & 0xFF;
                int t = ((u & 0x0F) << 3) + 0x84;
                t <<= (u & 0x70) >> 4;
                s[i] = (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
            }
            frames.add(s);
        }
        return concat(frames);
    }

    private static short[] awaitHeard(RtpPeer rtp, short[] start, int length, long millis) throws InterruptedException {
        return awaitHeard(rtp, 0, start, length, millis);
    }

    /**
     * What the peer heard from its {@code from}th packet on, once {@code start} is in it and
     * {@code length} samples have come after where it begins (or the time is up).
     */
    private static short[] awaitHeard(RtpPeer rtp, int from, short[] start, int length, long millis)
            throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        short[] heard = new short[0];
        while (System.currentTimeMillis() < end) {
            List<RtpPeer.Packet> all = pcmu(rtp);
            heard = audio(all.subList(Math.min(from, all.size()), all.size()));
            if (heard.length >= length) {
                int at = bestOffset(heard, start);
                if (similarity(heard, at, start) >= SAME && heard.length >= at + length) {
                    return heard;
                }
            }
            Thread.sleep(200);
        }
        return heard;
    }

    /** How alike {@code prompt} is to what was heard, where it is best placed. */
    private static double best(short[] heard, short[] prompt) {
        return heard.length < prompt.length ? 0 : similarity(heard, bestOffset(heard, prompt), prompt);
    }

    /**
     * Where in {@code heard} the prompt begins, by the best match of a stretch of its voice (half a
     * second from its loudest part on, so that its silent lead-in does not decide).
     */
    private static int bestOffset(short[] heard, short[] prompt) {
        int window = Math.min(4000, prompt.length);
        int loud = 0;
        long loudest = -1;
        for (int i = 0; i + window <= prompt.length; i += 400) {
            long energy = 0;
            for (int j = i; j < i + window; j += 4) {
                energy += (long) prompt[j] * prompt[j];
            }
            if (energy > loudest) {
                loudest = energy;
                loud = i;
            }
        }
        short[] voice = java.util.Arrays.copyOfRange(prompt, loud, loud + window);
        int bestAt = 0;
        double bestScore = -2;
        for (int at = 0; at + window <= heard.length; at++) {
            double score = similarity(heard, at, voice);
            if (score > bestScore) {
                bestScore = score;
                bestAt = at;
            }
        }
        return Math.max(0, bestAt - loud);
    }

    /**
     * Normalised correlation of {@code expected} with the heard samples from {@code at}: 1 for the
     * same audio at any level, near 1 through G.711's quantisation, near 0 for other words.
     */
    private static double similarity(short[] heard, int at, short[] expected) {
        if (at + expected.length > heard.length) {
            return 0;
        }
        double dot = 0;
        double a = 0;
        double b = 0;
        for (int i = 0; i < expected.length; i++) {
            double x = heard[at + i];
            double y = expected[i];
            dot += x * y;
            a += x * x;
            b += y * y;
        }
        return a == 0 || b == 0 ? 0 : dot / Math.sqrt(a * b);
    }
}
