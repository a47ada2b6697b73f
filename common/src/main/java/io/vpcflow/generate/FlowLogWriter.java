package io.vpcflow.generate;

import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.FlowRecord;

/** Writes records as AWS writes them in one format: fields separated by single spaces, {@code -} for no value. */
public final class FlowLogWriter {
    private final FlowLogFormat format;

    public FlowLogWriter(FlowLogFormat format) {
        this.format = format;
    }

    public String header() {
        return format.headerLine();
    }

    public String write(FlowRecord r) {
        StringBuilder sb = new StringBuilder(128);
        for (int i = 0; i < format.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            FlowField f = format.field(i);
            if (f != null) {
                sb.append(r.text(f));
            } else {
                sb.append(r.extras().getOrDefault(format.names().get(i), "-"));
            }
        }
        return sb.toString();
    }
}
