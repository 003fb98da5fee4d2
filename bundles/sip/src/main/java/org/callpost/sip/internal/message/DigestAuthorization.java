package org.callpost.sip.internal.message;

import java.text.ParseException;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sip.address.AddressFactory;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Response;

/**
 * The one place a digest {@code Authorization} (or {@code Proxy-Authorization}) header is made:
 * from the challenge, the credentials and the nonce count (RFC 2617, RFC 7616 section 3.4). One
 * instance per client binding (a line's registration, a placed call), so that each use of the
 * same nonce counts up ({@code nc=00000001}, {@code 00000002}, ...) and a new nonce starts at 1
 * again. Used on its integration's thread only.
 */
public final class DigestAuthorization {
    private final Supplier<String> clientNonces;
    private String nonce;
    private int uses;

    public DigestAuthorization() {
        this(null);
    }

    /** With given client nonces (for checking against published examples); null draws random ones. */
    DigestAuthorization(Supplier<String> clientNonces) {
        this.clientNonces = clientNonces;
    }

    /**
     * The challenge in a 401 or 407: the header its status names (WWW- or Proxy-Authenticate),
     * else the other one; null when it carries neither.
     */
    public static Challenge challengeIn(Response r) {
        boolean proxyCode = r.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        WWWAuthenticateHeader www = (WWWAuthenticateHeader) r.getHeader(WWWAuthenticateHeader.NAME);
        WWWAuthenticateHeader proxy = (ProxyAuthenticateHeader) r.getHeader(ProxyAuthenticateHeader.NAME);
        WWWAuthenticateHeader h = proxyCode ? (proxy != null ? proxy : www) : (www != null ? www : proxy);
        if (h == null) {
            return null;
        }
        return new Challenge(h == proxy, h.getRealm(), h.getNonce(), h.getAlgorithm(), h.getOpaque(), h.getQop(),
                "true".equalsIgnoreCase(h.getParameter("stale")));
    }

    /** Whether we can answer the challenge (MD5, or no algorithm named). */
    public static boolean supports(Challenge c) {
        return DigestAnswer.supports(c.algorithm());
    }

    /** A new binding (another registrar, a new Call-ID): the next nonce counts from 1 whatever it is. */
    public void forget() {
        nonce = null;
        uses = 0;
    }

    /** The nonce count the next answer to this nonce carries, counting this use. */
    private int use(String challengeNonce) {
        if (!Objects.equals(challengeNonce, nonce)) {
            nonce = challengeNonce;
            uses = 0;
        }
        return ++uses;
    }

    /**
     * The header answering {@code c} for a request: Proxy-Authorization for a 407's challenge,
     * else Authorization. The algorithm is the challenge's (MD5 when it names none).
     */
    public AuthorizationHeader answer(HeaderFactory headers, AddressFactory addresses, Challenge c, String method,
            String uri, String username, String password) throws ParseException {
        DigestAnswer a = next(c, method, uri, username, password);
        AuthorizationHeader h = c.proxy() ? headers.createProxyAuthorizationHeader("Digest")
                : headers.createAuthorizationHeader("Digest");
        h.setUsername(a.username);
        h.setRealm(a.realm);
        h.setNonce(a.nonce);
        h.setURI(addresses.createURI(a.uri));
        h.setResponse(a.response);
        h.setAlgorithm(a.algorithm == null || a.algorithm.isEmpty() ? "MD5" : a.algorithm);
        if (a.opaque != null) {
            h.setOpaque(a.opaque);
        }
        if (a.qop != null) {
            h.setQop(a.qop);
            h.setCNonce(a.cnonce);
            h.setNonceCount(Integer.parseInt(a.nonceCount, 16));
        }
        return h;
    }

    /** The next answer to {@code c}, counting this use of its nonce; {@link #answer} puts it in a header. */
    DigestAnswer next(Challenge c, String method, String uri, String username, String password) {
        int nc = use(c.nonce());
        return clientNonces == null
                ? DigestAnswer.answer(method, uri, username, password, c.realm(), c.nonce(), c.algorithm(), c.opaque(),
                        c.qop(), nc)
                : DigestAnswer.answer(method, uri, username, password, c.realm(), c.nonce(), c.algorithm(), c.opaque(),
                        c.qop(), nc, clientNonces.get());
    }
}
