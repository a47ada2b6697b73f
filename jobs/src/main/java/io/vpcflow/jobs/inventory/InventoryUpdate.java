package io.vpcflow.jobs.inventory;

/**
 * What the inventory reader broadcasts to the enrichment operators: a file of the root that is new or changed
 * ({@link #PUT}, its bytes gzipped), a file that is gone ({@link #REMOVE}), or the end of one look at the root
 * ({@link #COMMIT}): the files put so far are the inventory now. A commit comes after every look, changed or not, so
 * that records waiting for a snapshot of their time are looked at again. A Flink POJO.
 */
public class InventoryUpdate {
    public static final byte PUT = 1;
    public static final byte REMOVE = 2;
    public static final byte COMMIT = 3;

    public byte kind;
    /** PUT and REMOVE: the file's path below the root; COMMIT: the root's name. */
    public String path;
    /** PUT: what changes when the file does (size and time, an ETag). */
    public String stamp;
    /** PUT: the file, gzipped. */
    public byte[] gzipped;
    /** COMMIT: counts the inventories the reader has committed, from 1. */
    public long version;
    /** COMMIT: the root's listing fingerprint; the same one means the same inventory. */
    public String fingerprint;
    /**
     * COMMIT: epoch seconds up to which snapshots are known: the oldest of the estates' newest snapshots (Long.MAX_VALUE
     * when no estate has a series). A record newer than this may still get a snapshot of its own time.
     */
    public long knownUntil;

    public InventoryUpdate() {}

    static InventoryUpdate put(String path, String stamp, byte[] gzipped) {
        InventoryUpdate u = new InventoryUpdate();
        u.kind = PUT;
        u.path = path;
        u.stamp = stamp;
        u.gzipped = gzipped;
        return u;
    }

    static InventoryUpdate remove(String path) {
        InventoryUpdate u = new InventoryUpdate();
        u.kind = REMOVE;
        u.path = path;
        return u;
    }

    static InventoryUpdate commit(String root, long version, String fingerprint, long knownUntil) {
        InventoryUpdate u = new InventoryUpdate();
        u.kind = COMMIT;
        u.path = root;
        u.version = version;
        u.fingerprint = fingerprint;
        u.knownUntil = knownUntil;
        return u;
    }
}
