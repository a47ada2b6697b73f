package io.vpcflow.jobs.enrichment;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.RowEnricher;
import io.vpcflow.verdict.Initiator;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Attributes and judges, batch by batch, every record that needs no connection state, where it was read: no
 * shuffle, so the whole path from file to partial sums stays in one chain. Records that can teach or use a
 * connection's initiator (TCP with tcp-flags) go to {@link #NEEDS_CONNECTION_STATE} untouched, for
 * {@link ConnectionEnrichFunction} after a {@code keyBy} on the connection.
 */
public final class EnrichFunction extends ProcessFunction<FlowRow[], FlowRow[]> {
    private static final long serialVersionUID = 1L;

    /** Records for {@link ConnectionEnrichFunction}. */
    public static final OutputTag<FlowRow> NEEDS_CONNECTION_STATE = new OutputTag<>("needs-connection-state") {
        private static final long serialVersionUID = 1L;
    };

    private final Enricher enricher;

    /** @param inventoryDir a local inventory root, read when the task starts */
    public EnrichFunction(String inventoryDir) {
        this.enricher = new Enricher(inventoryDir);
    }

    @Override
    public void open(OpenContext context) {
        enricher.open(getRuntimeContext());
    }

    @Override
    public void close() throws Exception {
        enricher.close();
        super.close();
    }

    @Override
    public void processElement(FlowRow[] rows, Context ctx, Collector<FlowRow[]> out) {
        int kept = 0;
        for (FlowRow row : rows) {
            if (RowEnricher.needsConnectionState(row)) {
                ctx.output(NEEDS_CONNECTION_STATE, row);
            } else {
                enricher.enrich(row, Initiator.UNKNOWN);
                rows[kept++] = row;
            }
        }
        if (kept > 0) {
            out.collect(kept == rows.length ? rows : Arrays.copyOf(rows, kept));
        }
    }
}
