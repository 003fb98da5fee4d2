package org.callpost.web.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * The static pages (HTML, CSS and plain JavaScript, no build step) from the bundle's {@code /web}
 * folder: the subscriber's inbox at {@code /callpost/}, the administrator's dashboard at
 * {@code /callpost/admin/}.
 */
@Component(service = Pages.class)
@HttpWhiteboardContextSelect(CallpostContext.SELECT)
@HttpWhiteboardResource(pattern = "/*", prefix = "/web")
public class Pages {
}
