package org.callpost.sip.internal.message;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import javax.sip.address.AddressFactory;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.junit.Test;

public class OutOfDialogRequestTest {
    private final HeaderFactory headers = new HeaderFactoryImpl();
    private final AddressFactory addresses = new AddressFactoryImpl();

    private Request register() throws Exception {
        var target = OutOfDialogRequest.uri(addresses, null, "10.0.0.1", 5060, "tcp");
        var aor = OutOfDialogRequest.uri(addresses, "31", "10.0.0.1", 0, null);
        return OutOfDialogRequest.of(new MessageFactoryImpl(), headers, addresses, Request.REGISTER, target)
                .callId("abc@10.0.0.2").cseq(7).from(aor, "t1").to(aor).via("10.0.0.2", 5070, "tcp", true)
                .contact(OutOfDialogRequest.uri(addresses, "31", "10.0.0.2", 5070, "tcp")).userAgent("Callpost")
                .header(headers.createExpiresHeader(300)).build();
    }

    @Test
    public void carriesTheRequiredHeaders() throws Exception {
        Request r = register();
        assertEquals(Request.REGISTER, r.getMethod());
        assertEquals("sip:10.0.0.1:5060;transport=tcp", r.getRequestURI().toString());
        assertEquals("abc@10.0.0.2", ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId());
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        assertEquals(7, cseq.getSeqNumber());
        assertEquals(Request.REGISTER, cseq.getMethod());
        FromHeader from = (FromHeader) r.getHeader(FromHeader.NAME);
        assertEquals("t1", from.getTag());
        assertEquals("sip:31@10.0.0.1", from.getAddress().getURI().toString());
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        assertNull(to.getTag());
        assertEquals("sip:31@10.0.0.1", to.getAddress().getURI().toString());
        assertEquals(70, ((MaxForwardsHeader) r.getHeader(MaxForwardsHeader.NAME)).getMaxForwards());
        assertEquals("Callpost", ((UserAgentHeader) r.getHeader(UserAgentHeader.NAME)).getProduct().next());
        assertEquals(300, r.getExpires().getExpires());
    }

    @Test
    public void theViaBranchStartsWithTheMagicCookieAndIsNewEachTime() throws Exception {
        ViaHeader via = (ViaHeader) register().getHeader(ViaHeader.NAME);
        assertTrue(via.getBranch(), via.getBranch().startsWith("z9hG4bK"));
        assertTrue(via.getBranch().length() > 7);
        assertEquals("10.0.0.2", via.getHost());
        assertEquals(5070, via.getPort());
        assertEquals("TCP", via.getTransport().toUpperCase());
        assertTrue(via.toString().contains("rport"));
        assertNotEquals(via.getBranch(), ((ViaHeader) register().getHeader(ViaHeader.NAME)).getBranch());
    }

    @Test
    public void theContactIsTheLineAtOurAddress() throws Exception {
        ContactHeader c = (ContactHeader) register().getHeader(ContactHeader.NAME);
        assertEquals("sip:31@10.0.0.2:5070;transport=tcp", c.getAddress().getURI().toString());
    }

    @Test
    public void withoutContactOrRportWhenNotAsked() throws Exception {
        var uri = OutOfDialogRequest.uri(addresses, null, "pbx", 5060, "udp");
        Request r = OutOfDialogRequest.of(new MessageFactoryImpl(), headers, addresses, Request.OPTIONS, uri)
                .callId("x").from(OutOfDialogRequest.uri(addresses, "31", "10.0.0.2", 0, null), "t").to(uri)
                .via("10.0.0.2", 5070, "udp", false).build();
        assertNull(r.getHeader(ContactHeader.NAME));
        assertNull(r.getHeader(UserAgentHeader.NAME));
        assertEquals(1, ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber());
        assertTrue(!r.getHeader(ViaHeader.NAME).toString().contains("rport"));
    }

    @Test(expected = IllegalStateException.class)
    public void refusesARequestWithoutVia() throws Exception {
        var uri = OutOfDialogRequest.uri(addresses, null, "pbx", 5060, "udp");
        OutOfDialogRequest.of(new MessageFactoryImpl(), headers, addresses, Request.OPTIONS, uri).callId("x")
                .from(uri, "t").to(uri).build();
    }
}
