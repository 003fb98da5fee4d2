package org.callpost.store.postgres.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The PostgreSQL message store's settings (pid {@code org.callpost.store.postgres}). Its being
 * there is what makes PostgreSQL the message store. The limits and PIN rules are the file store's
 * settings, by the same names (minimum.message.millis, mailbox.max.messages, ...), set in this pid.
 */
@ObjectClassDefinition(id = PostgresStoreConfig.PID, name = "Callpost message store on PostgreSQL",
        description = "Mailboxes, greetings and messages in a PostgreSQL database; with this configuration "
                + "the file store steps aside. The limits and PIN rules take the file store's setting names.")
public @interface PostgresStoreConfig {
    String PID = "org.callpost.store.postgres";

    @AttributeDefinition(name = "JDBC URL",
            description = "The database, e.g. jdbc:postgresql://db.example.com:5432/callpost. Callpost creates and "
                    + "migrates its tables in it at start. Read when the store starts.")
    String url();

    @AttributeDefinition(name = "User", description = "The database user; it owns Callpost's tables.")
    String user() default "callpost";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "The database user's password. Type it in clear: Callpost replaces it with a sealed form "
                    + "({sealed}...) under the key in etc/callpost.key; never logged.")
    String password() default "";

    @AttributeDefinition(name = "Connections", min = "1", max = "100",
            description = "The most connections the store keeps open to the database. Read when the store starts.")
    int pool_size() default 8;

    @AttributeDefinition(name = "Spool folder",
            description = "The folder on this node where recordings in progress are spooled until they are "
                    + "committed to the database, and local copies of the audio are kept for playing. "
                    + "${karaf.data} is Karaf's data folder. Read when the store starts.")
    String spool_folder() default "${karaf.data}/callpost/spool";

    @AttributeDefinition(name = "Node name",
            description = "This call server's name among the nodes on one database: letters, digits, '.', '_' and "
                    + "'-', at most 40. Empty: the host's name and a random suffix, new at each start. Shown in the "
                    + "lamp leases (table lamp) and the database's pg_stat_activity. Read when the store starts.")
    String node_name() default "";
}
