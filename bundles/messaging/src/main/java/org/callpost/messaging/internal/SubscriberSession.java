package org.callpost.messaging.internal;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.callpost.api.media.PlayItem;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.prompt.PromptId;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.Message;
import org.callpost.api.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscriber on the phone with their mailbox: logon (mailbox number and PIN, or # to leave a
 * message for an extension), the main menu
 * ("you have N new and M saved messages"; 1 new, 2 saved, 3 greetings, 4 change PIN, 0 operator,
 * * help, # good-bye) and message playback (envelope, message; 1 replay, 2 save, 3 delete, 4 live
 * reply, 5 forward, 7 back 5 s, 9 ahead 5 s, # next).
 * PIN attempts are logged, never their digits; too many wrong ones end the call. PINs are checked
 * through {@link org.callpost.api.messaging.PinLogons}, which counts them with the web's and refuses
 * every PIN of a locked mailbox; a trusted extension's logon asks no PIN and so is not refused.
 * <p>
 * Threads: runs on the call's executor (see {@link CallContext}), as do the menus it opens
 * ({@link GreetingsMenu}, {@link PinChange}, {@link MessageForwarding}, {@link ExtensionDialling});
 * only the store work it hands to {@link CallContext#inStore} runs on a store worker.
 */
final class SubscriberSession {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriberSession.class);

    private final CallContext context;
    private Mailbox mailbox;
    private int wrongPins;
    private int wrongMailboxes;
    private String pinFrom;

    SubscriberSession(CallContext context) {
        this.context = context;
    }

    private String id() {
        return context.call.id();
    }

    // ------------------------------------------------------------------ logon

    /** A direct call from a number that is no subscriber's extension: ask which mailbox. */
    void askMailbox() {
        askMailbox(CallContext.join(context.say(PromptId.WELCOME), enterMailbox()));
    }

    /**
     * "Enter your mailbox number", then, with more than one language installed, "for English,
     * press star" said in the language star gives, so that a caller who does not understand this
     * one hears it in the one they would get.
     */
    private List<PlayItem> enterMailbox() {
        List<PlayItem> items = new ArrayList<>(context.say(PromptId.LOGON_ENTER_MAILBOX_OR_POUND));
        if (context.severalLanguages()) {
            items.addAll(context.prompts.play(context.languageAfterThis(), PromptId.LOGON_STAR_FOR_LANGUAGE));
        }
        return items;
    }

    private void askMailbox(List<PlayItem> prompt) {
        context.keypad.collect(prompt, context.settings.mailboxLength()).thenAccept(number -> {
            if (context.ended()) {
                return;
            }
            if (number.equals("#")) {
                new ExtensionDialling(context).start();
                return;
            }
            if (number.equals("*")) {
                // star switches the language for this call; the prompt again says it in the new one
                String now = context.nextLanguage();
                LOG.info("Call {}: language switched to '{}' for this call", id(), now);
                askMailbox(enterMailbox());
                return;
            }
            if (number.isEmpty() || !number.chars().allMatch(Character::isDigit)) {
                mailboxNotFound(number);
                return;
            }
            context.inStore(() -> context.store.mailbox(number)
                    .or(() -> context.store.mailboxOfExtension(context.call.integration(), number)))
                    .whenComplete((found, e) -> {
                        if (e != null) {
                            context.fail("mailbox look-up failed", e);
                        } else if (found.isEmpty()) {
                            mailboxNotFound(number);
                        } else {
                            askPin(found.get(), List.of());
                        }
                    });
        });
    }

    private void mailboxNotFound(String number) {
        wrongMailboxes++;
        LOG.info("Call {}: no mailbox '{}' (try {} of {})", id(), number, wrongMailboxes, context.settings.pinAttempts());
        if (wrongMailboxes >= context.settings.pinAttempts()) {
            context.endWith(PromptId.LOGON_MAILBOX_INVALID, PromptId.LOGON_TOO_MANY_ATTEMPTS);
        } else {
            askMailbox(CallContext.join(context.say(PromptId.LOGON_MAILBOX_INVALID), enterMailbox()));
        }
    }

    /**
     * Logon to a known mailbox: without a PIN when called from its own extension and the mailbox
     * trusts it, else with one.
     *
     * @param fromGreeting whether the subscriber pressed * in the mailbox's greeting (always asks the PIN)
     */
    void logOn(Mailbox box, boolean fromGreeting) {
        context.mailboxLanguage(box); // the call is its subscriber's from here: the PIN is asked in its language
        if (!fromGreeting && box.trustExtension()) {
            loggedOn(box, "its own extension, trusted");
        } else {
            askPin(box, List.of());
        }
    }

    /**
     * Logon on a message notification callout: whoever answered hears the announcement, then
     * the PIN is asked (the mailbox's trust in its own extension does not apply).
     */
    void logOnFromCallout(Mailbox box, List<PlayItem> announcement) {
        pinFrom = "phone callout to " + context.call.info().dialledNumber();
        askPin(box, announcement);
    }

    /** Where this call's PINs come from, for the count shared with the web and the administrator. */
    private String pinFrom() {
        if (pinFrom == null) {
            String number = context.call.info().callingNumber();
            pinFrom = "phone " + (number.isEmpty() ? "(number withheld)" : number);
        }
        return pinFrom;
    }

    private void askPin(Mailbox box, List<PlayItem> before) {
        int digits = context.store.pinRules().maxLength();
        context.keypad.collect(CallContext.join(before, context.say(PromptId.LOGON_ENTER_PIN)), digits).thenAccept(pin -> {
            if (context.ended()) {
                return;
            }
            if (pin.isEmpty()) {
                noPin(box); // the key time-out passed with no key: nothing to check
                return;
            }
            String number = box.number();
            String from = pinFrom();
            context.inStore(() -> context.pins.check(number, pin, from)).whenComplete((result, e) -> {
                if (e != null) {
                    context.fail("PIN check failed for mailbox " + box.number(), e);
                    return;
                }
                switch (result.outcome()) {
                    case ACCEPTED -> loggedOn(box, "PIN, attempt " + (wrongPins + 1));
                    case LOCKED -> locked(box, result);
                    // no PIN set or the mailbox just removed: the caller hears what a wrong PIN gets
                    case WRONG, NO_PIN, NO_MAILBOX -> wrongPin(box);
                }
            });
        });
    }

    /**
     * Wrong PINs of this call: too many end it ({@code pin.attempts}). They count for the lockout
     * too, which {@link org.callpost.api.messaging.PinLogons} logs.
     */
    private void wrongPin(Mailbox box) {
        wrongPins++;
        int allowed = context.settings.pinAttempts();
        LOG.info("Call {}: wrong PIN for mailbox {} from '{}' (attempt {} of {})", id(), box.number(),
                context.call.info().callingNumber(), wrongPins, allowed);
        if (wrongPins >= allowed) {
            LOG.warn("Call {}: too many wrong PINs for mailbox {}: call ended", id(), box.number());
            context.endWith(PromptId.LOGON_PIN_INCORRECT, PromptId.LOGON_TOO_MANY_ATTEMPTS);
        } else {
            askPin(box, context.say(PromptId.LOGON_PIN_INCORRECT));
        }
    }

    /** Locked (by this PIN or before): no PIN is checked, so the call has nothing left to try. */
    private void locked(Mailbox box, org.callpost.api.messaging.PinCheck result) {
        LOG.warn("Call {}: mailbox {} is locked until {}: the caller hears so and the call ends", id(), box.number(),
                result.lockedUntil().map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()).orElse("(unknown)"));
        context.endWith(PromptId.LOGON_MAILBOX_LOCKED);
    }

    /** No key before the time-out: counted as an attempt (so silence cannot hold a line), but no wrong PIN. */
    private void noPin(Mailbox box) {
        wrongPins++;
        int allowed = context.settings.pinAttempts();
        LOG.info("Call {}: no PIN entered for mailbox {} from '{}' (attempt {} of {})", id(), box.number(),
                context.call.info().callingNumber(), wrongPins, allowed);
        if (wrongPins >= allowed) {
            LOG.warn("Call {}: no PIN entered for mailbox {} after {} attempts: call ended", id(), box.number(), allowed);
            context.endWith(PromptId.LOGON_TOO_MANY_ATTEMPTS);
        } else {
            askPin(box, List.of());
        }
    }

    private void loggedOn(Mailbox box, String how) {
        mailbox = box;
        context.mailboxLanguage(box); // the rest of the session in the mailbox's language, unless star chose one
        LOG.info("Call {}: subscriber logged on to mailbox {} ({})", id(), box.number(), how);
        context.onEnd().thenRun(this::loggedOff);
        mainMenu(true, List.of());
    }

    private void loggedOff() {
        String box = mailbox.number();
        context.inStore(() -> context.store.purgeDeleted(box)).whenComplete((n, e) -> {
            if (e != null) {
                LOG.warn("Call {}: deleted messages of mailbox {} not purged", id(), mailbox.number(), e);
            } else if (n > 0) {
                LOG.info("Call {}: {} deleted messages of mailbox {} purged", id(), n, mailbox.number());
            }
        });
    }

    // ------------------------------------------------------------------ main menu

    /** "You have N new and M saved messages" (and a full mailbox), when {@code announce}. */
    List<PlayItem> countsItems(MailboxCounts counts, boolean announce) {
        List<PlayItem> items = new ArrayList<>();
        String lang = context.language();
        if (announce) {
            items.addAll(context.prompts.sayYouHave(lang, counts.newCount())); // French: "Vous n'avez aucun"
            items.addAll(context.prompts.sayCount(lang, counts.newCount(), PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES));
            items.addAll(context.say(PromptId.AND));
            items.addAll(context.prompts.sayCount(lang, counts.savedCount(), PromptId.SAVED, PromptId.MESSAGE,
                    PromptId.MESSAGES));
            if (counts.full()) {
                items.addAll(context.say(PromptId.YOUR_MAILBOX_FULL));
            }
        }
        return items;
    }

    /** The main menu's choices. */
    List<PlayItem> mainMenuItems() {
        List<PlayItem> items = new ArrayList<>();
        items.addAll(context.say(PromptId.MAIN_MENU_NEW, PromptId.MAIN_MENU_SAVED, PromptId.MAIN_MENU_GREETINGS,
                PromptId.MAIN_MENU_PIN));
        if (context.settings.hasOperator()) {
            items.addAll(context.say(PromptId.MAIN_MENU_OPERATOR));
        }
        items.addAll(context.say(PromptId.MAIN_MENU_HELP, PromptId.MAIN_MENU_GOODBYE));
        return items;
    }

    /** The keys the main menu takes. */
    String mainMenuKeys() {
        return "1234*#" + (context.settings.hasOperator() ? "0" : "");
    }

    private void mainMenu(boolean announce, List<PlayItem> before) {
        if (context.ended()) {
            return;
        }
        String box = mailbox.number();
        context.inStore(() -> context.store.counts(box)).whenComplete((counts, e) -> {
            if (e != null) {
                context.fail("counts of mailbox " + mailbox.number() + " unreadable", e);
                return;
            }
            List<PlayItem> intro = CallContext.join(before, countsItems(counts, announce));
            context.keypad.menu(intro, mainMenuItems(), mainMenuKeys()).thenAccept(this::mainMenuChoice);
        });
    }

    void mainMenuChoice(char key) {
        if (context.ended()) {
            return;
        }
        switch (key) {
            case '1' -> folder(Folder.NEW);
            case '2' -> folder(Folder.SAVED);
            case '3' -> new GreetingsMenu(context, mailbox, () -> mainMenu(false, List.of())).start();
            case '4' -> new PinChange(context, mailbox, () -> mainMenu(false, List.of())).start();
            case '0' -> toOperator();
            case '*' -> mainMenu(false, context.say(PromptId.MAIN_MENU_HELP_TEXT));
            case '#' -> context.endWith();
            default -> giveUp();
        }
    }

    /** No valid choice three times: the operator, or good-bye. */
    private void giveUp() {
        if (context.settings.hasOperator()) {
            toOperator();
        } else {
            context.endWith();
        }
    }

    private void toOperator() {
        context.toOperator().thenAccept(handedOver -> {
            if (!handedOver) {
                mainMenu(false, List.of());
            }
        });
    }

    // ------------------------------------------------------------------ messages

    private void folder(Folder folder) {
        String box = mailbox.number();
        context.inStore(() -> context.store.messages(box, folder)).whenComplete((list, e) -> {
            if (e != null) {
                context.fail("messages of mailbox " + mailbox.number() + " unreadable", e);
            } else if (list.isEmpty()) {
                // "no new messages" by the language's grammar: "keine neuen Nachrichten", "aucun nouveau message"
                String lang = context.language();
                mainMenu(false, CallContext.join(context.prompts.sayYouHave(lang, 0), context.prompts.sayCount(lang, 0,
                        folder == Folder.NEW ? PromptId.NEW : PromptId.SAVED, PromptId.MESSAGE, PromptId.MESSAGES)));
            } else {
                play(list, 0);
            }
        });
    }

    /** What is said before a message: who left it, when, how long it is. */
    List<PlayItem> envelope(Message m, ZonedDateTime now) {
        String lang = context.language();
        List<PlayItem> items = new ArrayList<>();
        if (m.urgent()) {
            items.addAll(context.say(PromptId.URGENT));
        }
        items.addAll(context.say(PromptId.ENVELOPE_MESSAGE_FROM));
        String number = m.envelope().callingNumber();
        String digits = number.replaceAll("[^0-9]", "");
        if (number.isEmpty()) {
            items.addAll(context.say(PromptId.ENVELOPE_UNKNOWN_CALLER));
        } else if (digits.isEmpty()) {
            items.addAll(context.say(PromptId.ENVELOPE_OUTSIDE_CALLER));
        } else {
            if (digits.length() <= 6) {
                items.addAll(context.say(PromptId.ENVELOPE_EXTENSION));
            }
            items.addAll(context.prompts.sayDigits(lang, digits));
        }
        items.addAll(context.say(PromptId.ENVELOPE_RECEIVED));
        items.addAll(context.prompts.sayDateTime(lang, m.envelope().received().atZone(now.getZone()), now));
        items.addAll(context.say(PromptId.ENVELOPE_LENGTH));
        items.addAll(context.prompts.sayDuration(lang, m.duration()));
        return items;
    }

    private void play(List<Message> list, int index) {
        if (context.ended()) {
            return;
        }
        if (index >= list.size()) {
            mainMenu(true, context.say(PromptId.NO_MORE_MESSAGES));
            return;
        }
        Message m = list.get(index);
        List<PlayItem> header = CallContext.join(context.say(index == 0 ? PromptId.FIRST_MESSAGE : PromptId.NEXT_MESSAGE),
                envelope(m, ZonedDateTime.now(ZoneId.systemDefault())));
        context.keypad.route(null);
        context.play(header, Keypad.ALL_KEYS).thenAccept(o -> playAudio(list, index, m.audio(), 0));
    }

    /** The keys that act while a message plays (the message menu's). */
    static final String MESSAGE_KEYS = "1234579#";

    /**
     * Plays a message's audio ({@code audio} is the message or an excerpt of it starting at
     * {@code offsetMillis}); a key from the message menu acts at once.
     */
    private void playAudio(List<Message> list, int index, Path audio, long offsetMillis) {
        if (context.ended()) {
            return;
        }
        Message m = list.get(index);
        long started = System.nanoTime();
        context.play(List.of(PlayItem.wav(audio)), MESSAGE_KEYS).thenAccept(o -> {
            if (!audio.equals(m.audio())) {
                deleteQuietly(audio);
            }
            if (o.reason() == PlayOutcome.Reason.SESSION_CLOSED) {
                return;
            }
            heard(m);
            long position = offsetMillis + (System.nanoTime() - started) / 1_000_000;
            if (o.reason() == PlayOutcome.Reason.KEY && (o.key() == '7' || o.key() == '9')) {
                skip(list, index, position + (o.key() == '7' ? -5000 : 5000));
            } else if (o.reason() == PlayOutcome.Reason.KEY) {
                messageChoice(list, index, o.key());
            } else {
                messageMenu(list, index);
            }
        });
    }

    /** 7 and 9 while a message plays: on from another position (the end: the message menu). */
    private void skip(List<Message> list, int index, long toMillis) {
        Message m = list.get(index);
        if (toMillis >= m.duration().toMillis()) {
            messageMenu(list, index);
            return;
        }
        long from = Math.max(0, toMillis);
        context.inStore(() -> from == 0 ? m.audio() : WavExcerpt.from(m.audio(), from)).whenComplete((excerpt, e) -> {
            if (e != null) {
                LOG.warn("Call {}: message {} cannot be played from {} ms", id(), m.id(), from, e);
                playAudio(list, index, m.audio(), 0);
            } else {
                playAudio(list, index, excerpt, from);
            }
        });
    }

    private static void deleteQuietly(Path file) {
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            LOG.debug("temporary excerpt {} not deleted", file, e);
        }
    }

    private void heard(Message m) {
        if (m.folder() == Folder.NEW && !m.heard()) {
            String box = mailbox.number();
            context.inStore(() -> context.store.markHeard(box, m.id())).exceptionally(e -> {
                LOG.warn("Call {}: message {} of mailbox {} not marked heard", id(), m.id(), mailbox.number(), e);
                return m;
            });
        }
    }

    private void messageMenu(List<Message> list, int index) {
        messageMenu(list, index, List.of());
    }

    private void messageMenu(List<Message> list, int index, List<PlayItem> before) {
        if (context.ended()) {
            return;
        }
        // after the message only going back makes sense (its last 5 s); during it 7 and 9 both work
        List<PlayItem> items = context.say(PromptId.PLAY_MENU_REPLAY, PromptId.PLAY_MENU_SAVE, PromptId.PLAY_MENU_DELETE,
                PromptId.PLAY_MENU_REPLY, PromptId.PLAY_MENU_FORWARD, PromptId.PLAY_MENU_BACK, PromptId.PLAY_MENU_NEXT);
        context.keypad.menu(before, items, "123457#").thenAccept(key -> messageChoice(list, index, key));
    }

    private void messageChoice(List<Message> list, int index, char key) {
        if (context.ended()) {
            return;
        }
        Message m = list.get(index);
        switch (key) {
            case '1' -> playAudio(list, index, m.audio(), 0);
            case '2' -> moveThenNext(list, index, m, Folder.SAVED, PromptId.MESSAGE_SAVED);
            case '3' -> moveThenNext(list, index, m, Folder.DELETED, PromptId.MESSAGE_DELETED);
            case '4' -> reply(list, index, m);
            case '5' -> new MessageForwarding(context, mailbox, m, () -> messageMenu(list, index)).start();
            case '7' -> skip(list, index, m.duration().toMillis() - 5000);
            case '#' -> play(list, index + 1);
            default -> giveUp();
        }
    }

    /** Whether a number is an extension of this PBX (a live reply can ring it). */
    static boolean internal(String number) {
        return number.matches("\\d{1,6}");
    }

    /** 4: live reply: a supervised transfer to the internal sender; else "you cannot reply". */
    private void reply(List<Message> list, int index, Message m) {
        String sender = m.envelope().callingNumber();
        if (!internal(sender)) {
            messageMenu(list, index, context.say(PromptId.REPLY_NOT_POSSIBLE));
            return;
        }
        if (!mailbox.belongsTo(context.call.integration())) {
            // the sender is an extension of the mailbox's PBX; this call can only ring this PBX's
            LOG.info("Call {}: no live reply to extension {}: mailbox {} is on integration {}, the call came through {}",
                    id(), sender, mailbox.number(), mailbox.integration(), context.call.integration());
            messageMenu(list, index, context.say(PromptId.REPLY_NOT_POSSIBLE));
            return;
        }
        LOG.info("Call {}: live reply from mailbox {} to extension {}", id(), mailbox.number(), sender);
        context.transfer(sender, context.settings.operatorNoAnswerSeconds(), PromptId.EXTENSION_NOT_ANSWERING)
                .thenAccept(handedOver -> {
                    if (!handedOver) {
                        messageMenu(list, index);
                    }
                });
    }

    private void moveThenNext(List<Message> list, int index, Message m, Folder to, String said) {
        if (m.folder() == to) {
            context.play(context.say(said), "").thenAccept(o -> play(list, index + 1));
            return;
        }
        String box = mailbox.number();
        context.inStore(() -> context.store.move(box, m.id(), to)).whenComplete((moved, e) -> {
            if (unavailable(e)) {
                // the store's database does not answer: nothing changed; said politely, not as an error
                LOG.warn("Call {}: message {} of mailbox {} not moved to {}: {}", id(), m.id(), mailbox.number(), to,
                        unwrap(e).getMessage());
                context.endWith(PromptId.MAILBOX_UNAVAILABLE);
            } else if (e != null) {
                LOG.warn("Call {}: message {} of mailbox {} not moved to {}", id(), m.id(), mailbox.number(), to, e);
                context.play(context.say(PromptId.SYSTEM_ERROR), "").thenAccept(o -> play(list, index + 1));
            } else {
                LOG.info("Call {}: message {} of mailbox {} moved to {}", id(), m.id(), mailbox.number(), to);
                context.play(context.say(said), "").thenAccept(o -> play(list, index + 1));
            }
        });
    }

    static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** Whether a store operation failed because the store cannot keep changes now (its database is down). */
    static boolean unavailable(Throwable e) {
        return e != null && unwrap(e) instanceof StoreUnavailableException;
    }
}
