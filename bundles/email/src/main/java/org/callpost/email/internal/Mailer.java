package org.callpost.email.internal;

/** Hands one queued email to the SMTP server. */
interface Mailer {

    /** What the SMTP server made of an email. */
    record Result(Kind kind, String answer) {
        static Result sent(String answer) {
            return new Result(Kind.SENT, answer);
        }

        static Result retry(String answer) {
            return new Result(Kind.RETRY, answer);
        }

        static Result refused(String answer) {
            return new Result(Kind.REFUSED, answer);
        }
    }

    enum Kind {
        /** Accepted: the server's 250 to the message's data. */
        SENT,
        /** Not now: a 4xx answer, no connection, a time-out; tried again later. */
        RETRY,
        /** Refused for good: a 5xx answer to the message, or nothing left to send. */
        REFUSED
    }

    /** Sends the email; never throws. */
    Result send(QueuedEmail email);
}
