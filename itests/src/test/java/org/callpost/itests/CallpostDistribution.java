package org.callpost.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.function.Predicate;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.Integrations;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Boots the Callpost distribution built by this reactor (not a stock Karaf) and gives tests the
 * services an administrator's tools use: Config Admin, the integrations, the shell.
 */
public abstract class CallpostDistribution {
    @Inject
    protected BundleContext bundleContext;
    @Inject
    protected ConfigurationAdmin configAdmin;
    @Inject
    protected Integrations integrations;
    @Inject
    protected SessionFactory sessionFactory;

    @Configuration
    public Option[] distribution() throws IOException {
        return options(
                karafDistributionConfiguration()
                        .frameworkUrl(maven().groupId("org.callpost").artifactId("callpost-karaf-assembly").type("tar.gz")
                                .versionAsInProject())
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false)
                        .name("Callpost"),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO),
                // never depend on fixed ports being free (a developer's Callpost may be running)
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.callpost.integration-office400.cfg", "sip.local.port", String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.callpost.integration-office400.cfg", "sip.server.port", String.valueOf(freePort())),
                // ports the tests inside Karaf hand out come from a lane of their own (Ports)
                systemProperty("callpost.test.ports.lane").value("1"),
                systemProperty("callpost.sipp.dir").value(new File("../sipp").getCanonicalPath()),
                // the public SIP torture messages (RFC 4475, RFC 5118) TortureIT sends, kept in this
                // module so that a clone of the repository alone runs every test
                systemProperty("callpost.conformance.dir").value(new File("src/test/resources/conformance").getCanonicalPath()),
                // the bundles this reactor built (ProfilesIT drops one into deploy/) and their version
                systemProperty("callpost.bundles.dir").value(new File("../bundles").getCanonicalPath()),
                systemProperty("callpost.version").value(System.getProperty("callpost.version", "")),
                systemProperty("org.ops4j.pax.url.mvn.localRepository").value(System.getProperty("org.ops4j.pax.url.mvn.localRepository", "")),
                editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.logger.callpost.name", "org.callpost.sip.internal"),
                editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.logger.callpost.level", "DEBUG"),
                // -Dcallpost.it.keep=true keeps target/exam/<uuid> (its data/log/karaf.log) for a look
                when(Boolean.getBoolean("callpost.it.keep")).useOptions(keepRuntimeFolder()),
                mavenBundle("org.callpost", "callpost-test-support").versionAsInProject());
    }

    static int freePort() throws IOException {
        // below the ephemeral range and never twice (HealthIT saw ssh's RMI port equal the HTTP
        // port; LineRegistrationIT a PBX port taken by an outgoing connection before it came up)
        return org.callpost.testsupport.Ports.free();
    }

    /** Creates or replaces the factory configuration org.callpost.integration~name. */
    protected void configure(String name, Object... keyValues) throws IOException {
        Dictionary<String, Object> p = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put((String) keyValues[i], keyValues[i + 1]);
        }
        configAdmin.getFactoryConfiguration("org.callpost.integration", name, "?").update(p);
    }

    protected void remove(String name) throws IOException {
        configAdmin.getFactoryConfiguration("org.callpost.integration", name, "?").delete();
    }

    /** Waits for an integration's status to pass the test; returns the last status seen. */
    protected Optional<IntegrationStatus> await(String name, Predicate<IntegrationStatus> test, long millis)
            throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        Optional<IntegrationStatus> s = integrations.find(name);
        while (System.currentTimeMillis() < end) {
            s = integrations.find(name);
            if (s.isPresent() && test.test(s.get())) {
                return s;
            }
            Thread.sleep(100);
        }
        return s.filter(test);
    }

    /**
     * Runs a shell command as an administrator would and returns what it printed. Karaf registers a
     * bundle's commands after the bundle has started, apart from the services a test waits for: a
     * test's first command may come before them (MailboxDefaultsIT did, once in CI), so a command
     * not found yet is tried again for up to 30 s.
     */
    protected String shell(String command) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        while (true) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            Session session = sessionFactory.create(System.in, print, print);
            try {
                session.execute(command);
                return out.toString(StandardCharsets.UTF_8);
            } catch (Exception e) {
                // Gogo's CommandNotFoundException, by name: its package is not the probe's to import
                if (!e.getClass().getSimpleName().equals("CommandNotFoundException")
                        || System.currentTimeMillis() > end) {
                    throw e;
                }
            } finally {
                session.close();
            }
            Thread.sleep(200);
        }
    }
}
