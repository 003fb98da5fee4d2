package org.callpost.store.postgres.internal;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.callpost.api.store.MessageStore;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the file store step aside while the PostgreSQL store is configured: the file store's
 * component is disabled as soon as it appears (so nothing keeps using it: every user of the
 * MessageStore binds statically, and re-binds to the PostgreSQL store), and enabled again when
 * the configuration {@code org.callpost.store.postgres} is deleted or this bundle stops. Its own
 * component, on the same pid as the store, so the file store stays aside even when the
 * PostgreSQL store cannot start: messages never go to files the administrator moved away from.
 * The file store bundle is not changed; its default install works as before.
 * <p>
 * Thread: SCR calls the methods here; the file store is disabled and enabled on a thread of this
 * class's own ({@link #STEPPER}), never in an SCR callback: {@code disableComponent} waits for SCR's own work,
 * and called from SCR's thread while a {@code bundle:restart} started the new component it
 * deadlocked (CI, PostgresStoreIT, 2026-12-07: the shell command never returned).
 */
@Component(configurationPid = PostgresStoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
public final class FileStoreAside {
    private static final Logger LOG = LoggerFactory.getLogger(FileStoreAside.class);
    static final String FILE_STORE = "org.callpost.store.file.internal.FileMessageStore";

    private final ServiceComponentRuntime scr;
    private final BundleContext context;
    /**
     * Where the file store is disabled and enabled: one thread for every instance of this
     * component, so an old instance's enable (a bundle:restart, a configuration replaced) runs
     * before the new instance's disable and the file store does not end up enabled. It ends when
     * idle for 5 s, so nothing is left running when the bundle goes.
     */
    private static final ExecutorService STEPPER = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "callpost-store-file-aside");
                thread.setDaemon(true);
                return thread;
            });
    // guarded by this
    private Bundle fileStoreBundle;

    @Activate
    public FileStoreAside(@Reference ServiceComponentRuntime scr, BundleContext context) {
        this.scr = scr;
        this.context = context;
    }

    /** A change of the store's settings (the password sealed, a limit): the file store stays aside. */
    @Modified
    void modified() {
        // without this DS would deactivate and activate again, letting the file store back for a moment
    }

    /** The file store's service appeared (its reference only: getting the service would start it). */
    @Reference(service = MessageStore.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(component.name=" + FILE_STORE + ")")
    void fileStore(ServiceReference<MessageStore> reference) {
        Bundle bundle = reference.getBundle();
        if (bundle == null) {
            return;
        }
        synchronized (this) {
            fileStoreBundle = bundle;
        }
        STEPPER.execute(logged("set the file store aside", () -> description(bundle).ifPresent(d -> scr.disableComponent(d)
                .onResolve(() -> LOG.info(
                        "Message store on PostgreSQL configured: the file store stepped aside (its files are left as they are)")))));
    }

    void unfileStore(ServiceReference<MessageStore> reference) {
        // disabled by fileStore, or its bundle stopped: nothing to undo
    }

    @Deactivate
    void deactivate() {
        if (context.getBundle(0).getState() == Bundle.STOPPING) {
            return; // Karaf is stopping: everything stops, and the file store is aside again at the next start
        }
        Bundle bundle;
        synchronized (this) {
            bundle = fileStoreBundle;
        }
        if (bundle != null) {
            // after any disable still queued, so the file store ends up enabled
            STEPPER.execute(logged("enable the file store again", () -> {
                if (bundle.getState() == Bundle.ACTIVE) {
                    description(bundle).filter(d -> !scr.isComponentEnabled(d)).ifPresent(d -> {
                        LOG.info("Message store on PostgreSQL no longer configured: the file store is the message store again");
                        scr.enableComponent(d);
                    });
                }
            }));
        }
    }

    /** A step that fails (the file store bundle uninstalled meanwhile) says so in the log, not on stderr. */
    private static Runnable logged(String what, Runnable step) {
        return () -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.warn("Could not {}: {}", what, e.toString());
            }
        };
    }

    private Optional<ComponentDescriptionDTO> description(Bundle bundle) {
        return Optional.ofNullable(scr.getComponentDescriptionDTO(bundle, FILE_STORE));
    }
}
