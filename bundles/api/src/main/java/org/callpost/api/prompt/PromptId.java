package org.callpost.api.prompt;

/**
 * The prompt ids the call flows use, each with the words of the English pack. Every language pack
 * uses the same ids; a WAV named {@code <id>.wav} in the pack holds each one.
 * <p>
 * The words that sequences are built from follow a fixed scheme and are not listed here:
 * {@code num-0} .. {@code num-19}, {@code num-20}, {@code num-30} .. {@code num-90},
 * {@code hundred}, {@code thousand}; ordinals {@code ord-1} .. {@code ord-31}; weekdays
 * {@code day-monday} .. {@code day-sunday}; months {@code month-january} ..
 * {@code month-december}. Use {@link Prompts} to say numbers, dates and durations.
 */
public final class PromptId {

    private PromptId() {
    }

    // Greetings (forwarded calls)
    /** "The person at extension" */
    public static final String GREETING_PERSON_AT_EXTENSION = "greeting-person-at-extension";
    /** "is not available." */
    public static final String GREETING_IS_NOT_AVAILABLE = "greeting-is-not-available";
    /** "is busy." */
    public static final String GREETING_IS_BUSY = "greeting-is-busy";
    /** "Please leave a message after the tone." */
    public static final String GREETING_LEAVE_MESSAGE_AFTER_TONE = "greeting-leave-message-after-tone";
    /** "When you have finished, hang up, or press pound for more options." */
    public static final String GREETING_WHEN_FINISHED = "greeting-when-finished";
    /** "To leave a message, press pound." */
    public static final String GREETING_TO_LEAVE_MESSAGE_PRESS_POUND = "greeting-to-leave-message-press-pound";
    /** "For the operator, press 0." */
    public static final String GREETING_FOR_OPERATOR_PRESS_0 = "greeting-for-operator-press-0";

    // Recording menu (after pound)
    /** "To listen to your message, press 1." */
    public static final String RECORD_MENU_LISTEN = "record-menu-listen";
    /** "To record it again, press 2." */
    public static final String RECORD_MENU_RECORD_AGAIN = "record-menu-record-again";
    /** "To mark it urgent, press 3." */
    public static final String RECORD_MENU_URGENT = "record-menu-urgent";
    /** "To send it, press pound." */
    public static final String RECORD_MENU_SEND = "record-menu-send";
    /** "Your message is marked urgent." */
    public static final String RECORD_MARKED_URGENT = "record-marked-urgent";
    /** "Your message has been sent." */
    public static final String RECORD_SENT = "record-sent";
    /** "Your message was too short. Nothing was recorded." */
    public static final String RECORD_TOO_SHORT = "record-too-short";
    /** "Please record after the tone. When you have finished, press pound." */
    public static final String RECORD_AFTER_TONE = "record-after-tone";
    /** "Thank you." */
    public static final String THANK_YOU = "thank-you";

    // Direct calls and logon
    /** "Welcome to voice mail." */
    public static final String WELCOME = "welcome";
    /** "Please enter your mailbox number." */
    public static final String LOGON_ENTER_MAILBOX = "logon-enter-mailbox";
    /** "Please enter your mailbox number, or press pound to leave a message." */
    public static final String LOGON_ENTER_MAILBOX_OR_POUND = "logon-enter-mailbox-or-pound";
    /** "Please enter the extension of the person you are calling." */
    public static final String LOGON_ENTER_EXTENSION = "logon-enter-extension";
    /** "Please enter your PIN." */
    public static final String LOGON_ENTER_PIN = "logon-enter-pin";
    /** "That PIN is not correct." */
    public static final String LOGON_PIN_INCORRECT = "logon-pin-incorrect";
    /** "That mailbox number is not valid." */
    public static final String LOGON_MAILBOX_INVALID = "logon-mailbox-invalid";
    /** "That extension is not valid." */
    public static final String LOGON_EXTENSION_INVALID = "logon-extension-invalid";
    /** "Too many attempts." */
    public static final String LOGON_TOO_MANY_ATTEMPTS = "logon-too-many-attempts";
    /** "This mailbox is locked after too many wrong PINs. Please try again later." */
    public static final String LOGON_MAILBOX_LOCKED = "logon-mailbox-locked";
    /** "Good-bye." */
    public static final String GOODBYE = "goodbye";

    // Main menu
    /** "You have" */
    public static final String YOU_HAVE = "you-have";
    /** "no" */
    public static final String NO = "no";
    /** "new" */
    public static final String NEW = "new";
    /** "saved" */
    public static final String SAVED = "saved";
    /** "urgent" */
    public static final String URGENT = "urgent";
    /** "message" */
    public static final String MESSAGE = "message";
    /** "messages" */
    public static final String MESSAGES = "messages";
    /** "To hear your new messages, press 1." */
    public static final String MAIN_MENU_NEW = "main-menu-new";
    /** "To hear your saved messages, press 2." */
    public static final String MAIN_MENU_SAVED = "main-menu-saved";
    /** "To change your greetings, press 3." */
    public static final String MAIN_MENU_GREETINGS = "main-menu-greetings";
    /** "To change your PIN, press 4." */
    public static final String MAIN_MENU_PIN = "main-menu-pin";
    /** "For the operator, press 0." */
    public static final String MAIN_MENU_OPERATOR = "main-menu-operator";
    /** "For help, press star." */
    public static final String MAIN_MENU_HELP = "main-menu-help";
    /** "To end this call, press pound." */
    public static final String MAIN_MENU_GOODBYE = "main-menu-goodbye";
    /** "You can press a key at any time. Star repeats the choices; 0 reaches the operator." */
    public static final String MAIN_MENU_HELP_TEXT = "main-menu-help-text";

    // Greetings menu (3)
    /** "To record your personal greeting, press 1." */
    public static final String GREETINGS_MENU_PERSONAL = "greetings-menu-personal";
    /** "To record your busy greeting, press 2." */
    public static final String GREETINGS_MENU_BUSY = "greetings-menu-busy";
    /** "To record your name, press 3." */
    public static final String GREETINGS_MENU_NAME = "greetings-menu-name";
    /** "To choose which greeting callers hear, press 4." */
    public static final String GREETINGS_MENU_CHOOSE = "greetings-menu-choose";
    /** "For your personal greeting, press 1." */
    public static final String GREETINGS_CHOOSE_PERSONAL = "greetings-choose-personal";
    /** "For the system greeting, press 2." */
    public static final String GREETINGS_CHOOSE_SYSTEM = "greetings-choose-system";
    /** "Callers now hear your personal greeting." */
    public static final String GREETINGS_NOW_PERSONAL = "greetings-now-personal";
    /** "Callers now hear the system greeting." */
    public static final String GREETINGS_NOW_SYSTEM = "greetings-now-system";
    /** "Your greeting has been saved." */
    public static final String GREETINGS_SAVED = "greetings-saved";
    /** "Your name has been saved." */
    public static final String GREETINGS_NAME_SAVED = "greetings-name-saved";
    /** "You have not recorded that greeting." */
    public static final String GREETINGS_NONE_RECORDED = "greetings-none-recorded";

    // PIN change (4)
    /** "Please enter your new PIN, followed by pound." */
    public static final String PIN_ENTER_NEW = "pin-enter-new";
    /** "Please enter your new PIN again." */
    public static final String PIN_ENTER_AGAIN = "pin-enter-again";
    /** "Your PIN has been changed." */
    public static final String PIN_CHANGED = "pin-changed";
    /** "The PINs do not match." */
    public static final String PIN_MISMATCH = "pin-mismatch";
    /** "That PIN is not allowed. Please choose another." */
    public static final String PIN_NOT_ALLOWED = "pin-not-allowed";

    // Message playback: envelope
    /** "First message." */
    public static final String FIRST_MESSAGE = "first-message";
    /** "Next message." */
    public static final String NEXT_MESSAGE = "next-message";
    /** "There are no more messages." */
    public static final String NO_MORE_MESSAGES = "no-more-messages";
    /** "Message from" */
    public static final String ENVELOPE_MESSAGE_FROM = "envelope-message-from";
    /** "extension" */
    public static final String ENVELOPE_EXTENSION = "envelope-extension";
    /** "an outside caller" */
    public static final String ENVELOPE_OUTSIDE_CALLER = "envelope-outside-caller";
    /** "an unknown caller" */
    public static final String ENVELOPE_UNKNOWN_CALLER = "envelope-unknown-caller";
    /** "received" */
    public static final String ENVELOPE_RECEIVED = "envelope-received";
    /** "length" */
    public static final String ENVELOPE_LENGTH = "envelope-length";

    // Message playback: menu
    /** "To replay, press 1." */
    public static final String PLAY_MENU_REPLAY = "play-menu-replay";
    /** "To save, press 2." */
    public static final String PLAY_MENU_SAVE = "play-menu-save";
    /** "To delete, press 3." */
    public static final String PLAY_MENU_DELETE = "play-menu-delete";
    /** "To reply, press 4." */
    public static final String PLAY_MENU_REPLY = "play-menu-reply";
    /** "To forward, press 5." */
    public static final String PLAY_MENU_FORWARD = "play-menu-forward";
    /** "To go back 5 seconds, press 7." */
    public static final String PLAY_MENU_BACK = "play-menu-back";
    /** "To go ahead 5 seconds, press 9." */
    public static final String PLAY_MENU_AHEAD = "play-menu-ahead";
    /** "For the next message, press pound." */
    public static final String PLAY_MENU_NEXT = "play-menu-next";
    /** "Message saved." */
    public static final String MESSAGE_SAVED = "message-saved";
    /** "Message deleted." */
    public static final String MESSAGE_DELETED = "message-deleted";
    /** "Message forwarded." */
    public static final String MESSAGE_FORWARDED = "message-forwarded";
    /** "Please enter the mailbox number to forward this message to." */
    public static final String FORWARD_ENTER_MAILBOX = "forward-enter-mailbox";
    /** "Please record your introduction after the tone. When you have finished, press pound." */
    public static final String FORWARD_RECORD_INTRODUCTION = "forward-record-introduction";
    /** "You cannot reply to this message." */
    public static final String REPLY_NOT_POSSIBLE = "reply-not-possible";

    // Transfers, limits and errors
    /** "Sorry, this mailbox is full and cannot take messages." */
    public static final String MAILBOX_FULL = "mailbox-full";
    /** "Your mailbox is full. Please delete some messages." */
    public static final String YOUR_MAILBOX_FULL = "your-mailbox-full";
    /** "Sorry, the system cannot take a message now. Please call again later." (the store's disk is full) */
    public static final String SYSTEM_CANNOT_TAKE_MESSAGE = "system-cannot-take-message";
    /** "Please hold while I transfer you." */
    public static final String TRANSFER_PLEASE_HOLD = "transfer-please-hold";
    /** "The operator is not available." */
    public static final String OPERATOR_NOT_AVAILABLE = "operator-not-available";
    /** "There is no answer." */
    public static final String EXTENSION_NOT_ANSWERING = "extension-not-answering";
    /** To the called party of a confirmed transfer: "You have a call from" (then the number). */
    public static final String TRANSFER_CALL_FOR_YOU = "transfer-call-for-you";
    /** "To take the call, press 1. To send it to voicemail, press 2." */
    public static final String TRANSFER_CONFIRM = "transfer-confirm";
    /** A message notification callout, before the mailbox number: "This is the voice mail system with new messages for mailbox" */
    public static final String CALLOUT_NEW_MESSAGES_FOR_MAILBOX = "callout-new-messages-for-mailbox";
    // Caller queuing (a caller who finds the extension busy)
    /** "The extension is busy." */
    public static final String QUEUE_EXTENSION_BUSY = "queue-extension-busy";
    /** "You are caller number" (then the place in the queue) */
    public static final String QUEUE_YOU_ARE_CALLER = "queue-you-are-caller";
    /** "in line." */
    public static final String QUEUE_IN_LINE = "queue-in-line";
    /** "To hold, press 1. To leave a message, press 2." */
    public static final String QUEUE_HOLD_OR_MESSAGE = "queue-hold-or-message";
    /** "Please continue to hold. To leave a message, press 2." */
    public static final String QUEUE_PLEASE_HOLD = "queue-please-hold";
    /** "The extension is still busy." */
    public static final String QUEUE_STILL_BUSY = "queue-still-busy";
    /** "That is not a valid choice." */
    public static final String INVALID_CHOICE = "invalid-choice";
    /** "I did not hear your choice." */
    public static final String NO_INPUT = "no-input";
    /** "Please try again." */
    public static final String PLEASE_TRY_AGAIN = "please-try-again";
    /** "Please wait, your fax is being transferred." */
    public static final String FAX_TRANSFER = "fax-transfer";
    /** "Sorry, this number cannot receive faxes." */
    public static final String FAX_NOT_ACCEPTED = "fax-not-accepted";
    /** "Sorry, there is a problem. Please call again later." */
    public static final String SYSTEM_ERROR = "system-error";

    // Keys
    /** "star" */
    public static final String STAR = "star";
    /** "pound" */
    public static final String POUND = "pound";
    /** "press" */
    public static final String PRESS = "press";
    /** "and" */
    public static final String AND = "and";

    // Dates, times and durations
    /** "today" */
    public static final String TODAY = "today";
    /** "yesterday" */
    public static final String YESTERDAY = "yesterday";
    /** "at" */
    public static final String AT = "at";
    /** "A M" */
    public static final String AM = "am";
    /** "P M" */
    public static final String PM = "pm";
    /** "oh" */
    public static final String OH = "oh";
    /** "noon" */
    public static final String NOON = "noon";
    /** "midnight" */
    public static final String MIDNIGHT = "midnight";
    /** "hour" */
    public static final String HOUR = "hour";
    /** "hours" */
    public static final String HOURS = "hours";
    /** "minute" */
    public static final String MINUTE = "minute";
    /** "minutes" */
    public static final String MINUTES = "minutes";
    /** "second" */
    public static final String SECOND = "second";
    /** "seconds" */
    public static final String SECONDS = "seconds";

    // Answer modes (the automated attendant) and dial by name
    /** "If you know the extension of the person you are calling, you may dial it at any time." */
    public static final String ATTENDANT_DIAL_EXTENSION = "attendant-dial-extension";
    /** "For the operator," */
    public static final String ATTENDANT_FOR_OPERATOR = "attendant-for-operator";
    /** "For the company directory," */
    public static final String ATTENDANT_FOR_DIRECTORY = "attendant-for-directory";
    /** "To leave a message," */
    public static final String ATTENDANT_TO_LEAVE_MESSAGE = "attendant-to-leave-message";
    /** "To log on to your mailbox," */
    public static final String ATTENDANT_TO_LOG_ON = "attendant-to-log-on";
    /** "For more choices," */
    public static final String ATTENDANT_FOR_MORE_CHOICES = "attendant-for-more-choices";
    /** "Please spell the first or last name of the person you are calling, then press pound." */
    public static final String DIRECTORY_SPELL_NAME = "directory-spell-name";
    /** "There is no one by that name." */
    public static final String DIRECTORY_NO_MATCH = "directory-no-match";
    /** "To call this person, press 1. For the next name, press 2. To spell again, press star." */
    public static final String DIRECTORY_CHOOSE = "directory-choose";
    /** "There are no more names." */
    public static final String DIRECTORY_NO_MORE_NAMES = "directory-no-more-names";
    /** "To switch to the open mode, press 1. For the closed mode, press 2. To follow the business hours again, press 3." */
    public static final String SCHEDULE_CHOOSE = "schedule-choose";
    /** "The schedule has been changed." */
    public static final String SCHEDULE_CHANGED = "schedule-changed";

    /** "Sorry, your mailbox cannot be changed right now. Please call again later." (the store's database does not answer) */
    public static final String MAILBOX_UNAVAILABLE = "mailbox-unavailable";

    /**
     * "For English, press star." Each pack says it in its own language, naming itself; played,
     * in the language star switches to, after "enter your mailbox number" when more than one
     * language is installed.
     */
    public static final String LOGON_STAR_FOR_LANGUAGE = "logon-star-for-language";
}
