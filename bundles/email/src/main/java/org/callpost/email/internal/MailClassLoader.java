package org.callpost.email.internal;

import jakarta.mail.Session;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.eclipse.angus.activation.MailcapRegistryProviderImpl;

/**
 * The thread context class loader while an email is put together and sent. Jakarta Activation
 * finds its mailcap registry (in angus-activation) by ServiceLoader, and the content handlers
 * named in Angus Mail's META-INF/mailcap, through the thread's context class loader: in OSGi
 * that sees neither bundle. This one looks in both bundles (and in this one), so multipart
 * emails find their handlers without a ServiceLoader mediator (SPI Fly) in the framework.
 */
final class MailClassLoader extends ClassLoader {
    private final List<ClassLoader> loaders;

    MailClassLoader() {
        super(null);
        List<ClassLoader> l = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {Session.class, MailcapRegistryProviderImpl.class, MailClassLoader.class}) {
            ClassLoader cl = c.getClassLoader();
            if (cl != null && !l.contains(cl)) {
                l.add(cl);
            }
        }
        loaders = List.copyOf(l);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader cl : loaders) {
            try {
                return cl.loadClass(name);
            } catch (ClassNotFoundException e) {
                // the next one
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (ClassLoader cl : loaders) {
            URL u = cl.getResource(name);
            if (u != null) {
                return u;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> all = new ArrayList<>();
        for (ClassLoader cl : loaders) {
            for (URL u : Collections.list(cl.getResources(name))) {
                if (!all.contains(u)) {
                    all.add(u);
                }
            }
        }
        return Collections.enumeration(all);
    }
}
