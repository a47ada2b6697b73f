package io.vpcflow.jobs.enrichment;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.jobs.types.FlowRowType;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** A record waiting for its inventory, and since when (processing time, ms). A Flink POJO. */
public class HeldRow {
    public FlowRow row;
    public long since;

    public HeldRow() {}

    /**
     * Its type, the row's named: the state that holds it is made on a task manager, where type extraction knows no
     * type the job's builder registered.
     */
    static TypeInformation<HeldRow> type() {
        return Types.POJO(HeldRow.class, Map.of("row", FlowRowType.INSTANCE, "since", Types.LONG));
    }
}
