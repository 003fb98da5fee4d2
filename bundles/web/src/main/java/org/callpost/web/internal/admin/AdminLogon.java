package org.callpost.web.internal.admin;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * Checks an administrator's name and password against Karaf's JAAS realm ({@code karaf}: the users of
 * etc/users.properties by default, or whatever the Karaf administrator configured), as Karaf's own web
 * console and SSH do.
 */
public final class AdminLogon {
    public static final String REALM = "karaf";
    public static final String ROLE = "admin";

    public enum Outcome {
        /** The user has role admin and a password of their own. */
        ACCEPTED,
        /** Wrong user or password. */
        WRONG,
        /** Right password, but the user lacks role admin. */
        NOT_ADMIN,
        /** User karaf whose password is still Karaf's default "karaf": anyone could log on. */
        DEFAULT_PASSWORD
    }

    private final String realm;

    public AdminLogon(String realm) {
        this.realm = realm;
    }

    public Outcome check(String user, String password) {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        // LoginContext loads the realm's module (Karaf's ProxyLoginModule) through the context class
        // loader; a container thread's may not see Karaf's boot classes
        thread.setContextClassLoader(ProxyLoginModule.class.getClassLoader());
        try {
            LoginContext context = new LoginContext(realm, subject, callbacks -> {
                for (Callback callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(user);
                    } else if (callback instanceof PasswordCallback pass) {
                        pass.setPassword(password.toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            });
            context.login();
            try {
                boolean admin = subject.getPrincipals(RolePrincipal.class).stream().anyMatch(r -> ROLE.equals(r.getName()));
                if (!admin) {
                    return Outcome.NOT_ADMIN;
                }
                return "karaf".equals(user) && "karaf".equals(password) ? Outcome.DEFAULT_PASSWORD : Outcome.ACCEPTED;
            } finally {
                context.logout();
            }
        } catch (LoginException e) {
            return Outcome.WRONG;
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
