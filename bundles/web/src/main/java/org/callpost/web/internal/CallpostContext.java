package org.callpost.web.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.http.context.ServletContextHelper;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * Everything Callpost serves lives under {@code /callpost} in one whiteboard context: the pages,
 * the REST API ({@code /callpost/api}) and its OpenAPI description. Servlets and resources select it
 * with {@link #SELECT}.
 */
@Component(service = ServletContextHelper.class, scope = ServiceScope.BUNDLE)
@HttpWhiteboardContext(name = CallpostContext.NAME, path = "/callpost")
public class CallpostContext extends ServletContextHelper {
    public static final String NAME = "callpost";
    public static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";

    /** Resources come from this bundle (the default constructor would find none). */
    @Activate
    public CallpostContext(BundleContext context) {
        super(context.getBundle());
    }
}
