package org.callpost.web.internal.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.Map;

import org.junit.Test;

public class RouterTest {
    private final Router router = new Router()
            .add("GET", "/messages/{id}", (r, p) -> ApiResponse.json(Map.of("id", p.get("id"))))
            .add("DELETE", "/messages/{id}", (r, p) -> ApiResponse.noContent())
            .add("GET", "/messages/{id}/audio", (r, p) -> ApiResponse.json("audio " + p.get("id")));

    static ApiRequest request(String method, String path) {
        return new ApiRequest(method, path, Map.of(), Map.of(), Map.of(), new byte[0], "192.0.2.7", false);
    }

    @Test
    public void routesByMethodAndPathWithItsParameters() throws Exception {
        assertEquals(Map.of("id", "17"), router.route(request("GET", "/messages/17")).json());
        assertEquals(204, router.route(request("DELETE", "/messages/17/")).status());
        assertEquals("audio 9", router.route(request("GET", "/messages/9/audio")).json());
    }

    @Test
    public void aKnownPathWithAnotherMethodIs405WithAllow() throws Exception {
        try {
            router.route(request("PUT", "/messages/17"));
            fail();
        } catch (ApiException e) {
            assertEquals(405, e.status());
            assertEquals("GET, DELETE", e.headers().get("Allow"));
        }
    }

    @Test
    public void anUnknownPathIs404() throws Exception {
        try {
            router.route(request("GET", "/nothing"));
            fail();
        } catch (ApiException e) {
            assertEquals(404, e.status());
        }
    }

    @Test
    public void theQueryIsDecodedWithoutTheBody() {
        assertEquals(Map.of("folder", "NEW", "a b", "c&d"), ServletAdapter.query("folder=NEW&a+b=c%26d"));
        assertEquals(Map.of(), ServletAdapter.query(null));
    }
}
