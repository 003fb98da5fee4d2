package org.callpost.web.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /callpost/} and {@code /callpost/admin/} answer their page: the whiteboard's resource
 * servlet serves files, not a folder's index.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(CallpostContext.SELECT)
// Pax Web names a servlet by its service class when unnamed: two would clash
@HttpWhiteboardServletName("callpost-page-redirects")
@HttpWhiteboardServletPattern({"", "/admin/"})
public class PageRedirects extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean admin = "/admin/".equals(req.getServletPath());
        resp.sendRedirect(req.getContextPath() + (admin ? "/admin/index.html" : "/index.html"));
    }
}
