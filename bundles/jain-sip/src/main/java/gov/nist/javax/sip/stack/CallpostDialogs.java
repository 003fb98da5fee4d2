package gov.nist.javax.sip.stack;

import javax.sip.Dialog;

/**
 * Callpost's one addition to the RI's stack package (it needs the package's access).
 * <p>
 * The RI (1.3.0-91) sends a 2xx to an INVITE before it starts the dialog's retransmission timer
 * ({@code SIPServerTransactionImpl.sendResponse}), and {@code SIPDialog.ackReceived} finds the
 * INVITE transaction through that timer: an ACK processed in between, on another stack thread,
 * is ignored, and the 2xx goes out again after T1 although the ACK came. On loopback a PBX's
 * ACK often arrives in that gap. The application calls {@link #ackReceived} when it handles the
 * ACK on the thread that sent the 2xx, so after the timer started: the timer stops. Harmless
 * when the stack already took the ACK ({@code ackReceived} does nothing once the ACK is seen).
 */
public final class CallpostDialogs {
    private CallpostDialogs() {
    }

    /** The ACK for the INVITE with CSeq number {@code cseq} arrived on {@code dialog}. */
    public static void ackReceived(Dialog dialog, long cseq) {
        if (dialog instanceof SIPDialog d) {
            d.ackReceived(cseq);
        }
    }
}
