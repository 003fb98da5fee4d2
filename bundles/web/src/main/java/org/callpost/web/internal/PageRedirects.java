package org.callpost.web.internal;

import java.io.IOException;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * {@code /callpost/} and {@code /callpost/admin/} answer their page by a redirect to its index.html:
 * the whiteboard's resource servlet serves files, not a folder's index, and Pax Web 8 drops a
 * servlet pattern "" (the context root), so a filter in front of everything catches the two addresses.
 */
@Component(service = Filter.class)
@HttpWhiteboardContextSelect(CallpostContext.SELECT)
@HttpWhiteboardFilterName("callpost-page-redirects")
@HttpWhiteboardFilterPattern("/*")
public class PageRedirects implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod())) {
            if (path.isEmpty() || "/".equals(path)) {
                ((HttpServletResponse) response).sendRedirect(req.getContextPath() + "/index.html");
                return;
            }
            if ("/admin".equals(path) || "/admin/".equals(path)) {
                ((HttpServletResponse) response).sendRedirect(req.getContextPath() + "/admin/index.html");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
