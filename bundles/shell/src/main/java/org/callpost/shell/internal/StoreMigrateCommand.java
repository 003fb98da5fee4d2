package org.callpost.shell.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.callpost.api.store.StoreMigration;

/**
 * {@code callpost:store-migrate [folder]}: copies a file store into the PostgreSQL store, through
 * the {@link StoreMigration} that store registers (so the shell does not depend on it). Prints no
 * PIN nor hash: only the folder and the counts.
 */
@Command(scope = "callpost", name = "store-migrate", description = "Copies a file store (mailboxes with their PINs, "
        + "greetings, messages with their folder and heard state) into the PostgreSQL store; run again, it copies "
        + "only what is not there yet")
@Service
public class StoreMigrateCommand implements Action {
    // optional: registered by the PostgreSQL store only while it is open
    @Reference(optional = true)
    StoreMigration migration;

    @Argument(index = 0, name = "folder", required = false, description = "The file store's folder (default: the "
            + "folder of pid org.callpost.store.file, ${karaf.data}/callpost/store)")
    String folder;

    @Override
    public Object execute() {
        if (migration == null) {
            System.out.println("The PostgreSQL store is not running: feature:install callpost-postgres, configure "
                    + "etc/org.callpost.store.postgres.cfg, and check callpost:health that its database answers");
            return null;
        }
        Path from = folder == null || folder.isBlank() ? migration.fileStoreFolder()
                : Path.of(folder.trim()).toAbsolutePath().normalize();
        System.out.println("Copying the file store in " + from + " into PostgreSQL");
        StoreMigration.Copied copied;
        try {
            copied = migration.copyFileStore(from);
        } catch (IOException e) {
            System.out.println("Not copied: " + e.getMessage() + " (what was copied before stays; run the command "
                    + "again to copy the rest)");
            return null;
        }
        if (copied.mailboxes() + copied.greetings() + copied.messages() > 0) {
            System.out.println("The store reads what was copied when it restarts: bundle:restart org.callpost.store.postgres");
        }
        System.out.println(copied);
        return null;
    }
}
