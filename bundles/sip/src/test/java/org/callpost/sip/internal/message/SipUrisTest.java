package org.callpost.sip.internal.message;

import static org.junit.Assert.assertEquals;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import javax.sip.address.AddressFactory;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import org.junit.Test;

public class SipUrisTest {
    private final AddressFactory addresses = new AddressFactoryImpl();
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();

    /** A REGISTER as Registrations builds it, with these URIs. */
    private Request register(SipUris uris) throws Exception {
        var aor = uris.aor(addresses, "31", "10.0.0.1");
        return OutOfDialogRequest.of(new MessageFactoryImpl(), headers, addresses, Request.REGISTER,
                        uris.uri(addresses, null, "10.0.0.1", 5061))
                .callId("abc@10.0.0.2").cseq(1).from(aor, "t1").to(aor).via("10.0.0.2", 5071, uris.transport(), true)
                .contact(uris.uri(addresses, "31", "10.0.0.2", 5071)).build();
    }

    @Test
    public void sipsUrisCarryNoTransportAndReachEveryHeader() throws Exception {
        Request r = register(new SipUris("TLS", true));
        assertEquals("sips:10.0.0.1:5061", r.getRequestURI().toString());
        assertEquals("sips:31@10.0.0.1", ((FromHeader) r.getHeader(FromHeader.NAME)).getAddress().getURI().toString());
        assertEquals("sips:31@10.0.0.1", ((ToHeader) r.getHeader(ToHeader.NAME)).getAddress().getURI().toString());
        assertEquals("sips:31@10.0.0.2:5071", ((ContactHeader) r.getHeader(ContactHeader.NAME)).getAddress().getURI().toString());
        // the Via still names the transport the request goes over
        assertEquals("TLS", ((javax.sip.header.ViaHeader) r.getHeader("Via")).getTransport());
    }

    @Test
    public void withoutSipsTheTransportIsAParameterAsBefore() throws Exception {
        Request r = register(new SipUris("TLS", false));
        assertEquals("sip:10.0.0.1:5061;transport=tls", r.getRequestURI().toString().toLowerCase());
        assertEquals("sip:31@10.0.0.1", ((FromHeader) r.getHeader(FromHeader.NAME)).getAddress().getURI().toString());
        assertEquals("sip:31@10.0.0.2:5071;transport=tls",
                ((ContactHeader) r.getHeader(ContactHeader.NAME)).getAddress().getURI().toString().toLowerCase());
    }

    @Test
    public void referTargetsFollowTheScheme() {
        assertEquals("sips:33@pbx.example", new SipUris("TLS", true).referTarget("33", "pbx.example"));
        assertEquals("sip:33@pbx.example", new SipUris("TCP", false).referTarget("33", "pbx.example"));
    }
}
