package io.vpcflow.sg;

/** Whether a rule matches a flow. ICMP rules for one type match only "possibly": records carry no ICMP type. */
enum Match {
    NO,
    POSSIBLY,
    YES
}
