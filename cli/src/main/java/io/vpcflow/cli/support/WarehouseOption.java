package io.vpcflow.cli.support;

import io.vpcflow.query.RunState;
import io.vpcflow.query.Warehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import picocli.CommandLine.Option;

/** {@code --warehouse DIR} and {@code --allow-incomplete}, for the commands that read a run's tables. */
public final class WarehouseOption {
    @Option(names = "--warehouse", paramLabel = "DIR", description = "The tables' folder. Default: ./vpcflow-out.")
    public Path dir = Paths.get("vpcflow-out");

    @Option(
            names = "--allow-incomplete",
            description = "Read the tables of a run that did not finish (interrupted, failed or still writing), "
                    + "with a warning; without it such tables are refused.")
    boolean allowIncomplete;

    /**
     * Opens the warehouse, refusing (or, with {@code --allow-incomplete}, warning about) the tables of a run that
     * did not finish.
     */
    public Warehouse open(PrintWriter err, boolean unrestricted) throws SQLException, IOException {
        String incomplete = incomplete();
        Warehouse w;
        try {
            w = Warehouse.open(dir, unrestricted);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (incomplete != null) {
            err.println("vpcflow: warning: " + TerminalText.safe(incomplete, 400) + ": its tables are not a whole run");
            err.flush();
        }
        return w;
    }

    /**
     * The warehouse folder, for a command that reads its files itself: refused, or warned about, as {@link #open}
     * does.
     */
    public Path checked(PrintWriter err) throws IOException {
        String incomplete = incomplete();
        if (incomplete != null) {
            err.println("vpcflow: warning: " + TerminalText.safe(incomplete, 400) + ": its tables are not a whole run");
            err.flush();
        }
        return dir;
    }

    /** What is wrong with the folder's run when it is not whole and that is allowed; null when it is whole. */
    private String incomplete() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UserError("no tables at " + dir + ": run vpcflow replay first, or give --warehouse");
        }
        String incomplete = RunState.incomplete(dir, OutputLock.held(dir));
        if (incomplete != null && !allowIncomplete) {
            throw new UserError(TerminalText.safe(incomplete, 400)
                    + ": its tables are not a whole run (give --allow-incomplete to read them anyway)");
        }
        return incomplete;
    }
}
